/**
 * The formation-outage and ramp-up scripts: they validate against their model, and
 * their reference actions beat no action on the script's key KPI (cells formed) by
 * the margin a hand calculation gives, while the tempting wrong decision does not
 * (a power check: the margin is not something every action gets). Fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import type { TraineeAction } from '../../server/protocol/training.ts';
import type { TrainingLogEntry } from '../../server/protocol/training-messages.ts';
import { Plant } from '../../server/plant/plant.ts';
import { runHeadless } from '../../server/training/debrief.ts';
import { TrainingRun } from '../../server/training/training-run.ts';
import { TrainingError } from '../../server/training/effects.ts';
import { checkScriptAgainstModel, parseTrainingScript } from '../../server/training/script-files.ts';
import { script as load } from './exercise-fixtures.ts';

const KIT_CELLS = 24; // demo-line kits carry 24 cells
const BATCH_CELLS = 48 * KIT_CELLS; // a formation batch is 48 kits

/** Cells formed (good units at formation) with these actions applied at their times. */
function formed(id: string, actions: { at: number; act: TraineeAction }[]): number {
  const { script, model } = load(id);
  const log = actions.map((a, i): TrainingLogEntry => ({ seq: i, at: a.at, ev: 0, wall: '', by: 'trainee', role: 'viewer', item: { op: 'action', act: a.act } }));
  return runHeadless(model, script, script.seed, { mode: 'byTime', log, untilS: script.horizonS }).kpis.goodUnits;
}

describe('formation racks out during a rush order', () => {
  const id = 'demo-line-formation-outage-rush';

  it('validates, and the fast-formation recipe forms two more batches than doing nothing', () => {
    const { script } = load(id);
    expect(script.measureAt).toBe('formation');
    // Hand calculation. Racks 3 and 4 are out from 1 h to 13 h; a batch they start after 13 h ends
    // after the 16 h exercise, so only racks 1 and 2 count. A batch collects 48 kits at the stacker's
    // ~45/h (≈ 1.1 h, one collector at a time): rack 1 starts ≈ 1.1 h, rack 2 ≈ 2.2 h.
    //  No action (4 h recipe): rack 1 ends 5.1, 9.1, 13.1 h; rack 2 6.2, 10.2, 14.2 h → 6 batches.
    //  Reference (3 h recipe from the next cycle, 0.5 h changeover): rack 1 ends 5.1, 8.6, 12.1, 15.6 h;
    //  rack 2 5.7, 9.2, 12.7, 15.7 h → 8 batches.
    // Rack 2's fourth batch ends 0.3 h before the end, within about one σ of four 3 h cycles (sd 10 min
    // each) plus the stacker's breakdowns: with other seeds it can miss the end (7 batches); the
    // script's seed is one where it does not, as the description says.
    // Good cells per batch: 1,152 × stacker yield 0.99 × formation yield 0.995 = 1,134.8; binomial
    // noise over ≤ 9,216 cells with q = 1.5 %: σ ≈ √(9216 · 0.015) ≈ 11.7, so ±4σ ≈ ±47 cells.
    const perBatch = BATCH_CELLS * 0.99 * 0.995;
    const none = formed(id, []);
    const reference = formed(id, script.reference);
    expect(Math.abs(none - 6 * perBatch)).toBeLessThan(47);
    expect(Math.abs(reference - 8 * perBatch)).toBeLessThan(47);
    // The margin: two whole batches (2,270 cells, +33 %), less the noise of both runs.
    expect(reference - none).toBeGreaterThan(2 * perBatch - 2 * 47);
  });

  it('gives nothing for the tempting move: a faster stacker and a bigger stack buffer', () => {
    // Formation is the constraint during the outage: more kits only wait in front of two racks,
    // so not one more batch is formed (the difference is below half a batch).
    const none = formed(id, []);
    const upstream = formed(id, [
      { at: 3900, act: { action: 'switchRecipe', nodeId: 'stacker', cycle: { dist: 'lognormal', mean: 66, sd: 6 }, setupS: 600 } },
      { at: 3900, act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 200 } },
    ]);
    expect(Math.abs(upstream - none)).toBeLessThan(BATCH_CELLS / 2);
  });
});

describe('ramp-up week: where to send the quality team', () => {
  const id = 'demo-line-ramp-up-quality';

  it('validates, and the team at formation forms about 10 % more cells in the week', () => {
    const { script } = load(id);
    expect(script.qualityTeam).toEqual({ count: 1, fixS: 28_800 });
    // Formation's kit throughput is the same in both runs (yields remove cells from a kit, never
    // a whole kit, and cycle times draw from their own streams), so only formation's yield differs.
    // Batches complete at a steady rate from the first one (48 kits at 36 kits/h ≈ 1.3 h + 4 h
    // ≈ 5.3 h) to 168 h. The team arrives at 1 h and fixes formation at 9 h: yield 0.90 → 0.995.
    //   ratio = (0.90·(9 − 5.3) + 0.995·(168 − 9)) / (0.90·(168 − 5.3)) = 161.5 / 146.4 = 1.103
    // Noise: binomial over ≈ 130,000 cells, σ/n ≈ √(0.09/130000) ≈ 0.08 % per run; the start-up
    // edge (± one batch per rack before 9 h) moves the ratio by < 0.1 %. ±1 % covers both at > 4σ.
    const none = formed(id, []);
    const reference = formed(id, script.reference);
    const ratio = reference / none;
    expect(ratio).toBeGreaterThan(1.093);
    expect(ratio).toBeLessThan(1.113);
  });

  it('gains almost nothing at the stacker, whose loud loss ends by itself', () => {
    // The stacker is fixed at 9 h; its lot runs out at 10.5 h anyway: 1.5 h × 36 kits/h × 24 cells
    // × (0.99 − 0.70) × 0.90 ≈ 340 cells, ≈ 0.3 % of the week. Below 1 %: the reference's +10 % is
    // a decision, not something any quality action earns.
    const none = formed(id, []);
    const stacker = formed(id, [{ at: 3600, act: { action: 'sendQualityTeam', nodeId: 'stacker' } }]);
    expect(stacker / none).toBeGreaterThan(1);
    expect(stacker / none).toBeLessThan(1.01);
  });

  it('has one team: a second request is refused, and scripts without a team refuse the action', () => {
    const { script, model } = load(id);
    const plant = new Plant(model, script.seed, 0);
    const run = new TrainingRun(script);
    run.attach(plant);
    run.apply({ op: 'action', act: { action: 'sendQualityTeam', nodeId: 'formation' } }, 'alice', 'viewer', '');
    expect(() => run.apply({ op: 'action', act: { action: 'sendQualityTeam', nodeId: 'stacker' } }, 'bob', 'viewer', '')).toThrow(/every quality team is busy \(at formation\)/);
    expect(() => run.apply({ op: 'action', act: { action: 'sendQualityTeam', nodeId: 'stack-buffer' } }, 'bob', 'viewer', '')).toThrow(TrainingError);
    expect(run.log).toHaveLength(1);
    const { qualityTeam: _q, ...withoutTeam } = script;
    expect(() => checkScriptAgainstModel(withoutTeam, model, 'x')).toThrow(/reference\[0\]\.act\.action: this exercise has no quality team/);
    expect(() => parseTrainingScript({ ...script, qualityTeam: { fixS: 0 } })).toThrow(/qualityTeam\.fixS: /);
  });
});
