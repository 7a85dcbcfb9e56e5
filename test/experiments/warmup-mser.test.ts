/**
 * MSER-5 truncation on series whose transient is known by hand, and the
 * runner's `warmupS: 'auto'` discarding a plant's start-up statistically.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mser5 } from '../../server/experiments/mser.ts';
import { runModel } from '../../server/experiments/runner.ts';
import { AUTO_WARMUP_METHOD, removeCycles } from '../../server/experiments/warmup.ts';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { runExperiment } from '../../server/experiments/experiment.ts';
import { MODELS_DIR, loadModelFile } from '../../server/files/model-files.ts';
import { buildModel, constant } from '../validation/helpers.ts';
import { warningMessage } from '../../server/protocol/warnings.ts';

const DAY = 86400;
/** 10 ± 1, alternating: every batch of 5 averages 10.2 or 9.8 (it starts on +1 or on −1). */
const steady = (i: number) => 10 + (i % 2 === 0 ? 1 : -1);

describe('MSER-5 on hand-computable series', () => {
  it('a step transient (100 zeros, then 10 ± 1) is cut exactly at its end: 20 batches = 100 observations', () => {
    // Batches 0..19 are 0, batches 20..199 alternate 10.2 / 9.8. For d ≥ 20 the tail holds n = 200 − d batches
    // with Σ(Z − Z̄)² = 0.04 n, so MSER(d) = 0.04 / n, smallest at d = 20 (n = 180): 2.2e-4. Keeping k zero
    // batches (d = 20 − k) adds about k·180/(180 + k)·100 to the sum: MSER(19) ≈ 99.5 / 181² ≈ 3e-3, far larger.
    const series = Array.from({ length: 1000 }, (_, i) => (i < 100 ? 0 : steady(i)));
    const r = mser5(series);
    expect(r.batches).toBe(200);
    expect(r.truncation).toBe(100);
    expect(r.inSecondHalf).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('a stationary series needs no truncation', () => {
    // Every tail of alternating 10.2 / 9.8 has Σ(Z − Z̄)² ≈ 0.04 n, MSER ≈ 0.04 / n: largest n wins, d = 0.
    expect(mser5(Array.from({ length: 1000 }, (_, i) => steady(i))).truncation).toBe(0);
  });

  it('a shift cycle (output only in the first half of each 10-interval period) is taken out before MSER', () => {
    // 100 zeros (start-up), then 20 in phases 0–4 and 0 in phases 5–9 of every period of 10 intervals.
    // Phase means over the second half are 20 and 0, their mean 10: the steady part becomes exactly 10 and the
    // start-up 0 − phase mean + 10: −10 in on-shift phases, +10 in off-shift ones. The last start-up batch
    // (observations 95–99, off shift) is 0 in the original as a steady off-shift batch is, so it becomes 10
    // like the tail: MSER keeps it and cuts 19 batches = 95 observations, the start-up's last on-shift batch.
    const shifts = (i: number) => (i % 10 < 5 ? 20 : 0);
    const series = Array.from({ length: 1000 }, (_, i) => (i < 100 ? 0 : shifts(i)));
    const flat = removeCycles(series, 1, [10]);
    expect(flat.slice(100).every((v) => v === 10)).toBe(true);
    expect(mser5(flat).truncation).toBe(95);
    // A period that does not fit four times in the run is left alone.
    expect(removeCycles(series, 1, [400])).toEqual(series);
  });

  it('a transient longer than half the run is reported, not silently cut', () => {
    // 700 zeros then 300 of 10 ± 1: the global minimum is at d = 140 batches (70 % of the run), in the second half.
    // Over the first half, a tail of n batches holds 60 at ≈10 and n − 60 zeros: Σ ≈ 6,000 (n − 60) / n, so
    // MSER ≈ 6,000 (n − 60) / n³, which falls with n above n = 90: the first half's best is d = 0.
    const series = Array.from({ length: 1000 }, (_, i) => (i < 700 ? 0 : steady(i)));
    const r = mser5(series);
    expect(r.inSecondHalf).toBe(true);
    expect(r.truncation).toBe(0);
    // Coded for a page in another language, with the English sentence scripts and older clients read.
    expect(r.warnings).toContainEqual({ code: 'transient-too-long', params: { endPercent: 70, usedPercent: 0 } });
    expect(r.warnings.map(warningMessage).join(' ')).toMatch(/too short for its transient.*70 %/);
  });
});

describe("runs with warmupS 'auto'", () => {
  it('a line with a 2 h pipeline: the warm-up covers the empty pipeline, the rate is the steady one', () => {
    // Parts every 60 s ride a 2 h delay to a 30 s machine: nothing leaves before 7,200 s, then one part a
    // minute. Over 10 h (observations of 72 s, batches of 6 min) MSER cuts the 20 empty batches (7,200 s)
    // and at most one more, so the measured rate is 60 parts/h up to the phase of the last minute.
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: constant(60), to: 'ride' },
      { id: 'ride', type: 'delay', time: constant(7200), to: 'm' },
      { id: 'm', type: 'machine', cycle: constant(30), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const r = runModel(model, { horizonS: 36_000, warmupS: 'auto', seed: 1, replications: 1 });
    expect(r.warmupMethod).toBe(AUTO_WARMUP_METHOD);
    expect(r.warmupS).toBeGreaterThanOrEqual(7200);
    expect(r.warmupS).toBeLessThanOrEqual(7200 + 360);
    expect(r.sinks.out.perHour).toBeGreaterThan(59);
    expect(r.sinks.out.perHour).toBeLessThan(61.5);
    expect(r.warnings).toEqual([]);
    // The same horizon with no warm-up counts the empty pipeline: 28,800 s of output over 36,000 s = 48/h.
    const cold = runModel(model, { horizonS: 36_000, warmupS: 0, seed: 1, replications: 1 });
    expect(cold.warmupMethod).toBe('fixed');
    expect(cold.sinks.out.perHour).toBeLessThan(49);
  });

  it('experiments without a warm-up use MSER-5 pilots, the longest for every alternative', async () => {
    const pipeline = (rideS: number) => ({
      name: 'pipeline',
      nodes: [
        { id: 'src', type: 'source', interarrival: constant(60), to: 'ride' },
        { id: 'ride', type: 'delay', time: constant(rideS), to: 'm' },
        { id: 'm', type: 'machine', cycle: constant(30), to: 'out' },
        { id: 'out', type: 'sink' },
      ],
    });
    const { plan } = planExperiment(
      { name: 'pipelines', model: pipeline(3600), horizon: 36_000, seed: 1, replications: 2, warmupReport: false, scenarios: [{ name: 'short' }, { name: 'long', set: { ride: { time: constant(7200) } } }] },
      process.cwd(),
    );
    expect(plan.warmupS).toBe('auto');
    const result = await runExperiment(plan, new InlineExecutor());
    expect(result.warmupMethod).toBe(AUTO_WARMUP_METHOD);
    // The longer pipeline's pilot (empty for 7,200 s) sets the warm-up of both.
    expect(result.warmupS).toBeGreaterThanOrEqual(7200);
    expect(result.warmupS).toBeLessThanOrEqual(7200 + 360);
    expect(result.points[0].kpis['sinks.out.perHour']!.mean).toBeGreaterThan(59);
  });

  it('a run too short for its transient carries a warning', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: constant(60), to: 'ride' },
      { id: 'ride', type: 'delay', time: constant(7200), to: 'm' },
      { id: 'm', type: 'machine', cycle: constant(30), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    // 3 h: output only in the last third.
    const r = runModel(model, { horizonS: 3 * 3600, warmupS: 'auto', seed: 1, replications: 1 });
    expect(r.warnings.length).toBeGreaterThan(0);
    // The result carries each warning twice, as English text and coded, in one order.
    expect(r.warningCodes).toHaveLength(r.warnings.length);
    expect(r.warningCodes.map(warningMessage)).toEqual(r.warnings);
  });

  it('default plant, 60 days with auto warm-up: GWh/yr within 2.5 % of the steady state', () => {
    const model = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
    // Steady state: 170 days with 50 days of warm-up (the plant's pipeline is ≈ 3 weeks, plant data §12.6),
    // measured before the first planned shutdown (day 175), the same uninterrupted stretch a 60-day run sees.
    const steady = runModel(model, { horizonS: 170 * DAY, warmupS: 50 * DAY, seed: 2, replications: 1 }).kpis.gwhPerYear!;
    const auto = runModel(model, { horizonS: 60 * DAY, warmupS: 'auto', seed: 1, replications: 1 });
    const cold = runModel(model, { horizonS: 60 * DAY, warmupS: 0, seed: 1, replications: 1 }).kpis.gwhPerYear!;
    const detail = `steady ${steady.toFixed(3)}, auto ${auto.kpis.gwhPerYear!.toFixed(3)} (warm-up ${(auto.warmupS / DAY).toFixed(1)} d), cold ${cold.toFixed(3)}`;
    expect(Math.abs(auto.kpis.gwhPerYear! / steady - 1), detail).toBeLessThan(0.025);
    // Power: without a warm-up the same run is far off (the first cells leave after ≈ 17 days).
    expect(Math.abs(cold / steady - 1), detail).toBeGreaterThan(0.1);
  });
});
