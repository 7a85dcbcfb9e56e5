import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR, SCENARIOS_DIR, loadModelFile, loadModelWithScenario, readJsonFile } from '../../server/files/model-files.ts';
import { applyScenario, ScenarioSchema } from '../../server/protocol/scenario.ts';
import type { Model } from '../../server/protocol/model.ts';
import { runModel } from '../../server/experiments/runner.ts';
import { computeKpis } from '../../server/kpi/kpis.ts';
import { staticCapacity } from '../../server/kpi/capacity.ts';

const DAY = 86400;
const base = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
const bound = (scenario?: string) =>
  staticCapacity(scenario === undefined ? base : loadModelWithScenario(undefined, join(SCENARIOS_DIR, `${scenario}.json`)).model).gwhPerYear!;

describe('shipped scenarios move the static bound the right way', () => {
  it('ramp-up climbs month 1 < 6 < 12 < mature, near plant-data §13 (0.16, 1.16, 2.73 GWh/yr)', () => {
    const [m1, m6, m12, mature] = [bound('ramp-up-pace-month-1'), bound('ramp-up-pace-month-6'), bound('ramp-up-pace-month-12'), bound()];
    expect(m1).toBeLessThan(m6);
    expect(m6).toBeLessThan(m12);
    expect(m12).toBeLessThan(mature);
    // The scenario files are derived from §13's A, P and yields; the bound reproduces its rates within 5 %.
    expect(m1 / 0.16).toBeGreaterThan(0.95);
    expect(m1 / 0.16).toBeLessThan(1.05);
    expect(m6 / 1.16).toBeGreaterThan(0.95);
    expect(m6 / 1.16).toBeLessThan(1.05);
    expect(m12 / 2.73).toBeGreaterThan(0.95);
    expect(m12 / 2.73).toBeLessThan(1.05);
  });

  it('more formation racks, a second coating line and a bigger store never lower the bound; stacking still limits', () => {
    for (const s of ['formation-racks-plus-50', 'second-coating-line', 'bigger-buffer-before-stacking']) expect(bound(s)).toBeGreaterThanOrEqual(bound());
    expect(bound('second-coating-line')).toBeCloseTo(bound(), 9);
  });

  it('two shifts on five days cut the bound to the on-shift share (80 h of 168 h vs 350 of 365 days)', () => {
    expect(bound('two-shift') / bound()).toBeCloseTo((80 / 168) / (350 / 365), 9);
  });

  it('the expansion stage doubles every line and so doubles the bound', () => {
    expect(bound('expansion-stage') / bound()).toBeCloseTo(2, 9);
  });
});

/** Demo line variants with common random numbers (same seed): only the changed field differs. */
function demo(patch: Record<string, Record<string, unknown>>): Model {
  const raw = readJsonFile(join(MODELS_DIR, 'demo-line.json')) as Model;
  return applyScenario(raw, ScenarioSchema.parse({ model: 'demo-line', question: 'test variant', set: patch }));
}
const cellsOver = (model: Model, days: number) => {
  const r = runModel(model, { horizonS: days * DAY, warmupS: 5 * DAY, seed: 7, replications: 1 });
  return { cells: computeKpis(model, r).cellsPerDay! * (days - 5), trays: (r.nodes.eol.completed as number) };
};

describe('simulated KPIs move the right way (demo line, common random numbers)', () => {
  it('more formation racks ⇒ output not lower (formation short of racks: 2 → 3 racks)', () => {
    // 2 racks × 48 trays / 4 h = 24 trays/h < 36 arriving; 3 racks = 36 trays/h.
    const two = cellsOver(demo({ formation: { servers: 2 } }), 40).cells;
    const three = cellsOver(demo({ formation: { servers: 3 } }), 40).cells;
    expect(three).toBeGreaterThan(two);
  });

  it('lower EOL yield ⇒ fewer good cells, by the yield ratio within binomial noise', () => {
    const high = cellsOver(demo({ eol: { yield: 0.97 } }), 40);
    const low = cellsOver(demo({ eol: { yield: 0.9 } }), 40);
    // EOL feeds the sink and never blocks, so with the same seed the same trays reach it.
    expect(low.trays).toBe(high.trays);
    expect(low.cells).toBeLessThan(high.cells);
    // Cells entering EOL ≈ passed / yield; each ratio term is binomial: SE² ≈ (1 − y)/(y n).
    const n = high.cells / 0.97;
    const se = Math.sqrt(0.1 / (0.9 * n) + 0.03 / (0.97 * n));
    expect(Math.abs(low.cells / high.cells - 0.9 / 0.97)).toBeLessThan(4 * se);
  });
});
