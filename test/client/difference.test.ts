import { describe, expect, it } from 'vitest';
import { pairedDifference, welchDifference } from '../../client/src/capacity/difference.ts';
import { comparisonCsv, comparisonLines } from '../../client/src/capacity/result-rows.ts';
import type { RunEntry } from '../../client/src/capacity/run-results.ts';
import { distributionFromForm, parseTypedNumber, switchKind, timeUnitFor } from '../../client/src/ui/param-input.ts';
import { distributionMean as distMean } from '../../server/protocol/distribution-mean.ts';
import { experimentLines, warmupVerdict, type ExperimentOutcome } from '../../client/src/experiments/experiment-result.ts';
import { runEntry } from './result-fixtures.ts';

// Student t quantiles from tables: t(0.975; 2) = 4.302653, t(0.975; 4) = 2.776445, t(0.975; 8) = 2.306004.
const T2 = 4.302653;
const T4 = 2.776445;
const T8 = 2.306004;

describe('difference against the base with a 95 % interval', () => {
  it('pairs replications (common random numbers): d = [2, 3, 4] → 3 ± t(2)·1/√3', () => {
    // mean 3, sample sd 1, se = 1/√3 = 0.57735; half = 4.302653 × 0.57735 = 2.48414; interval [0.516, 5.484] excludes 0.
    const d = pairedDifference([12, 13, 14], [10, 10, 10])!;
    expect(d.method).toBe('paired');
    expect(d.mean).toBeCloseTo(3, 12);
    expect(d.half).toBeCloseTo(T2 / Math.sqrt(3), 5);
    expect(d.lo).toBeCloseTo(3 - 2.48414, 4);
    expect(d.significant).toBe(true);
  });

  it('is not significant when the paired interval includes 0: d = [1, 2, 3] → 2 ± 2.484', () => {
    const d = pairedDifference([11, 12, 13], [10, 10, 10])!;
    expect(d.mean).toBeCloseTo(2, 12);
    expect(d.lo!).toBeLessThan(0); // 2 − 2.484 = −0.484
    expect(d.significant).toBe(false);
  });

  it('skips replications one side lacks and gives no interval from one pair', () => {
    const d = pairedDifference([5, null, 7], [4, 6, null])!;
    expect(d.mean).toBe(1);
    expect(d.half).toBeNull();
    expect(d.significant).toBe(false);
    expect(pairedDifference([null], [1])).toBeNull();
  });

  it('uses Welch from two summaries: means 100 and 80, sd 10, n 5 each → 20 ± t(8)·√40', () => {
    // ci = t(4)·sd/√n = 2.776445 × 10 / √5 = 12.4167 each; var of a mean = 100/5 = 20; se = √40 = 6.32456;
    // df = (20 + 20)² / (20²/4 + 20²/4) = 1600 / 200 = 8; half = 2.306004 × 6.32456 = 14.5845.
    const ci = (T4 * 10) / Math.sqrt(5);
    const d = welchDifference({ mean: 100, ci, n: 5 }, { mean: 80, ci, n: 5 });
    expect(d.method).toBe('welch');
    expect(d.mean).toBe(20);
    expect(d.half).toBeCloseTo(T8 * Math.sqrt(40), 4);
    expect(d.lo).toBeCloseTo(20 - 14.5845, 3);
    expect(d.significant).toBe(true);
  });

  it('Welch is not significant for overlapping noisy runs, and knows an exact difference', () => {
    const ci = (T4 * 10) / Math.sqrt(5);
    expect(welchDifference({ mean: 90, ci, n: 5 }, { mean: 80, ci, n: 5 }).significant).toBe(false); // 10 < 14.58
    const exact = welchDifference({ mean: 3, ci: 0, n: 4 }, { mean: 2, ci: 0, n: 4 });
    expect(exact.half).toBe(0);
    expect(exact.significant).toBe(true);
    expect(welchDifference({ mean: 3, ci: null, n: 1 }, { mean: 2, ci: 0.1, n: 4 }).half).toBeNull();
  });
});

const run = (label: string, cells: number, cellsCi: number, leadS: number): RunEntry =>
  runEntry(
    label,
    [
      { path: 'kpis.cellsPerDay', value: cells, ci: cellsCi },
      { path: 'kpis.leadTimeS.mean', value: leadS, ci: 86400 },
    ],
    'EUR',
  );

