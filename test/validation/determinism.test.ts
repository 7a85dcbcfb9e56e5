/**
 * Reproducibility and warm-up. Same seed ⇒ the same result apart from `engine`;
 * another seed ⇒ another sample path; each random variable has its own stream,
 * so editing or adding one machine leaves every other machine's draws alone
 * (common random numbers); warm-up discards exactly the statistics before it.
 */
import { describe, expect, it } from 'vitest';
import { runModel } from '../../server/experiments/runner.ts';
import type { ModelInput } from '../../server/protocol/model.ts';
import { buildModel, constant, exponential, nodeField, replicate, stateShare, type NodeInput } from './helpers.ts';

/** A model that touches every block and every random feature. */
function everything(): NodeInput[] {
  return [
    { id: 'coil', type: 'source', interarrival: exponential(20), to: 'slit' },
    { id: 'slit', type: 'split', k: 4, qty: 5, to: 'q' },
    { id: 'q', type: 'buffer', capacity: 20, to: [{ id: 'coat', p: 0.6 }, { id: 'coat2', p: 0.4 }] },
    { id: 'coat', type: 'machine', cycle: { dist: 'lognormal', mean: 4, sd: 1 }, yield: 0.97, failures: { ttf: exponential(300), ttr: exponential(30) }, to: 'oven' },
    { id: 'coat2', type: 'machine', cycle: { dist: 'weibull', shape: 2, scale: 6 }, setup: { everyParts: 10, time: { dist: 'triangular', min: 5, mode: 8, max: 15 } }, to: 'oven' },
    { id: 'oven', type: 'batch', servers: 2, batch: { size: 6, min: 3, maxWaitS: 30 }, cycle: { dist: 'gamma', shape: 4, scale: 5 }, to: 'age' },
    { id: 'age', type: 'delay', time: { dist: 'erlang', k: 2, mean: 50 }, to: 'pack' },
    { id: 'frames', type: 'source', interarrival: { dist: 'empirical', values: [10, 20], probs: [0.5, 0.5] }, to: 'pack' },
    { id: 'pack', type: 'assembly', inputs: { age: 2, frames: 1 }, cycle: { dist: 'normal', mean: 3, sd: 1 }, calendar: 'day', to: 'out' },
    { id: 'out', type: 'sink' },
  ];
}
const CALENDARS: ModelInput['calendars'] = { day: { periodS: 3600, shifts: [{ startS: 0, endS: 3000 }] } };
const settings = { horizonS: 20_000, warmupS: 2000, seed: 7, replications: 2 };

function withoutEngine(result: ReturnType<typeof runModel>) {
  const { engine: _engine, ...rest } = result;
  return JSON.parse(JSON.stringify(rest));
}

describe('determinism', () => {
  const model = buildModel(everything(), { calendars: CALENDARS });

  it('the same seed gives the same JSON apart from engine', () => {
    const a = runModel(model, settings);
    const b = runModel(model, settings);
    expect(a.sinks.out.count).toBeGreaterThan(0);
    expect(withoutEngine(a)).toEqual(withoutEngine(b));
  });

  it('another seed gives another result', () => {
    const a = withoutEngine(runModel(model, settings));
    const b = withoutEngine(runModel(model, { ...settings, seed: 8 }));
    expect(b.nodes).not.toEqual(a.nodes);
    expect(b.seed).toBe(8);
  });

  it('replications are independent paths and the result is their plain mean with a CI95 sibling', () => {
    const reps = replicate(model, { ...settings, replications: 3 });
    expect(reps[1].sinks.out.count === reps[0].sinks.out.count && reps[1].system.avgWip === reps[0].system.avgWip).toBe(false);
    const combined = runModel(model, { ...settings, replications: 3 }) as unknown as Record<string, Record<string, Record<string, number>>>;
    const counts = reps.map((r) => r.sinks.out.count);
    expect(combined.sinks.out.count).toBeCloseTo(counts.reduce((a, b) => a + b, 0) / 3, 9);
    expect(combined.sinks.out.countCI95).toBeGreaterThan(0);
    expect(typeof combined.system.avgWipCI95).toBe('number');
  });
});

