import { describe, expect, it } from 'vitest';
import { pageText as text, renderIn as render } from './render-in-locale.ts';
import { formatter, type Locale } from '../../client/src/i18n/format.ts';
import type { RunEntry } from '../../client/src/capacity/run-results.ts';
import { alternative, experimentOutcome, optimizeOutcome, runEntry } from './result-fixtures.ts';

/**
 * Money on the planner's pages is in the run's currency (`kpis.currency`, the result's
 * `currency`: the model's product.currency): it used to say "EUR"/"евро" whatever the model
 * said. A model in roubles must read ₽ in Russian and RUB in English (Intl's names) on the
 * capacity comparison, the experiment results and the optimisation results.
 * The pages are rendered on the server; a zustand store gives its initial state there, so the
 * page's language is set the way a link sets it (`?lang=`) before the modules load, afresh
 * for each language (as in debrief-currency.test.tsx).
 */
/** Text of the HTML without tags, entities of no-break spaces as plain spaces. */

function run(label: string, currency: string | null, scrapCost: number): RunEntry {
  return runEntry(
    label,
    [
      { path: 'kpis.scrapCostTotal', value: scrapCost, ci: 100 },
      { path: 'kpis.cost.eurPerKwh', value: 8250.04, ci: 12.3 },
    ],
    currency,
  );
}

/** The text of the comparison table's row for a KPI path (its name, unit, values and differences). */
function rowText(html: string, path: string): string {
  const row = new RegExp(`<tr data-path="${path.replace(/\./g, '\\.')}">(.*?)</tr>`).exec(html)?.[1];
  if (row === undefined) throw new Error(`no row ${path}`);
  return text(row).trim();
}

async function comparison(locale: Locale, runs: RunEntry[]) {
  return render(locale, async () => {
    const { ComparisonTable } = await import('../../client/src/capacity/ComparisonTable.tsx');
    return <ComparisonTable runs={runs} />;
  });
}

describe('the capacity comparison names the runs’ currency', () => {
  it('a model in RUB: ₽ in Russian, RUB in English, on scrap cost and cost per kWh, values and differences', async () => {
    const runs = [run('base', 'RUB', 250_000), run('more racks', 'RUB', 260_000)];
    const ru = await comparison('ru', runs);
    // Scrap cost: 0 digits; cost per kWh: 1 digit (8 250,04 → 8 250). The Welch difference of 10 000 ₽ names it too.
    expect(rowText(ru, 'kpis.scrapCostTotal')).toMatch(/^Стоимость брака ₽ 250 000 ₽ ± 100 260 000 ₽ ± 100 \+10 000 ₽/);
    expect(rowText(ru, 'kpis.cost.eurPerKwh')).toMatch(/^Себестоимость кВт·ч ячеек сорта A ₽\/кВт·ч 8 250 ₽\/кВт·ч/);
    expect(ru).not.toMatch(/евро|€|EUR/);
    const en = await comparison('en', runs);
    expect(rowText(en, 'kpis.scrapCostTotal')).toMatch(/^Scrap cost RUB 250,000 RUB ± 100 260,000 RUB ± 100 \+10,000 RUB/);
    expect(rowText(en, 'kpis.cost.eurPerKwh')).toMatch(/^Cost per kWh of A-grade cells RUB\/kWh 8,250 RUB\/kWh/);
    expect(en).not.toMatch(/€|EUR/);
  });

  it('a model in EUR shows €', async () => {
    expect(rowText(await comparison('en', [run('base', 'EUR', 2500)]), 'kpis.scrapCostTotal')).toMatch(/^Scrap cost € 2,500 € ± 100$/);
  });

  it('runs in different currencies (a scenario may set product.currency) each name their own, with no difference taken', async () => {
    const row = rowText(await comparison('en', [run('base', 'EUR', 2500), run('in roubles', 'RUB', 250_000)]), 'kpis.scrapCostTotal');
    // The row's unit is the generic currency sign; the difference cell is a dash.
    expect(row).toBe('Scrap cost ¤ 2,500 € ± 100 250,000 RUB ± 100 —');
  });

  it('the chart of a money KPI names the currency in its title', async () => {
    const runs = [run('base', 'RUB', 250_000)];
    const svg = await render('ru', async () => {
      const { ComparisonChart } = await import('../../client/src/capacity/ComparisonChart.tsx');
      const { comparisonLines } = await import('../../client/src/capacity/result-rows.ts');
      const line = comparisonLines(runs).find((l) => l.row.path === 'kpis.scrapCostTotal');
      return <ComparisonChart runs={runs} line={line} name="Стоимость брака" />;
    });
    expect(text(svg)).toContain('Стоимость брака, ₽ · среднее');
    expect(text(svg)).toContain('250 000 ₽');
  });
});

function experiment(currency: string | undefined) {
  const kpis = ['kpi.scrapCostTotal', 'kpi.cost.eurPerKwh', 'kpi.cost.perYear.energy'];
  return experimentOutcome({
    experiment: 'ramp-up cost',
    ...(currency === undefined ? {} : { currency }),
    kpis,
    rankBy: { kpi: 'kpi.cost.eurPerKwh', goal: 'min' },
    points: [alternative('mature', kpis, 1000, 10), alternative('month 1', kpis, 2000, 10)],
    best: { name: 'mature', kpi: 'kpi.cost.eurPerKwh', goal: 'min', mean: 1000, ci95: 10, clearlyBest: true, runnerUp: 'month 1' },
  });
}

