import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR, SCENARIOS_DIR, listModelIds, listScenarioFiles, loadModelFile, loadModelWithScenario, readJsonFile } from '../../server/files/model-files.ts';
import { staticCapacity } from '../../server/kpi/capacity.ts';

const scenarioFiles = listScenarioFiles(SCENARIOS_DIR);

describe('shipped models', () => {
  it.each(listModelIds())('%s validates and every node has a 3D layout', (id) => {
    const model = loadModelFile(join(MODELS_DIR, `${id}.json`));
    expect(model.product).toBeDefined();
    for (const n of model.nodes) expect(n.layout, n.id).toBeDefined();
  });

  it('the default plant labels every node and area in English and Russian', () => {
    const model = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
    for (const n of [...model.nodes, ...model.areas]) {
      expect(n.label, n.id).toBeTruthy();
      expect(n.labelRu, n.id).toMatch(/[а-яё]/i);
    }
  });

  it('the default plant is a ~4 GWh/yr first stage with stacking as its planned bottleneck (plant-data §11: 4.45 GWh/yr capacity)', () => {
    const cap = staticCapacity(loadModelFile(join(MODELS_DIR, 'default-plant.json')));
    expect(cap.bottleneck?.id).toBe('stacker');
    expect(cap.gwhPerYear).toBeGreaterThan(4.0);
    expect(cap.gwhPerYear).toBeLessThan(4.6);
  });
});

describe('shipped scenarios', () => {
  it('cover the scenarios the plant library promises', () => {
    for (const name of ['ramp-up-pace-month-1', 'ramp-up-pace-month-6', 'ramp-up-pace-month-12', 'ramp-up', 'second-coating-line', 'formation-racks-plus-50', 'bigger-buffer-before-stacking', 'two-shift', 'expansion-stage']) {
      expect(scenarioFiles).toContain(`${name}.json`);
    }
  });

  it.each(scenarioFiles)('%s applies cleanly and asks its question in one line', (file) => {
    const path = join(SCENARIOS_DIR, file);
    const raw = readJsonFile(path) as { question: string };
    expect(raw.question).not.toMatch(/\n/);
    const { model, scenario } = loadModelWithScenario(undefined, path);
    expect(scenario?.question).toBe(raw.question);
    expect(model.nodes.length).toBeGreaterThan(0);
  });
});
