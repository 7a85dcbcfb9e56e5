import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leastFlowTime } from '../../server/experiments/flow-time.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { planOptimization } from '../../server/experiments/optimize-plan.ts';
import { runModel } from '../../server/experiments/runner.ts';
import { loadModelFile, MODELS_DIR } from '../../server/files/model-files.ts';
import { ValidationError } from '../../server/protocol/errors.ts';
import { problemText } from '../../client/src/i18n/failure-text.ts';

/**
 * Why a 3-day optimisation of the demo line showed 0 parts/h, by hand (models/demo-line.json):
 *   kits: a tray of 24 cells every 100 s (exponential) → stacker, 80 s per tray (lognormal, so ≥ 0)
 *   → formation rack, batches of 48 trays, 14,400 s (normal, ≥ 0), the first batch waiting for 48 trays:
 *     about 48 × 100 s = 4,800 s (< maxWaitS 7,200 s)
 *   → aging: a constant 259,200 s = 3 d
 *   → end-of-line test, 50…80 s (triangular, mode 60) → shipping.
 * The first tray can leave at about 100 + 80 + 4,800 + 14,400 + 259,200 + 60 ≈ 278,640 s ≈ 3.2 d, and no
 * sooner than the aging's 259,200 s + the test's 50 s = 259,250 s whatever the draws. A 3-day horizon
 * (259,200 s) ends before that: 0 cells, 0 parts/h, whatever the warm-up, and no bug. In steady state the
 * line makes 36 trays/h (the arrivals; the stacker can do 45/h) × 24 = 864 cells/h before yields
 * (0.99 × 0.995 × 0.97 ≈ 0.955: ≈ 825 cells/h), but a run must first be longer than 3.2 d to see any.
 * So a 3-day experiment or optimisation is refused, naming the horizon, and a 3-day run says why it is 0.
 */
const demo = loadModelFile(join(MODELS_DIR, 'demo-line.json'));
const THREE_DAYS = 3 * 86_400;

function problemsOf(plan: () => unknown): string[] {
  try {
    plan();
  } catch (err) {
    if (err instanceof ValidationError) return err.problems;
    throw err;
  }
  return [];
}

describe('a horizon no part can cross', () => {
  it('the least time through the demo line is the aging plus the end-of-line test’s minimum: 259,250 s', () => {
    expect(leastFlowTime(demo)).toEqual({ seconds: 259_200 + 50, steps: ['aging 259200 s', 'eol 50 s'] });
  });

  it('a 3-day optimisation of the demo line is refused, naming the horizon; 4 days are not', () => {
    const doc = (horizon: string) => ({
      model: 'demo-line', horizon, warmup: 'auto', replications: 2, seed: 1,
      variables: [{ path: 'formation.servers', from: 3, to: 5, step: 1 }],
      constraints: [],
      objective: { maximize: 'sinks.shipping.perHour' },
    });
    const problems = problemsOf(() => planOptimization(doc('3d'), process.cwd()));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^horizon: 259200 s \(3 d\) ends before the first unit can be finished: the quickest path through the line takes at least 259250 s \(3\.0006 d: aging 259200 s \+ eol 50 s\)/);
    // A Russian page says the reason in Russian, the field path as written.
    expect(problemText('ru', problems[0])).toMatch(/^horizon: 259200 с \(3 d\) кончается раньше, чем может быть готово первое изделие: самый быстрый путь через линию занимает не меньше 259250 с/);
    expect(problemsOf(() => planOptimization(doc('4d'), process.cwd()))).toEqual([]);
  });

  it('so is a 3-day experiment', () => {
    const problems = problemsOf(() => planExperiment({ name: 'short', model: 'demo-line', horizon: '3d', replications: 2 }, process.cwd()));
    expect(problems.filter((p) => p.startsWith('horizon: '))).toHaveLength(1);
  });

  it('a 3-day run says why its output is 0, coded for a page in another language; 4 days make cells', () => {
    const short = runModel(demo, { horizonS: THREE_DAYS, warmupS: 0, seed: 1, replications: 1 });
    expect(short.sinks.shipping.count).toBe(0);
    expect(short.warningCodes).toContainEqual({ code: 'nothing-can-finish', params: { horizonS: THREE_DAYS, leastS: 259_250 } });
    expect(short.warnings[0]).toMatch(/^the horizon \(259200 s\) ends before the first unit can be finished/);
    // 4 days: trays leave from ≈ 3.2 d on, at most those that arrived in the first day: 864 ± 4·√864 ≈ 864 ± 118 (Poisson).
    const long = runModel(demo, { horizonS: 4 * 86_400, warmupS: 0, seed: 1, replications: 1 });
    expect(long.warningCodes.some((w) => w.code === 'nothing-can-finish')).toBe(false);
    expect(long.sinks.shipping.count).toBeGreaterThan(0);
    expect(long.sinks.shipping.count).toBeLessThanOrEqual(864 + 118);
  });

  it('3.1 days with a fixed warm-up: past the least flow time, still nothing made, and the run says so once', () => {
    // 3.1 d = 267,840 s > 259,250 s, so the horizon is not refused. But the first formation batch waits
    // for 48 trays (Gamma(48, 100 s): 4,800 ± 693 s, so under 1,500 s only beyond 4.7 σ) and forms for
    // N(14,400, 600) s (under 11,400 s only beyond 5 σ): the first tray leaves after ≈ 259,250 + 1,500 +
    // 11,400 = 272,150 s at the very earliest, past the horizon. Nothing reaches shipping, and with a
    // fixed warm-up no MSER step is there to notice: the run itself must.
    const r = runModel(demo, { horizonS: 3.1 * 86_400, warmupS: 0, seed: 1, replications: 1 });
    expect(r.sinks.shipping.count).toBe(0);
    expect(r.warningCodes.filter((w) => w.code === 'no-output-after-warmup')).toHaveLength(1);
    expect(r.warningCodes.some((w) => w.code === 'nothing-can-finish')).toBe(false);
    // With an automatic warm-up its own check says it: still once.
    const auto = runModel(demo, { horizonS: 3.1 * 86_400, warmupS: 'auto', seed: 1, replications: 1 });
    expect(auto.warningCodes.filter((w) => w.code === 'no-output-after-warmup')).toHaveLength(1);
    // A run that makes cells has no such warning.
    expect(runModel(demo, { horizonS: 4 * 86_400, warmupS: 0, seed: 1, replications: 1 }).warningCodes.some((w) => w.code === 'no-output-after-warmup')).toBe(false);
  });

  it('4 days with an automatic warm-up: the first cell comes late, and the run says so', () => {
    // The first tray leaves at ≈ 278,640 s (above) of 345,600 s: ≈ 81 % of the horizon, and never before
    // 259,250 s = 75 %. MSER-5 weighs only tails of 30 batches (of 100) or more, so it keeps no warm-up here;
    // the rate over the run is far below the steady ≈ 34 trays/h, and the result must say why.
    const r = runModel(demo, { horizonS: 4 * 86_400, warmupS: 'auto', seed: 1, replications: 1 });
    const late = r.warningCodes.find((w) => w.code === 'first-output-late');
    expect(late).toBeDefined();
    expect(late!.params.percent).toBeGreaterThanOrEqual(75);
    expect(late!.params.percent).toBeLessThanOrEqual(90);
    expect(r.warnings).toContain(`the first unit finished only at ${late!.params.percent} % of the horizon: most of the run is the line filling, so rates are far below the steady state — run longer`);
  });
});
