import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageText as text, renderIn as render, storeShowing } from './render-in-locale.ts';
import type { Locale } from '../../client/src/i18n/format.ts';

/**
 * A failed experiment or optimisation says why once, in the page's error box (where every
 * refusal and failure shows), not a second time under the progress line. Before its result is
 * fetched the box is empty, and the progress line says it. Rendered on the server in each language.
 */
const MESSAGE = 'the experiment ran longer than 60 s (EXPERIMENT_TIMEOUT) and was stopped';
const failure = { code: 'timed-out' as const, params: { seconds: 60 } };
const RU = 'Расчёт остановлен: он шёл дольше предельного времени (60 с).';
const count = (html: string, needle: string) => text(html).split(needle).length - 1;

async function experimentsPage(locale: Locale, fetched: boolean) {
  return render(locale, async () => {
    storeShowing('../../client/src/experiments/experiments-store.ts', 'useExperiments', {
      id: 'exp1',
      progress: { id: 'exp1', name: 'slow', status: 'timed-out', done: 3, total: 500, phase: 'replications', error: MESSAGE, failure },
      result: null,
      error: fetched ? { message: MESSAGE, failure } : null,
      cancel: async () => {},
    });
    const { ExperimentsPage } = await import('../../client/src/experiments/ExperimentsPage.tsx');
    return <ExperimentsPage />;
  });
}

async function optimizePage(locale: Locale, fetched: boolean) {
  return render(locale, async () => {
    storeShowing('../../client/src/optimize/optimize-store.ts', 'useOptimize', {
      id: 'opt1',
      progress: { id: 'opt1', name: 'slow', status: 'timed-out', evaluated: 2, budget: 24, runsDone: 6, runsQueued: 9, phase: 'search', error: MESSAGE, failure },
      result: null,
      error: fetched ? { message: MESSAGE, failure } : null,
      cancel: async () => {},
    });
    const { OptimizePage } = await import('../../client/src/optimize/OptimizePage.tsx');
    return <OptimizePage />;
  });
}

describe('a failed job shows its message once', () => {
  afterEach(() => {
    vi.doUnmock('../../client/src/experiments/experiments-store.ts');
    vi.doUnmock('../../client/src/optimize/optimize-store.ts');
  });
  for (const [page, render] of [['experiments', experimentsPage], ['optimiser', optimizePage]] as const) {
    it(`${page} page, English and Russian, in the error box once the result is fetched`, async () => {
      const en = await render('en', true);
      expect(count(en, MESSAGE)).toBe(1);
      expect(en).toMatch(/data-testid="(experiment|optimize)-error"[^>]*>[^<]*the experiment ran longer/);
      expect(count(await render('ru', true), RU)).toBe(1);
    });

    it(`${page} page: before the result is fetched, under the progress line`, async () => {
      expect(count(await render('en', false), MESSAGE)).toBe(1);
      expect(count(await render('ru', false), RU)).toBe(1);
    });
  }
});
