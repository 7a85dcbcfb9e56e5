/**
 * Failures and setups.
 * - A saturated server alternates up-periods of working time TTF and repairs
 *   TTR, so by renewal-reward its availability (working share) is
 *   MTTF/(MTTF+MTTR) for any distributions, and its down share MTTR/(MTTF+MTTR).
 * - TTF counts working time only: a server working a share w of the time fails
 *   at rate w/MTTF, so its down share is w·MTTR/MTTF (not the calendar-time value).
 * - A setup of mean S before every n-th part of a saturated server with cycle
 *   mean T takes the share S/(S + n·T) of its time.
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import { buildModel, constant, exponential, expectAgrees, nodeField, replicate, stateShare } from './helpers.ts';

describe('failures', () => {
  it('constant times: an interrupted cycle resumes after repair (deterministic trace)', () => {
    // Cycle 1 s, TTF 0.5 s of working time, TTR 2 s: every cycle is hit twice
    // (once mid-cycle, once when the exhausted TTF restarts at the next cycle),
    // so after the first (3 s) each cycle takes 5 s and working share → 0.5/2.5.
    const model = buildModel([
      { id: 'src', type: 'source', to: 'm' },
      { id: 'm', type: 'machine', cycle: constant(1), failures: { ttf: constant(0.5), ttr: constant(2) }, to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 1, 0);
    plant.runUntil(1000.5);
    const r = plantReport(plant);
    expect(r.sinks.out.count).toBe(200); // cycles end at 3, 8, 13, …, 998
    // Within [0, 1000.5] the only partial cycle is the last 2.5 s: bound the share exactly.
    expect(Math.abs(stateShare(r, 'm', 'working') - 0.2)).toBeLessThanOrEqual(2.5 / 1000.5);
    expect(Math.abs(stateShare(r, 'm', 'down') - 0.8)).toBeLessThanOrEqual(2.5 / 1000.5);
  });

  it('saturated 2-server machine: availability = MTTF/(MTTF+MTTR) = 0.9 with gamma TTF and lognormal TTR', () => {
    const model = buildModel([
      { id: 'src', type: 'source', to: 'm' },
      {
        id: 'm',
        type: 'machine',
        servers: 2,
        cycle: exponential(1),
        failures: { ttf: { dist: 'gamma', shape: 2, scale: 4.5 }, ttr: { dist: 'lognormal', mean: 1, sd: 0.5 } },
        to: 'out',
      },
      { id: 'out', type: 'sink' },
    ]);
    const plan = { horizonS: 20_100, warmupS: 100, replications: 20, seed: 31 };
    const reps = replicate(model, plan);
    expectAgrees(reps.map((r) => stateShare(r, 'm', 'working')), 0.9, 'working (availability)', 0.01);
    expectAgrees(reps.map((r) => stateShare(r, 'm', 'down')), 0.1, 'down', 0.05);
    expectAgrees(reps.map((r) => r.sinks.out.count / 20_000), 2 * 0.9, 'throughput', 0.01);
  });

  it('TTF counts working time: a server busy 45 % of the time is down 0.45 × MTTR/MTTF', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: exponential(1 / 0.45), to: 'q' },
      { id: 'q', type: 'buffer', capacity: null, to: 'm' },
      { id: 'm', type: 'machine', cycle: exponential(1), failures: { ttf: exponential(9), ttr: exponential(1) }, to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plan = { horizonS: 20_500, warmupS: 500, replications: 20, seed: 32 };
    const reps = replicate(model, plan);
    // Flow balance: working share = λ·E[cycle] = 0.45 (interrupted cycles resume, no work is lost).
    expectAgrees(reps.map((r) => stateShare(r, 'm', 'working')), 0.45, 'working', 0.02);
    // Calendar-time failures would give ≈ 0.1 here; the 0.0025-wide band tells them apart.
    expectAgrees(reps.map((r) => stateShare(r, 'm', 'down')), (0.45 * 1) / 9, 'down', 0.08);
  });
});

describe('setups', () => {
  it('constant times: a 4 s setup before every 5th part of a 2 s cycle takes 4/14 of the time', () => {
    const model = buildModel([
      { id: 'src', type: 'source', to: 'm' },
      { id: 'm', type: 'machine', cycle: constant(2), setup: { everyParts: 5, time: constant(4) }, to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 1, 0);
    const horizon = 10 + 14 * 70; // first 5 parts need no setup, then 70 full setup+5-part periods
    plant.runUntil(horizon);
    const r = plantReport(plant);
    expect(r.sinks.out.count).toBe(5 + 5 * 70);
    // Exact shares over [0, horizon]: setup 70·4, working 10 + 70·10.
    expect(stateShare(r, 'm', 'setup')).toBeCloseTo((70 * 4) / horizon, 12);
    expect(stateShare(r, 'm', 'working')).toBeCloseTo((10 + 700) / horizon, 12);
  });

  it('random times, 2 servers: setup share = S/(S + nT) = 2/(2 + 4)', () => {
    const model = buildModel([
      { id: 'src', type: 'source', to: 'm' },
      { id: 'm', type: 'machine', servers: 2, cycle: exponential(1), setup: { everyParts: 4, time: exponential(2) }, to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const reps = replicate(model, { horizonS: 10_100, warmupS: 100, replications: 20, seed: 33 });
    expectAgrees(reps.map((r) => stateShare(r, 'm', 'setup')), 1 / 3, 'setup share', 0.02);
    expectAgrees(reps.map((r) => r.sinks.out.count / 10_000), (2 * 4) / 6, 'throughput', 0.02);
    // Utilization by theory, not by comparing the report with itself: an unlimited source and a sink
    // leave a server never idle or blocked, so per 4 parts it works 4·E[T] = 4 s and sets up E[S] = 2 s.
    expectAgrees(reps.map((r) => nodeField(r, 'm', 'utilization')), 4 / 6, 'utilization', 0.02);
  });
});
