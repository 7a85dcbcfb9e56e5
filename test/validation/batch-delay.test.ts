/**
 * Batch capacity and delay occupancy.
 * - Saturated batch: each of c servers turns out `size` parts per cycle of mean
 *   T, so throughput = c·size/T (renewal-reward; exact for constant T).
 * - Batch formation with free servers: a batch closes at `min` parts or when the
 *   first part has waited maxWaitS, so with Poisson arrivals its mean size is
 *   1 + E[min(size − 1, Poisson(λ·maxWait))].
 * - Delay with unlimited places is an M/G/∞ node: mean occupancy = λ·E[time];
 *   with `capacity` places and an unlimited supply: throughput = capacity / time.
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import { buildModel, constant, exponential, expectAgrees, nodeField, replicate } from './helpers.ts';

describe('batch capacity (throughput = servers × size / T when saturated)', () => {
  it('constant cycle: exactly 2 × 4 parts every 10 s', () => {
    const model = buildModel([
      { id: 'src', type: 'source', to: 'oven' },
      { id: 'oven', type: 'batch', servers: 2, batch: { size: 4 }, cycle: constant(10), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 1, 0);
    plant.runUntil(1005);
    const r = plantReport(plant);
    expect(r.sinks.out.count).toBe(100 * 8);
    expect(nodeField(r, 'oven', 'completed')).toBe(800); // a batch node counts parts, not cycles
    expect(nodeField(r, 'oven', 'utilization')).toBe(1);
  });

  it('exponential cycle, 3 racks of 6, mean 12 s: 1.5 parts/s', () => {
    const model = buildModel([
      { id: 'src', type: 'source', to: 'rack' },
      { id: 'rack', type: 'batch', servers: 3, batch: { size: 6 }, cycle: exponential(12), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plan = { horizonS: 20_100, warmupS: 100, replications: 20, seed: 8 };
    const reps = replicate(model, plan);
    expectAgrees(reps.map((r) => r.sinks.out.count / 20_000), (3 * 6) / 12, 'batch throughput', 0.03);
  });
});

describe('batch formation with min and maxWaitS (ample servers, Poisson arrivals λ = 1)', () => {
  /** E[min(m, Poisson(mu))]. */
  function meanCapped(m: number, mu: number): number {
    let p = Math.exp(-mu);
    let e = 0;
    let below = 0;
    for (let k = 0; k < m; k++) {
      e += k * p;
      below += p;
      p *= mu / (k + 1);
    }
    return e + m * (1 - below);
  }

  /**
   * With a constant cycle T and servers never all busy, the working share of c
   * servers is batches·T/(c·span), so mean batch size = parts / batches.
   */
  function meanBatchSize(batch: { size: number; min?: number; maxWaitS?: number }) {
    const servers = 20;
    const cycle = 3;
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: exponential(1), to: 'b' },
      { id: 'b', type: 'batch', servers, batch, cycle: constant(cycle), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plan = { horizonS: 20_100, warmupS: 100, replications: 10, seed: 9 };
    return replicate(model, plan).map((r) => {
      const batches = (nodeField(r, 'b', 'utilization') * servers * 20_000) / cycle;
      return nodeField(r, 'b', 'completed') / batches;
    });
  }

  it('maxWaitS = 2, size 5: mean batch = 1 + E[min(4, Poisson(2))]', () => {
    expectAgrees(meanBatchSize({ size: 5, maxWaitS: 2 }), 1 + meanCapped(4, 2), 'mean batch size', 0.02);
  });

  it('min = 3 of size 5 and no wait limit: every batch starts with exactly 3', () => {
    expectAgrees(meanBatchSize({ size: 5, min: 3 }), 3, 'mean batch size', 0.02);
  });
});

describe('delay', () => {
  it('M/G/∞: mean occupancy = λ·E[time] = 2 × 10', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: exponential(0.5), to: 'wet' },
      { id: 'wet', type: 'delay', time: { dist: 'uniform', min: 5, max: 15 }, to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const reps = replicate(model, { horizonS: 5050, warmupS: 50, replications: 20, seed: 12 });
    expectAgrees(reps.map((r) => nodeField(r, 'wet', 'avgLevel')), 20, 'delay avgLevel', 0.02);
    expectAgrees(reps.map((r) => r.system.avgTimeInSystemS), 10, 'time in delay', 0.01);
  });

  it('capacity 5, time 10 s, unlimited supply: exactly 0.5 parts/s', () => {
    const model = buildModel([
      { id: 'src', type: 'source', to: 'm0' },
      { id: 'm0', type: 'machine', cycle: constant(0.001), to: 'age' },
      { id: 'age', type: 'delay', capacity: 5, time: constant(10), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 1, 0);
    plant.runUntil(1000.5);
    const r = plantReport(plant);
    // Each 10 s wave of 5 parts enters within 5 ms of the previous wave leaving.
    expect(r.sinks.out.count).toBeGreaterThanOrEqual(99 * 5);
    expect(r.sinks.out.count).toBeLessThanOrEqual(100 * 5);
    expect(nodeField(r, 'age', 'maxLevel')).toBe(5);
    expect(nodeField(r, 'age', 'avgLevel')).toBeGreaterThan(4.9);
  });
});
