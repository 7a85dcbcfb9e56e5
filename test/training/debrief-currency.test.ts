import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../../server/live/model-catalog.ts';
import { DebriefSchema } from '../../server/protocol/training-messages.ts';
import { debrief } from '../../server/training/debrief.ts';
import { loadTrainingScript } from '../../server/training/script-files.ts';

/**
 * The debrief carries the model's currency (`product.currency`), so the page can name
 * the currency its scrap costs are counted in (it used to assume €). One simulated
 * hour of the demo line is enough: the currency does not depend on the run.
 */
const catalog = new ModelCatalog();
const { script, model } = loadTrainingScript('demo-line-stacker-down', (m, s) => catalog.load(m, s).model);

describe('debrief currency', () => {
  it('is the model’s product.currency, and survives the schema the page and the history read it with', () => {
    const inRub = { ...model, product: { ...model.product!, currency: 'RUB' } };
    const d = debrief(inRub, script, script.seed, [], 3600, new Map());
    expect(d.currency).toBe('RUB');
    expect(DebriefSchema.parse(JSON.parse(JSON.stringify(d))).currency).toBe('RUB');
  });

  it('is EUR, the schema’s default, for a model that names none', () => {
    expect(model.product?.currency).toBe('EUR'); // demo-line.json writes EUR
    const bare = { ...model, product: undefined };
    expect(debrief(bare, script, script.seed, [], 3600, new Map()).currency).toBe('EUR');
  });
});
