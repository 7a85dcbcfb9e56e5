import { beforeAll, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatter } from '../../client/src/i18n/format.ts';
import { waitFor } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * Money in the model's currency in a real browser: the demo line with a user scenario
 * that sets `product.currency` to RUB (and scrap costs in roubles), run twice through the
 * API, then the capacity comparison opened by link in English and Russian; an experiment
 * on the same overlay opened by link in Russian. Each money figure must name ₽ (ru) or
 * RUB (en), never EUR/евро/€; the CSV's unit column says the same.
 */
const MODEL = 'demo-line';
const ROUBLES = { product: { currency: 'RUB' }, set: { stacker: { scrapCost: 1100 }, formation: { scrapCost: 2300 }, eol: { scrapCost: 2750 } } };
type Run = { runId: string; kpis: { scrapCostTotal: number; currency: string } };
const runs: Run[] = [];

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

const e2e = e2eSuite({
  name: 'e2e money currency',
  // Two user scenarios on the demo line, both counting money in roubles; the second tests faster at the end of line.
  prepare: (dir) => {
    mkdirSync(join(dir, 'scenarios'));
    const scenario = (extra: Record<string, unknown>) => ({ model: MODEL, question: 'What does scrap cost in roubles?', ...ROUBLES, ...extra });
    writeFileSync(join(dir, 'scenarios', 'demo-line-rub.json'), JSON.stringify(scenario({ name: 'Demo line in roubles', nameRu: 'Демолиния в рублях' })));
    const faster = { ...ROUBLES.set, eol: { ...ROUBLES.set.eol, cycle: { dist: 'triangular', min: 40, mode: 50, max: 70 } } };
    writeFileSync(join(dir, 'scenarios', 'demo-line-rub-faster-eol.json'), JSON.stringify(scenario({ name: 'Roubles, faster test', nameRu: 'Рубли, быстрый контроль', set: faster })));
  },
});

e2e.describe('browser end-to-end: money in the model’s currency', () => {
  beforeAll(async () => {
    for (const scenario of ['demo-line-rub', 'demo-line-rub-faster-eol']) {
      runs.push(await e2e.post<Run>('/api/runs', { model: MODEL, scenario, horizonS: 8 * 86400, warmupS: 86400, replications: 2, wait: true }, 201));
    }
  }, 240_000);

  it('the runs say RUB, and the capacity comparison shows scrap cost in RUB (en) and ₽ (ru), CSV included', async () => {
    expect(runs.map((r) => r.kpis.currency)).toEqual(['RUB', 'RUB']);
    expect(runs[0].kpis.scrapCostTotal).toBeGreaterThan(0);
    for (const [locale, width] of [['en', 1600], ['ru', 1600], ['ru', 390]] as const) {
      const page = await e2e.open(`/#/capacity/run/${runs.map((r) => r.runId).join(',')}`, locale, width);
      const row = page.getByTestId('capacity-table').locator('tr[data-path="kpis.scrapCostTotal"]');
      await row.waitFor({ timeout: 30_000 });
      const sign = locale === 'ru' ? '₽' : 'RUB';
      // The row's unit, the base value (the API's mean in the client's one formatter) and the difference name the currency.
      expect(plain(await row.locator('td').first().textContent())).toBe(`${locale === 'ru' ? 'Стоимость брака' : 'Scrap cost'} ${sign}`);
      const base = plain(await row.locator('td').nth(1).textContent());
      expect(base.startsWith(plain(formatter(locale).measure(runs[0].kpis.scrapCostTotal, 'money', { currency: 'RUB' })))).toBe(true);
      expect(plain(await row.locator('td.diff').textContent())).toMatch(new RegExp(`^[-+]?[\\d\\s,]+ ${sign}`));
      expect(plain(await page.getByTestId('capacity-table').textContent())).not.toMatch(/EUR|евро|€/);
      // The runs are headed by the user scenario's name in the page's language (its nameRu in Russian) from
      // the moment the table shows: it waits for the scenario list rather than show the id the name replaces.
      const name = locale === 'ru' ? 'Демолиния в рублях' : 'Demo line in roubles';
      const heads = plain(await page.getByTestId('capacity-table').locator('thead').textContent());
      expect(heads).toContain(name);
      expect(heads).not.toContain('demo-line-rub');
      if (locale === 'ru') expect(heads).not.toContain('Demo line in roubles');
      await e2e.shot(page, `money-capacity-${locale}-${width}`, { fullPage: true });
      if (locale === 'en') {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capacity-comparison-csv').click()]);
        const csv = readFileSync((await download.path())!, 'utf8');
        expect(csv).toMatch(/^"?Scrap cost"?,RUB,/m);
      }
      await page.context().close();
    }
  }, 120_000);

  it('an experiment on the roubles overlay shows its money columns in ₽ in Russian', async () => {
    const doc = {
      name: 'scrap in roubles',
      model: MODEL,
      scenarios: [{ name: 'roubles', ...ROUBLES }, { name: 'bigger buffer', ...ROUBLES, set: { ...ROUBLES.set, 'stack-buffer': { capacity: 40 } } }],
      horizon: '6d',
      warmup: '1d',
      seed: 1,
      replications: 2,
      kpis: ['kpi.cellsPerDay', 'kpi.scrapCostTotal'],
      rankBy: { kpi: 'kpi.cellsPerDay', goal: 'max' },
      warmupReport: false,
    };
    const { id } = await e2e.post<{ id: string }>('/api/experiments', doc, 202);
    const done = await waitFor(
      async () => {
        const body = await e2e.get<{ status: string; result?: { currency?: string } }>(`/api/experiments/${id}`);
        return body.status === 'finished' ? body : undefined;
      },
      'the experiment to finish',
      120_000,
    );
    expect(done.result?.currency).toBe('RUB');
    const page = await e2e.open(`/#/experiments/${id}`, 'ru', 1600);
    const results = page.getByTestId('experiment-results');
    await results.waitFor({ timeout: 30_000 });
    const heads = (await results.locator('thead th').allTextContents()).map(plain);
    expect(heads).toContain('Стоимость брака ₽');
    expect(plain(await results.textContent())).not.toMatch(/EUR|евро|€/);
    await e2e.shot(page, 'money-experiment-ru-1600', { fullPage: true });
    await page.context().close();
  }, 180_000);
});
