import { describe, expect, it } from 'vitest';
import { defaultJobName } from '../../client/src/experiments/job-name.ts';
import { experimentDocument, type ExperimentDraft } from '../../client/src/experiments/experiment-doc.ts';
import { DEFAULT_OPTIMIZE_DRAFT, optimizeDocument } from '../../client/src/optimize/optimize-doc.ts';

/**
 * An experiment or optimisation sent without a name is headed, on its results and in the run
 * history, by what it is and its model's name in the page's language: a Russian planner read
 * "default-plant scenarios" (the model's id and an English word) above Russian results.
 */
const MODELS = [{ id: 'default-plant', name: 'Default gigafactory', nameRu: 'Гигафабрика' }, { id: 'demo-line', name: 'Demo line' }];

const draft: ExperimentDraft = {
  name: '  ',
  model: 'default-plant',
  kind: 'scenarios',
  scenarios: [''],
  sweeps: [],
  horizonDays: 60,
  warmupDays: 30,
  seed: 1,
  stopping: 'replications',
  replications: 3,
  relative: 0.02,
  maxReplications: 20,
  kpis: ['kpi.gwhPerYear'],
  rankKpi: 'kpi.gwhPerYear',
  goal: 'max',
};

describe('an unnamed experiment or optimisation is named in the page’s language', () => {
  it('what it is and the model’s name; a model without a Russian name by its English one; an unknown model by its id', () => {
    expect(defaultJobName('Сценарии', 'default-plant', MODELS, 'ru')).toBe('Сценарии: Гигафабрика');
    expect(defaultJobName('Scenarios', 'default-plant', MODELS, 'en')).toBe('Scenarios: Default gigafactory');
    expect(defaultJobName('Оптимизация', 'demo-line', MODELS, 'ru')).toBe('Оптимизация: Demo line');
    expect(defaultJobName('Sweep', 'other', MODELS, 'en')).toBe('Sweep: other');
    // The schema takes at most 200 characters.
    expect(defaultJobName('Sweep', 'x', [{ id: 'x', name: 'n'.repeat(300) }], 'en')).toHaveLength(200);
  });

  it('the documents carry it when no name was typed, the typed name otherwise', () => {
    expect(experimentDocument(draft, 'база', 'Сценарии: Гигафабрика').name).toBe('Сценарии: Гигафабрика');
    expect(experimentDocument({ ...draft, name: ' Rush ' }, 'база', 'Сценарии: Гигафабрика').name).toBe('Rush');
    expect(optimizeDocument({ ...DEFAULT_OPTIMIZE_DRAFT, model: 'default-plant' }, 'Оптимизация: Гигафабрика').name).toBe('Оптимизация: Гигафабрика');
  });
});
