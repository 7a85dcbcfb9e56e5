import { describe, expect, it } from 'vitest';
import { replicationsNeeded } from '../../server/experiments/experiment.ts';
import { pairedDifference, summarize } from '../../server/experiments/statistics.ts';
import { analyseWarmup, welchMovingAverage } from '../../server/experiments/welch.ts';

describe('summaries', () => {
  it('use the Student t quantile with n − 1 degrees of freedom', () => {
    // mean 2, sample sd 1, n = 4: half-width = t(0.975, 3) · 1 / 2 = 3.182446 / 2
    const s = summarize([2 - Math.sqrt(1.5), 2, 2, 2 + Math.sqrt(1.5)])!;
    expect(s.mean).toBeCloseTo(2, 12);
    expect(s.sd).toBeCloseTo(1, 12);
    expect(s.ci95).toBeCloseTo(3.182446305 / 2, 6);
  });

  it('pair differences by replication and skip unmatched ones', () => {
    const a = { name: 'a', values: new Map([[0, 10], [1, 12], [2, 11], [3, 99]]) };
    const b = { name: 'b', values: new Map([[0, 9], [1, 11], [2, 10]]) };
    const d = pairedDifference(a, b, 'k')!;
    expect(d).toMatchObject({ a: 'a', b: 'b', n: 3, mean: 1, ci95: 0, significant: true });
  });
});

describe('precision target', () => {
  const p = { kpi: 'k', halfWidth: 0.5, minReplications: 3, maxReplications: 50 };
  it('asks for n·(h/h*)² replications, at least one more, at most the maximum', () => {
    const values = [0, 2, 4]; // sd 2, h = t(0.975,2)·2/√3 = 4.968
    expect(replicationsNeeded(values, p)).toBe(50);
    expect(replicationsNeeded(values, { ...p, halfWidth: 2.5 })).toBe(Math.ceil(3 * (4.9683 / 2.5) ** 2));
    expect(replicationsNeeded([1, 1.1, 1.2], p)).toBe(3);
  });
});

describe('Welch warm-up', () => {
  it('averages a centred window, shrunk at the start, and leaves the last w points empty', () => {
    expect(welchMovingAverage([1, 2, 3, 4, 5, 6], 2)).toEqual([1, 2, 3, 4, null, null]);
    expect(welchMovingAverage([4, null, 6], 1)).toEqual([4, 5, null]);
  });

  it('suggests the time the moving average settles at', () => {
    // Level rises over the first 10 of 40 intervals of 100 s, then stays at 100: the
    // 11th interval (from 1000 s) is the first whose moving average (window ±1) is in the band.
    const run = Array.from({ length: 40 }, (_, i) => (i < 10 ? 10 * i : 100));
    const w = analyseWarmup([run, run], { kpi: 'k', scenario: 's', horizonS: 4000, window: 1, configuredWarmupS: 0 });
    expect(w.bucketS).toBe(100);
    expect(w.suggestedWarmupS).toBe(1000);
  });
});
