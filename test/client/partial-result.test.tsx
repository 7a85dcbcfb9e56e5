import { describe, expect, it } from 'vitest';
import { pageText as text, renderIn as render } from './render-in-locale.ts';
import type { Locale } from '../../client/src/i18n/format.ts';
import type { ExperimentOutcome } from '../../client/src/experiments/experiment-result.ts';
import type { OptimizeOutcome } from '../../client/src/optimize/optimize-store.ts';
import { replicationsLine } from '../../client/src/experiments/partial-text.ts';

/**
 * A cancelled experiment or optimisation shows what finished, clearly marked partial, in the
 * page's language: a headline, and per alternative "cancelled after 7 of 20 replications" with
 * the reason a value or an interval is missing. A result without the mark (complete, or stored
 * before partial results existed) shows none of it. Rendered on the server, the page's language
 * set the way a link sets it (as in money-currency.test.tsx).
 */
const byTestId = (html: string, id: string) => [...html.matchAll(new RegExp(`data-testid="${id}"[^>]*>(.*?)</(?:p|small)>`, 'g'))].map((m) => text(m[1]));

const KPI = 'sinks.out.perHour';

function experiment(partial: unknown): ExperimentOutcome {
  const point = (name: string, values: (number | null)[]) => {
    const done = values.filter((v): v is number => v !== null);
    const mean = done.reduce((a, v) => a + v, 0) / Math.max(1, done.length);
    return { name, replications: done.length, kpis: { [KPI]: done.length === 0 ? null : { n: done.length, mean, ci95: done.length >= 2 ? 1 : null } }, samples: { [KPI]: values } };
  };
  return {
    experiment: 'stopped', model: 'line', horizonS: 3600, warmupS: 0, seed: 1, replications: 20, precision: null, kpis: [KPI],
    rankBy: { kpi: KPI, goal: 'max' },
    points: [point('base', [10, 12, null, 14, 11, 12, 13, 12]), point('one', [null, 20]), point('none', [])],
    best: null, warmup: null,
    ...(partial === undefined ? {} : { partial }),
  };
}

const mark = { stoppedBy: 'cancelled', phase: 'replications', finished: [7, 1, 0], planned: [20, 20, 20] };

async function experimentPage(locale: Locale, partial: unknown) {
  return render(locale, async () => {
    const { ExperimentResults } = await import('../../client/src/experiments/ExperimentResults.tsx');
    return <ExperimentResults outcome={experiment(partial)} />;
  });
}

describe('a partial experiment result on the page', () => {
  it('English: the headline, "cancelled after 7 of 20 replications", and why an interval or the values are missing', async () => {
    const html = await experimentPage('en', mark);
    expect(byTestId(html, 'partial-result')[0]).toMatch(/^Partial result\. The experiment was cancelled during the replications: means, intervals and differences use only the replications that finished/);
    expect(byTestId(html, 'partial-count')).toEqual([
      '(cancelled after 7 of 20 replications)',
      '(cancelled after 1 of 20 replications; one replication finished — a mean without an interval (an interval needs at least two))',
      '(cancelled after 0 of 20 replications; no replication finished — no values)',
    ]);
    // The count column reads finished / asked for.
    expect(text(html)).toContain('7 / 20');
  });

  it('Russian: «отменено после 7 из 20 репликаций», the genitive after «из» following the count', async () => {
    const html = await experimentPage('ru', mark);
    expect(byTestId(html, 'partial-result')[0]).toMatch(/^Частичный результат\. Эксперимент отменён во время репликаций/);
    expect(byTestId(html, 'partial-count')[0]).toBe('(отменено после 7 из 20 репликаций)');
    expect(byTestId(html, 'partial-count')[1]).toContain('завершена одна репликация — среднее без интервала');
    expect(byTestId(html, 'partial-count')[2]).toContain('ни одна репликация не завершена');
    // 1 and 21 take the genitive singular, 2…4 and 5…20 the genitive plural (из одной/двадцати одной репликации, из двух/пяти репликаций).
    expect([1, 2, 5, 21].map((n) => replicationsLine('ru', 'cancelled', 0, n))).toEqual([
      'отменено после 0 из 1 репликации', 'отменено после 0 из 2 репликаций', 'отменено после 0 из 5 репликаций', 'отменено после 0 из 21 репликации',
    ]);
    expect(replicationsLine('en', 'timed-out', 1, 1)).toBe('stopped at the time limit after 1 of 1 replication');
  });

  it('a complete result, an old stored one, or a mark that does not validate shows no partial label', async () => {
    for (const partial of [undefined, { stoppedBy: 'bored' }]) {
      const html = await experimentPage('en', partial);
      expect(html).not.toContain('partial-result');
      expect(html).not.toContain('partial-count');
      expect(text(html)).not.toContain('7 / 20');
    }
  });
});

function optimization(partial: unknown): OptimizeOutcome {
  const kpis = { [KPI]: { mean: 100.5, ci95: 6.4 } };
  return {
    name: 'cheapest', model: 'line', method: 'exhaustive', gridSize: 4, evaluated: 2, runs: 5,
    best: { values: { 'cut.servers': 1 }, objective: 17, replications: 2, kpis, holds: true },
    candidates: [{ id: 0, values: { 'cut.servers': 1 }, replications: 2, status: 'holds', objective: 17, kpis }],
    pareto: null, engine: { events: 10, wallSeconds: 1 },
    ...(partial === undefined ? {} : { partial }),
  };
}

async function optimizePage(locale: Locale, partial: unknown) {
  return render(locale, async () => {
    const { OptimizeResults } = await import('../../client/src/optimize/OptimizeResults.tsx');
    return <OptimizeResults outcome={optimization(partial)} />;
  });
}

describe('a partial optimisation result on the page', () => {
  const stopped = { stoppedBy: 'cancelled', phase: 'refine', evaluated: 2, unfinished: 1 };

  it('names the stage it was cancelled in and which candidates the best is taken from, in English and Russian', async () => {
    expect(byTestId(await optimizePage('en', stopped), 'optimize-partial')).toEqual([
      'Partial result. The optimisation was cancelled while refining close candidates. Candidates fully evaluated: 2; 1 more were started but not finished and are not shown. The best is the best of these only.',
    ]);
    expect(byTestId(await optimizePage('ru', { ...stopped, phase: 'search', unfinished: 0 }), 'optimize-partial')).toEqual([
      'Частичный результат. Оптимизация отменена на этапе поиска. Полностью оценено вариантов: 2. Лучший выбран только среди них.',
    ]);
  });

  it('shows nothing of it for a complete result', async () => {
    expect(await optimizePage('en', undefined)).not.toContain('optimize-partial');
  });
});