describe('common random numbers: one machine per stream', () => {
  const branches = (m2Cycle: number, extra: NodeInput[] = []): NodeInput[] => [
    { id: 's1', type: 'source', to: 'm1' },
    { id: 'm1', type: 'machine', cycle: exponential(1), yield: 0.9, failures: { ttf: exponential(50), ttr: exponential(5) }, to: 'o1' },
    { id: 'o1', type: 'sink' },
    { id: 's2', type: 'source', to: 'm2' },
    { id: 'm2', type: 'machine', cycle: exponential(m2Cycle), yield: 0.8, to: 'o2' },
    { id: 'o2', type: 'sink' },
    ...extra,
  ];
  const run = (nodes: NodeInput[]) => runModel(buildModel(nodes), { horizonS: 5000, warmupS: 0, seed: 3, replications: 1 });
  const base = run(branches(1));

  it("changing m2's parameters leaves m1's draws (cycles, scrap, failures) unchanged", () => {
    const changed = run(branches(2));
    expect(changed.nodes.m2).not.toEqual(base.nodes.m2);
    expect(changed.nodes.m1).toEqual(base.nodes.m1);
    expect(changed.sinks.o1).toEqual(base.sinks.o1);
  });

  it('adding a node leaves the existing machines unchanged', () => {
    const grown = run(branches(1, [
      { id: 's3', type: 'source', to: 'm3' },
      { id: 'm3', type: 'machine', cycle: exponential(1), to: 'o3' },
      { id: 'o3', type: 'sink' },
    ]));
    expect(grown.nodes.m1).toEqual(base.nodes.m1);
    expect(grown.nodes.m2).toEqual(base.nodes.m2);
  });
});

describe('warm-up', () => {
  const model = buildModel(everything(), { calendars: CALENDARS });
  const plan = { seed: 11, replications: 1 };

  it('statistics after warm-up are exactly those of the path after the warm-up instant', () => {
    // Same seed ⇒ same path, so counts over (W, H] = count(H) − count(W).
    const [full] = replicate(model, { ...plan, horizonS: 20_000, warmupS: 0 });
    const [early] = replicate(model, { ...plan, horizonS: 5000, warmupS: 0 });
    const [warm] = replicate(model, { ...plan, horizonS: 20_000, warmupS: 5000 });
    expect(warm.sinks.out.count).toBe(full.sinks.out.count - early.sinks.out.count);
    expect(warm.sinks.out.units).toBe(full.sinks.out.units - early.sinks.out.units);
    expect(nodeField(warm, 'coat', 'completed')).toBe(nodeField(full, 'coat', 'completed') - nodeField(early, 'coat', 'completed'));
    expect(warm.sinks.out.perHour).toBeCloseTo((warm.sinks.out.count * 3600) / 15_000, 9);
    // Time-weighted statistics: area over [0,H] = area over [0,W] + area over (W,H].
    const area = (r: typeof full, span: number) => r.system.avgWip * span;
    expect(area(warm, 15_000)).toBeCloseTo(area(full, 20_000) - area(early, 5000), 6);
    const down = (r: typeof full, span: number) => stateShare(r, 'coat', 'down') * span;
    expect(down(warm, 15_000)).toBeCloseTo(down(full, 20_000) - down(early, 5000), 6);
  });

  it('a calendar that is off only before the warm-up shows no offShift after it', () => {
    const late = buildModel(
      [
        { id: 'src', type: 'source', to: 'm' },
        { id: 'm', type: 'machine', cycle: constant(1), calendar: 'c', to: 'out' },
        { id: 'out', type: 'sink' },
      ],
      { calendars: { c: { periodS: 200, shifts: [{ startS: 50, endS: 200 }] } } },
    );
    // Horizon short of the shift end at 200 so no cycle ends on the switch instant.
    const [cold] = replicate(late, { ...plan, horizonS: 199.5, warmupS: 0 });
    const [warm] = replicate(late, { ...plan, horizonS: 199.5, warmupS: 50 });
    expect(stateShare(cold, 'm', 'offShift')).toBeCloseTo(50 / 199.5, 12);
    expect(stateShare(warm, 'm', 'offShift')).toBe(0);
    expect(stateShare(warm, 'm', 'working')).toBe(1);
    expect(warm.sinks.out.count).toBe(149); // cycles end at 51, 52, …, 199
  });
});
