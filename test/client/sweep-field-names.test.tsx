import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageText, renderIn, storeShowing } from './render-in-locale.ts';
import type { Locale } from '../../client/src/i18n/format.ts';

/**
 * A planner picks what a sweep or an optimisation variable changes by its meaning and unit
 * in the page's language ("Параллельных мест", "Mean cycle time, s"), not by the model
 * schema's path (`servers`, `cycle.mean`), which stays the option's value. The forms are
 * rendered on the server with the catalog answering one model (a batch station).
 */
const MODEL = {
  id: 'tiny',
  name: 'Tiny',
  nodes: [{ id: 'formation', type: 'batch', label: 'Formation racks', labelRu: 'Стеллажи формирования' }],
};
const CATALOG = '../../client/src/ui/useCatalog.ts';

function withCatalog(): void {
  vi.doMock(CATALOG, () => ({
    useCatalog: () => ({ models: [{ id: 'tiny', name: 'Tiny' }], scenarios: [], loaded: true }),
    useModel: () => MODEL,
  }));
}

/** The texts and values of the options of the field select, whose options include `batch.size`. */
function fieldOptions(html: string): { value: string; text: string }[] {
  const select = [...html.matchAll(/<select[^>]*>(.*?)<\/select>/g)].map((m) => m[1]).find((s) => s.includes('value="batch.size"'));
  expect(select, 'a select of the batch station’s fields').toBeDefined();
  return [...select!.matchAll(/<option value="([^"]*)"[^>]*>(.*?)<\/option>/g)].map((m) => ({ value: m[1], text: pageText(m[2]) }));
}

const EXPECTED: Record<Locale, string[]> = {
  en: ['Parallel stations', 'Batch size, parts', 'Mean cycle time, s', 'Yield, share 0–1'],
  ru: ['Параллельных мест', 'Размер партии, шт.', 'Среднее время цикла, с', 'Выход годных, доля 0–1'],
};

afterEach(() => {
  vi.doUnmock(CATALOG);
  vi.doUnmock('../../client/src/experiments/experiments-store.ts');
});

describe('sweep and variable fields are named in the reader’s language', () => {
  for (const locale of ['ru', 'en'] as const) {
    it(`optimiser form, ${locale}`, async () => {
      const html = await renderIn(locale, async () => {
        withCatalog();
        const { OptimizeForm } = await import('../../client/src/optimize/OptimizeForm.tsx');
        return <OptimizeForm />;
      });
      const options = fieldOptions(html);
      expect(options.map((o) => o.value)).toEqual(['servers', 'batch.size', 'cycle.mean', 'yield']);
      expect(options.map((o) => o.text)).toEqual(EXPECTED[locale]);
    });

    it(`experiment form in sweep mode, ${locale}`, async () => {
      const html = await renderIn(locale, async () => {
        withCatalog();
        storeShowing('../../client/src/experiments/experiments-store.ts', 'useExperiments', {
          draft: { model: 'tiny', kind: 'sweep', sweeps: [{ node: 'formation', field: 'servers', mode: 'range', from: 1, to: 2, step: 1, values: '' }] },
        });
        const { ExperimentForm } = await import('../../client/src/experiments/ExperimentForm.tsx');
        return <ExperimentForm />;
      });
      const options = fieldOptions(html);
      expect(options.map((o) => o.value)).toEqual(['servers', 'batch.size', 'cycle.mean', 'yield']);
      expect(options.map((o) => o.text)).toEqual(EXPECTED[locale]);
    });
  }
});