describe('comparison rows and their CSV', () => {
  it('puts each KPI once, in its unit, with the difference to the first run', () => {
    const runs = [run('base', 60000, 1000, 1_617_565), run('plus', 63000, 1000, 1_500_000)];
    const lines = comparisonLines(runs);
    expect(lines.map((l) => l.row.path)).toEqual(['kpis.cellsPerDay', 'kpis.leadTimeS.mean']);
    expect(lines[1].row.unit).toBe('days');
    const csv = comparisonCsv(runs, lines, (r) => r.key, (r) => r.unit);
    // 1 617 565 s / 86 400 = 18.72 d → 18.7 as shown (1 digit); 3000 cells/day more with Welch half
    // t(8)·√(2·(1000/t(4))²) = 2.306004 × 509.31 = 1174.5 → [1825.5; 4174.5] rounded to whole cells.
    expect(csv[0]).toEqual(['indicator', 'unit', 'base', 'base ±95%', 'plus', 'plus ±95%', 'Δ plus', 'Δ plus lo95', 'Δ plus hi95', 'Δ plus significant']);
    expect(csv[2].slice(0, 4)).toEqual(['kpiLeadTime', 'days', '18.7', '1']);
    expect(csv[1][6]).toBe('3000');
    expect(Number(csv[1][7])).toBeCloseTo(3000 - T8 * Math.sqrt(2) * (1000 / T4), -1);
    expect(csv[1][9]).toBe('yes');
  });
});

describe('experiment results', () => {
  const outcome: ExperimentOutcome = {
    experiment: 'x',
    model: 'm',
    horizonS: 10,
    warmupS: 2,
    seed: 1,
    replications: 3,
    precision: null,
    kpis: ['kpi.cellsPerDay'],
    rankBy: { kpi: 'kpi.cellsPerDay', goal: 'max' },
    points: [
      { name: 'base', replications: 3, kpis: { 'kpi.cellsPerDay': { n: 3, mean: 10, ci95: 1 } }, samples: { 'kpi.cellsPerDay': [10, 10, 10] } },
      { name: 'more', replications: 3, kpis: { 'kpi.cellsPerDay': { n: 3, mean: 13, ci95: 1 } }, samples: { 'kpi.cellsPerDay': [12, 13, 14] } },
    ],
    best: { name: 'more', kpi: 'kpi.cellsPerDay', goal: 'max', mean: 13, ci95: 1, clearlyBest: true, runnerUp: 'base' },
    warmup: { kpi: 'kpi.cellsPerDay', suggestedWarmupS: 5, configuredWarmupS: 2 },
  };
  it('pairs each alternative with the base over replications and marks the best', () => {
    const lines = experimentLines(outcome);
    expect(lines[0].cells[0].diff).toBeNull();
    expect(lines[1].cells[0].diff?.mean).toBe(3); // d = [2, 3, 4], as in the paired case above
    expect(lines[1].cells[0].diff?.significant).toBe(true);
    expect(lines.map((l) => l.best)).toEqual([false, true]);
  });
  it('calls the warm-up too short when Welch settles after it, or never', () => {
    expect(warmupVerdict(outcome)?.tooShort).toBe(true); // settles at 5 s > 2 s configured
    expect(warmupVerdict({ ...outcome, warmup: { kpi: 'k', suggestedWarmupS: 1, configuredWarmupS: 2 } })?.tooShort).toBe(false);
    expect(warmupVerdict({ ...outcome, warmup: { kpi: 'k', suggestedWarmupS: null, configuredWarmupS: 2 } })?.tooShort).toBe(true);
    expect(warmupVerdict({ ...outcome, warmup: null })).toBeNull();
  });
});

describe('inspect form input', () => {
  it('reads numbers as people type them in either language', () => {
    expect(parseTypedNumber('312')).toBe(312);
    expect(parseTypedNumber('1 234,5')).toBe(1234.5);
    expect(parseTypedNumber('1,234.5')).toBe(1234.5);
    expect(parseTypedNumber('97,5')).toBe(97.5);
    expect(parseTypedNumber('abc')).toBeNaN();
    expect(parseTypedNumber('')).toBeNaN();
  });
  it('turns typed times into seconds and keeps the mean when the kind changes', () => {
    // 1.5 min = 90 s; 2 h = 7200 s.
    expect(distributionFromForm('constant', { value: '1,5' }, 'min')).toEqual({ dist: 'constant', value: 90 });
    expect(distributionFromForm('erlang', { k: '3', mean: '2' }, 'h')).toEqual({ dist: 'erlang', k: 3, mean: 7200 });
    expect(() => distributionFromForm('uniform', { min: '1', max: 'x' }, 's')).toThrow(/max/);
    for (const kind of ['constant', 'exponential', 'uniform', 'triangular', 'normal', 'lognormal', 'gamma', 'weibull', 'erlang'] as const) {
      expect(distMean(switchKind(600, kind)), kind).toBeCloseTo(600, 6);
    }
    expect(timeUnitFor(45)).toBe('s');
    expect(timeUnitFor(600)).toBe('min');
    expect(timeUnitFor(5 * 3600)).toBe('h');
    expect(timeUnitFor(6 * 86400)).toBe('d');
  });
});