async function experimentPage(locale: Locale, currency: string | undefined) {
  const html = await render(locale, async () => {
    const { ExperimentResults } = await import('../../client/src/experiments/ExperimentResults.tsx');
    return <ExperimentResults outcome={experiment(currency)} />;
  });
  const headers = [...html.matchAll(/<th title="[^"]*">(.*?)<\/th>/g)].map((m) => text(m[1]).trim()).filter((h) => !h.startsWith('Δ'));
  const best = text(/data-testid="best-alternative">(.*?)<\/p>/.exec(html)![1]);
  return { headers, best };
}

describe('experiment results name the result’s currency', () => {
  it('RUB: ₽ in Russian, RUB in English, in the column heads and the best alternative', async () => {
    const ru = await experimentPage('ru', 'RUB');
    expect(ru.headers).toEqual(['Стоимость брака ₽', 'Себестоимость кВт·ч ячеек сорта A ₽/кВт·ч', 'Затраты на электроэнергию в год ₽/год']);
    expect(ru.best).toContain('Себестоимость кВт·ч ячеек сорта A 1 000 ₽/кВт·ч');
    const en = await experimentPage('en', 'RUB');
    expect(en.headers).toEqual(['Scrap cost RUB', 'Cost per kWh of A-grade cells RUB/kWh', 'Electricity cost per year RUB/yr']);
  });

  it('a result stored before the currency was recorded shows the generic sign ¤ rather than guess', async () => {
    expect((await experimentPage('en', undefined)).headers[0]).toBe('Scrap cost ¤');
  });
});

describe('optimisation results name the result’s currency', () => {
  const outcome = optimizeOutcome({
    name: 'cheapest',
    currency: 'RUB',
    objective: { sense: 'minimize', kpi: 'kpis.cost.eurPerKwh' },
    best: { values: { 'stacker.servers': 3 }, objective: 8240, replications: 2, kpis: {}, holds: true },
    candidates: [{ id: 0, values: { 'stacker.servers': 3 }, replications: 2, status: 'holds', objective: 8240, kpis: { 'kpis.cost.eurPerKwh': { mean: 8240, ci95: 5 }, 'kpis.gwhPerYear': { mean: 4.4, ci95: 0.01 } } }],
  });
  it('the objective, the KPI columns and the best candidate say ₽ in Russian', async () => {
    const html = await render('ru', async () => {
      const { OptimizeResults } = await import('../../client/src/optimize/OptimizeResults.tsx');
      return <OptimizeResults outcome={outcome} />;
    });
    const heads = [...html.matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => text(m[1]).trim());
    expect(heads).toContain('Цель: Себестоимость кВт·ч ячеек сорта A, ₽/кВт·ч');
    expect(heads).toContain('Себестоимость кВт·ч ячеек сорта A, ₽/кВт·ч');
    expect(heads).toContain('Выпуск энергии в пересчёте на год, ГВт·ч/год');
    expect(text(/data-testid="optimize-best">(.*?)<\/p>/.exec(html)![1])).toContain('Цель 8 240 ₽/кВт·ч');
  });
});

describe('the Pareto chart’s axes', () => {
  it('name cost per kWh in the result’s currency and output in GWh/yr', async () => {
    const { paretoAxisTitles } = await import('../../client/src/optimize/ParetoChart.tsx');
    const { PLANNER_DICTS } = await import('../../client/src/capacity/planner-strings.ts');
    const pareto = { axes: { output: 'kpis.gwhPerYear', cost: 'kpis.cost.eurPerKwh' }, points: [] };
    const optimizeText = (key: string) => key; // only asked for when the front is drawn by the objective
    expect(paretoAxisTitles(pareto, 'RUB', formatter('ru'), optimizeText, (k) => PLANNER_DICTS.ru[k])).toEqual({
      x: 'Выпуск энергии в пересчёте на год, ГВт·ч/год',
      y: 'Себестоимость кВт·ч ячеек сорта A, ₽/кВт·ч',
    });
    expect(paretoAxisTitles(pareto, 'RUB', formatter('en'), optimizeText, (k) => PLANNER_DICTS.en[k]).y).toBe('Cost per kWh of A-grade cells, RUB/kWh');
  });
});

describe('the formatter’s money units', () => {
  it('fill ¤ with the currency as each locale writes it, and keep ¤ when the currency is unknown', () => {
    expect(formatter('ru').unit('moneyPerYear', 'RUB')).toBe('₽/год');
    expect(formatter('en').unit('moneyPerKwh', 'EUR')).toBe('€/kWh');
    expect(formatter('en').unit('money', null)).toBe('¤');
    expect(formatter('en').measure(1234.5, 'money', { currency: 'kEUR' })).toBe('1,235\u00a0kEUR');
    expect(formatter('en').unit('days', 'RUB')).toBe('d');
  });
});
