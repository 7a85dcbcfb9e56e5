/**
 * Little's law, L = λW, on multi-stage lines. avgWip counts parts from leaving
 * their source to leaving at a sink and avgTimeInSystemS is the same interval
 * for parts that reached the sink, so within each replication
 *   d = avgWip − (sink count / span)·avgTimeInSystemS
 * differs from 0 only by end effects (parts present at the window's ends),
 * whose expectation cancels in steady state. Across independent replications
 * the mean of d must be 0 within 4 standard errors, and that band must be
 * narrow (< 1 % of L) so a bookkeeping error in either statistic shows.
 * The lines use no split or assembly, where one part becomes several.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../../server/protocol/model.ts';
import { buildModel, constant, exponential, nodeField, replicate } from './helpers.ts';
import { binomialHalfWidth, estimate } from './statistics.ts';

function checkLittle(model: Model, sinkId = 'out') {
  const plan = { horizonS: 15_500, warmupS: 500, replications: 20, seed: 17 };
  const span = plan.horizonS - plan.warmupS;
  const reps = replicate(model, plan);
  const wip = estimate(reps.map((r) => r.system.avgWip));
  const d = estimate(reps.map((r) => r.system.avgWip - (r.sinks[sinkId].count / span) * r.system.avgTimeInSystemS));
  const detail = `L = ${wip.mean.toFixed(4)}, mean(L − λW) = ${d.mean.toFixed(5)} ± ${d.half.toFixed(5)} (4σ, n=${d.n})`;
  if (process.env.VALIDATION_LOG) console.log(detail);
  expect(Math.abs(d.mean), detail).toBeLessThanOrEqual(d.half);
  expect(d.half, detail).toBeLessThan(0.01 * wip.mean);
}

describe("Little's law on multi-stage lines", () => {
  it('open line fed by a Poisson source: buffers, parallel servers, a delay, mixed distributions', () => {
    checkLittle(
      buildModel([
        { id: 'src', type: 'source', interarrival: exponential(2), to: 'q1' },
        { id: 'q1', type: 'buffer', capacity: null, to: 'm1' },
        { id: 'm1', type: 'machine', cycle: exponential(1.2), to: 'b1' },
        { id: 'b1', type: 'buffer', capacity: 3, to: 'm2' },
        { id: 'm2', type: 'machine', servers: 2, cycle: { dist: 'lognormal', mean: 3, sd: 1.5 }, to: 'd' },
        { id: 'd', type: 'delay', time: { dist: 'uniform', min: 2, max: 6 }, to: 'm3' },
        { id: 'm3', type: 'machine', cycle: { dist: 'triangular', min: 0.5, mode: 1, max: 2 }, to: 'out' },
        { id: 'out', type: 'sink' },
      ]),
    );
  });

  it('line whose timed source is blocked by a full first buffer (the held part is not yet in the system)', () => {
    checkLittle(
      buildModel([
        { id: 'src', type: 'source', interarrival: exponential(1.25), to: 'b0' },
        { id: 'b0', type: 'buffer', capacity: 2, to: 'm1' },
        { id: 'm1', type: 'machine', cycle: exponential(1), to: 'b1' },
        { id: 'b1', type: 'buffer', capacity: 2, to: 'm2' },
        { id: 'm2', type: 'machine', cycle: exponential(1), to: 'out' },
        { id: 'out', type: 'sink' },
      ]),
    );
  });

  it('saturated line fed by an unlimited source', () => {
    checkLittle(
      buildModel([
        { id: 'src', type: 'source', to: 'm1' },
        { id: 'm1', type: 'machine', cycle: exponential(1), to: 'b1' },
        { id: 'b1', type: 'buffer', capacity: 3, to: 'm2' },
        { id: 'm2', type: 'machine', cycle: exponential(1.1), to: 'out' },
        { id: 'out', type: 'sink' },
      ]),
    );
  });

  it('routing by probability to two parallel branches and two sinks', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: exponential(1), to: 'q' },
      { id: 'q', type: 'buffer', capacity: null, to: [{ id: 'fast', p: 0.7 }, { id: 'slow', p: 0.3 }] },
      { id: 'fast', type: 'machine', servers: 2, cycle: exponential(2), to: 'out' },
      { id: 'slow', type: 'machine', servers: 2, cycle: exponential(4), to: 'out2' },
      { id: 'out', type: 'sink' },
      { id: 'out2', type: 'sink' },
    ]);
    const plan = { horizonS: 15_500, warmupS: 500, replications: 20, seed: 5 };
    const span = plan.horizonS - plan.warmupS;
    const reps = replicate(model, plan);
    // System-wide: λ is the total departure rate over both sinks.
    const d = estimate(reps.map((r) => r.system.avgWip - ((r.sinks.out.count + r.sinks.out2.count) / span) * r.system.avgTimeInSystemS));
    const wip = estimate(reps.map((r) => r.system.avgWip));
    expect(Math.abs(d.mean)).toBeLessThanOrEqual(d.half);
    expect(d.half).toBeLessThan(0.01 * wip.mean);
    // Routing: each part goes to `fast` with p = 0.7, so fast's share is binomial.
    const fast = reps.reduce((a, r) => a + nodeField(r, 'fast', 'completed'), 0);
    const total = fast + reps.reduce((a, r) => a + nodeField(r, 'slow', 'completed'), 0);
    expect(Math.abs(fast - 0.7 * total)).toBeLessThanOrEqual(binomialHalfWidth(total, 0.7) + 4 * plan.replications);
  });
});

describe('a timed source that cannot hand over holds its part', () => {
  it('draws the next interarrival after release; time in system starts when the part leaves', () => {
    // Interarrival 1 s, machine 3 s, no buffer: parts leave the source at 1, 4, 7, …
    // (each held until the machine frees), so every part spends exactly 3 s in the system.
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: constant(1), to: 'm' },
      { id: 'm', type: 'machine', cycle: constant(3), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const [r] = replicate(model, { horizonS: 100.5, warmupS: 0, replications: 1, seed: 1 });
    expect(r.sinks.out.count).toBe(33); // done at 4, 7, …, 100
    expect(nodeField(r, 'src', 'completed')).toBe(34);
    expect(r.system.avgTimeInSystemS).toBeCloseTo(3, 9);
    expect(r.system.avgWip).toBeCloseTo((100.5 - 1) / 100.5, 9); // one part in the system from t = 1 on
  });
});
