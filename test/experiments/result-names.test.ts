import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { runExperiment } from '../../server/experiments/experiment.ts';
import { planOptimization } from '../../server/experiments/optimize-plan.ts';
import { runOptimization } from '../../server/experiments/optimize.ts';
import type { ModelInput } from '../../server/protocol/model.ts';
import { mm1Model } from './mm1.ts';

/**
 * Results name what a reader sees by the model's words: each sink's label (English and
 * Russian) rides along as `sinkLabels`, so a page heads `sinks.done.perHour` "Output at
 * Finished goods" even for an inline model; an alternative from a scenario file keeps the
 * file's `nameRu`. Both are additions: a result without them still reads (the client falls
 * back to ids and English names).
 */
const labelled = (): ModelInput => {
  const m = mm1Model(2, 1);
  return { ...m, nodes: m.nodes.map((n) => (n.id === 'done' ? { ...n, label: 'Finished goods', labelRu: 'Готовая продукция' } : n)) };
};
const KPI = 'sinks.done.perHour';
const dir = mkdtempSync(join(tmpdir(), 'twin-result-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('experiment results carry names for readers', () => {
  it('sink labels of every alternative (a scenario may add a sink), and a scenario file’s nameRu', async () => {
    writeFileSync(join(dir, 'faster.json'), JSON.stringify({ model: 'mm1', name: 'Faster server', nameRu: 'Быстрый станок', question: 'q', set: { server: { cycle: { dist: 'exponential', mean: 0.5 } } } }));
    // An inline overlay that adds a second line ending in a second sink, labelled in English only.
    const rework = { name: 'rework', add: [{ id: 'returns', type: 'source', interarrival: { dist: 'exponential', mean: 10 }, to: 'rework' }, { id: 'rework', type: 'sink', label: 'Rework' }] };
    const { plan } = planExperiment({ name: 'names', model: labelled(), horizon: 600, warmup: 0, seed: 1, replications: 2, scenarios: [{ name: 'base' }, 'faster.json', rework], kpis: [KPI], rankBy: { kpi: KPI, goal: 'max' }, warmupReport: false }, dir);
    const result = await runExperiment(plan, new InlineExecutor());
    expect(result.sinkLabels).toEqual({ done: { label: 'Finished goods', labelRu: 'Готовая продукция' }, rework: { label: 'Rework' } });
    expect(result.points.map((p) => [p.name, p.nameRu])).toEqual([['base', undefined], ['Faster server', 'Быстрый станок'], ['rework', undefined]]);
    // Absent, not null: the document stays as it was for alternatives without a Russian name.
    expect('nameRu' in result.points[0]).toBe(false);
  });

  it('a model without sink labels gives an empty map (the page then shows ids)', async () => {
    const { plan } = planExperiment({ name: 'bare', model: mm1Model(2, 1), horizon: 300, warmup: 0, seed: 1, replications: 2, kpis: [KPI], rankBy: { kpi: KPI, goal: 'max' }, warmupReport: false }, dir);
    expect((await runExperiment(plan, new InlineExecutor())).sinkLabels).toEqual({});
  });
});

describe('optimisation results carry the sink labels', () => {
  it('of the base model', async () => {
    const plan = planOptimization(
      { model: labelled(), horizon: 300, warmup: 0, replications: 2, seed: 1, variables: [{ path: 'server.servers', from: 1, to: 2, step: 1 }], constraints: [{ kpi: KPI, min: 0.1 }], objective: { minimize: { 'server.servers': 1 } } },
      dir,
    );
    expect((await runOptimization(plan, new InlineExecutor())).sinkLabels).toEqual({ done: { label: 'Finished goods', labelRu: 'Готовая продукция' } });
  });
});
