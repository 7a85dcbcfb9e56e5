import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { formatter } from '../../client/src/i18n/format.ts';
import { browserGate, ensureClientBuilt, launchBrowser, resultsDir, startServer, stopServer, waitFor, type ServerProcess } from './harness.ts';

/**
 * Money in the model's currency in a real browser: the demo line with a user scenario
 * that sets `product.currency` to RUB (and scrap costs in roubles), run twice through the
 * API, then the capacity comparison opened by link in English and Russian; an experiment
 * on the same overlay opened by link in Russian. Each money figure must name ₽ (ru) or
 * RUB (en), never EUR/евро/€; the CSV's unit column says the same.
 */
const gate = browserGate('e2e money currency');
const MODEL = 'demo-line';
const ROUBLES = { product: { currency: 'RUB' }, set: { stacker: { scrapCost: 1100 }, formation: { scrapCost: 2300 }, eol: { scrapCost: 2750 } } };
let dir: string;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
const runs: { runId: string; kpis: { scrapCostTotal: number; currency: string } }[] = [];

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

async function contextFor(locale: 'en' | 'ru', width: number, height: number): Promise<BrowserContext> {
  const ctx = await browser!.newContext({ viewport: { width, height }, acceptDownloads: true });
  await ctx.addInitScript((l) => localStorage.setItem('twin.locale', l), locale);
  return ctx;
}

describe.skipIf(gate.skip)('browser end-to-end: money in the model’s currency', () => {
  beforeAll(async () => {
    ensureClientBuilt();
    dir = mkdtempSync(join(tmpdir(), 'twin-e2e-money-'));
    mkdirSync(join(dir, 'scenarios'));
    // Two user scenarios on the demo line, both counting money in roubles; the second tests faster at the end of line.
    const scenario = (extra: Record<string, unknown>) => ({ model: MODEL, question: 'What does scrap cost in roubles?', ...ROUBLES, ...extra });
    writeFileSync(join(dir, 'scenarios', 'demo-line-rub.json'), JSON.stringify(scenario({ name: 'Demo line in roubles', nameRu: 'Демолиния в рублях' })));
    const faster = { ...ROUBLES.set, eol: { ...ROUBLES.set.eol, cycle: { dist: 'triangular', min: 40, mode: 50, max: 70 } } };
    writeFileSync(join(dir, 'scenarios', 'demo-line-rub-faster-eol.json'), JSON.stringify(scenario({ name: 'Roubles, faster test', nameRu: 'Рубли, быстрый контроль', set: faster })));
    server = await startServer(dir, 0, { USER_SCENARIOS_DIR: join(dir, 'scenarios') });
    browser = await launchBrowser();
    for (const scenario of ['demo-line-rub', 'demo-line-rub-faster-eol']) {
      const res = await fetch(`${server.url}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, scenario, horizonS: 8 * 86400, warmupS: 86400, replications: 2, wait: true }),
      });
      expect(res.status).toBe(201);
      runs.push((await res.json()) as (typeof runs)[number]);
    }
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the runs say RUB, and the capacity comparison shows scrap cost in RUB (en) and ₽ (ru), CSV included', async () => {
    expect(runs.map((r) => r.kpis.currency)).toEqual(['RUB', 'RUB']);
    expect(runs[0].kpis.scrapCostTotal).toBeGreaterThan(0);
    for (const [locale, width, height] of [['en', 1600, 1000], ['ru', 1600, 1000], ['ru', 390, 844]] as const) {
      const ctx = await contextFor(locale, width, height);
      const page = await ctx.newPage();
      await page.goto(`${server!.url}/#/capacity/run/${runs.map((r) => r.runId).join(',')}`);
      const row = page.getByTestId('capacity-table').locator('tr[data-path="kpis.scrapCostTotal"]');
      await row.waitFor({ timeout: 30_000 });
      const sign = locale === 'ru' ? '₽' : 'RUB';
      // The row's unit, the base value (the API's mean in the client's one formatter) and the difference name the currency.
      expect(plain(await row.locator('td').first().textContent())).toBe(`${locale === 'ru' ? 'Стоимость брака' : 'Scrap cost'} ${sign}`);
      const base = plain(await row.locator('td').nth(1).textContent());
      expect(base.startsWith(plain(formatter(locale).measure(runs[0].kpis.scrapCostTotal, 'money', { currency: 'RUB' })))).toBe(true);
      expect(plain(await row.locator('td.diff').textContent())).toMatch(new RegExp(`^[-+]?[\\d\\s,]+ ${sign}`));
      expect(plain(await page.getByTestId('capacity-table').textContent())).not.toMatch(/EUR|евро|€/);
      // The runs are headed by the user scenario's name in the page's language (its nameRu in Russian).
      const heads = plain(await page.getByTestId('capacity-table').locator('thead').textContent());
      expect(heads).toContain(locale === 'ru' ? 'Демолиния в рублях' : 'Demo line in roubles');
      if (locale === 'ru') expect(heads).not.toContain('Demo line in roubles');
      await page.screenshot({ path: join(resultsDir(), `money-capacity-${locale}-${width}.png`), fullPage: true });
      if (locale === 'en') {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capacity-comparison-csv').click()]);
        const csv = readFileSync((await download.path())!, 'utf8');
        expect(csv).toMatch(/^"?Scrap cost"?,RUB,/m);
      }
      await ctx.close();
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
    const res = await fetch(`${server!.url}/api/experiments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const done = await waitFor(
      async () => {
        const body = (await (await fetch(`${server!.url}/api/experiments/${id}`)).json()) as { status: string; result?: { currency?: string } };
        return body.status === 'finished' ? body : undefined;
      },
      'the experiment to finish',
      120_000,
    );
    expect(done.result?.currency).toBe('RUB');
    const ctx = await contextFor('ru', 1600, 1000);
    const page = await ctx.newPage();
    await page.goto(`${server!.url}/#/experiments/${id}`);
    const results = page.getByTestId('experiment-results');
    await results.waitFor({ timeout: 30_000 });
    const heads = (await results.locator('thead th').allTextContents()).map(plain);
    expect(heads).toContain('Стоимость брака ₽');
    expect(plain(await results.textContent())).not.toMatch(/EUR|евро|€/);
    await page.screenshot({ path: join(resultsDir(), 'money-experiment-ru-1600.png'), fullPage: true });
    await ctx.close();
  }, 180_000);
});
