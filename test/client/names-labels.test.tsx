import { describe, expect, it } from 'vitest';
import { pageText as text, renderIn as render } from './render-in-locale.ts';
import { formatter, type Locale } from '../../client/src/i18n/format.ts';
import { alternative, experimentOutcome, optimizeOutcome } from './result-fixtures.ts';

/**
 * A Russian planner reads names, not ids: an experiment's or optimisation's sink output is
 * headed by the sink's label in the page's language (`sinkLabels` in the result), and an
 * alternative from a scenario file by its `nameRu`. A result stored before it carried labels
 * still renders, naming the sink by its id. Pages are rendered on the server with the language
 * set the way a link sets it (as in money-currency.test.tsx).
 */
const SINK_LABELS = { eol: { label: 'End-of-line test', labelRu: 'Выходной контроль' }, scrap: { label: 'Scrap bin' } };

function experiment(withLabels: boolean) {
  const kpis = ['sinks.eol.perHour', 'sinks.scrap.perHour'];
  return experimentOutcome({
    experiment: 'names',
    model: 'demo-line',
    ...(withLabels ? { sinkLabels: SINK_LABELS } : {}),
    kpis,
    rankBy: { kpi: 'sinks.eol.perHour', goal: 'max' },
    // A scenario file with a Russian name, and an inline overlay with none.
    points: [alternative('Demo line in roubles', kpis, 100, 1, 'Демолиния в рублях'), alternative('bigger buffer', kpis, 200, 1)],
    best: { name: 'bigger buffer', kpi: 'sinks.eol.perHour', goal: 'max', mean: 200, ci95: 1, clearlyBest: false, runnerUp: 'Demo line in roubles' },
  });
}

async function experimentPage(locale: Locale, withLabels: boolean) {
  const html = await render(locale, async () => {
    const { ExperimentResults } = await import('../../client/src/experiments/ExperimentResults.tsx');
    return <ExperimentResults outcome={experiment(withLabels)} />;
  });
  const heads = [...html.matchAll(/<th title="[^"]*">(.*?)<\/th>/g)].map((m) => text(m[1])).filter((h) => !h.startsWith('Δ'));
  const alternatives = [...html.matchAll(/<tr[^>]*><td>(.*?)<\/td>/g)].map((m) => text(m[1]));
  const best = text(/data-testid="best-alternative">(.*?)<\/p>/.exec(html)![1]);
  return { heads, alternatives, best };
}

describe('experiment results name sinks and alternatives in the reader’s language', () => {
  it('Russian: the sink’s labelRu (its English label when it has no Russian one), the scenario’s nameRu', async () => {
    const ru = await experimentPage('ru', true);
    expect(ru.heads).toEqual(['Выпуск на Выходной контроль шт./ч', 'Выпуск на Scrap bin шт./ч']);
    expect(ru.alternatives).toEqual(['Демолиния в рублях (база)', '★ bigger buffer']);
    expect(ru.best).toContain('★ bigger buffer — Выпуск на Выходной контроль');
    expect(ru.best).toContain('не доказано лучше, чем Демолиния в рублях');
  });

  it('English: the sink’s label, the scenario’s name', async () => {
    const en = await experimentPage('en', true);
    expect(en.heads).toEqual(['Output at End-of-line test parts/h', 'Output at Scrap bin parts/h']);
    expect(en.alternatives[0]).toBe('Demo line in roubles (base)');
  });

  it('a result stored before it carried labels names each sink by its id', async () => {
    expect((await experimentPage('ru', false)).heads).toEqual(['Выпуск на eol шт./ч', 'Выпуск на scrap шт./ч']);
  });
});

describe('optimisation results name a sink KPI by its label', () => {
  const outcome = (withLabels: boolean) =>
    optimizeOutcome({
      name: 'more output',
      model: 'demo-line',
      ...(withLabels ? { sinkLabels: SINK_LABELS } : {}),
      objective: { sense: 'maximize', kpi: 'sinks.eol.perHour' },
      best: { values: { 'stacker.servers': 3 }, objective: 120, replications: 2, kpis: {}, holds: true },
      candidates: [{ id: 0, values: { 'stacker.servers': 3 }, replications: 2, status: 'holds', objective: 120, kpis: { 'sinks.eol.perHour': { mean: 120, ci95: 1 } } }],
    });
  const heads = async (locale: Locale, withLabels: boolean) => {
    const html = await render(locale, async () => {
      const { OptimizeResults } = await import('../../client/src/optimize/OptimizeResults.tsx');
      return <OptimizeResults outcome={outcome(withLabels)} />;
    });
    return [...html.matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => text(m[1]));
  };

  it('in the KPI column and the objective, in either language; by id in an older result', async () => {
    expect(await heads('ru', true)).toEqual(expect.arrayContaining(['Цель: Выпуск на Выходной контроль, шт./ч', 'Выпуск на Выходной контроль, шт./ч']));
    expect(await heads('en', true)).toContain('Output at End-of-line test, parts/h');
    expect(await heads('ru', false)).toContain('Выпуск на eol, шт./ч');
  });

  it('on the Pareto chart’s output axis when that is a sink’s output', async () => {
    const { paretoAxisTitles } = await import('../../client/src/optimize/ParetoChart.tsx');
    const { PLANNER_DICTS } = await import('../../client/src/capacity/planner-strings.ts');
    const pareto = { axes: { output: 'sinks.eol.perHour', cost: 'objective' }, points: [] };
    const titles = paretoAxisTitles(pareto, 'EUR', formatter('ru'), (k) => k, (k) => PLANNER_DICTS.ru[k], SINK_LABELS);
    expect(titles.x).toBe('Выпуск на Выходной контроль, шт./ч');
  });
});
