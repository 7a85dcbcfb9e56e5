/**
 * A walk through this round's leftovers in chromium, in English and Russian, saving screenshots
 * to test-results/walk-leftovers/ and printing what each page said (not a test: a person looks at
 * the pictures). Run with the client built: `npx vite build --config client/vite.config.ts && npx tsx test/e2e/walks/leftovers-walk.ts`.
 *   1. an experiment from the form: the progress line counts replications, the warm-up check apart; cancelled, the same count as the partial result;
 *   3. MSER-5 warnings of an experiment and an optimisation in Russian and English;
 *   5. a timed-out experiment says why once.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { UserStore } from '../../../server/store/users.ts';
import { launchBrowser, RESULTS, startServer, stopServer, waitFor, type ServerProcess } from '../harness.ts';

const PASSWORD = 'walk the leftovers';
const OUT = join(RESULTS, 'walk-leftovers');
mkdirSync(OUT, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'twin-walk-leftovers-'));
let server: ServerProcess | undefined;
let browser: Browser | undefined;
const say = (...a: unknown[]) => console.log(...a);

async function context(locale: 'en' | 'ru', width = 1400): Promise<BrowserContext> {
  const ctx = await browser!.newContext({ viewport: { width, height: width > 1000 ? 1000 : 844 } });
  await ctx.addInitScript((l) => localStorage.setItem('twin.locale', l), locale);
  const login = await ctx.request.post(`${server!.url}/api/auth/login`, { data: { name: 'paula', password: PASSWORD } });
  if (login.status() !== 200) throw new Error(`login: ${login.status()}`);
  return ctx;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('[data-testid=experiment-panel], [data-testid=optimize-panel]').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  say(`  screenshot ${path}`);
}

const statusText = async (page: Page, id = 'experiment-status') => ((await page.getByTestId(id).textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Item 1: an experiment from the form, 500 replications of the default plant. */
async function progressWalk(locale: 'en' | 'ru', width: number): Promise<void> {
  say(`item 1 (${locale}, ${width} px)`);
  const ctx = await context(locale, width);
  const page = await ctx.newPage();
  await page.goto(`${server!.url}/#/experiments`);
  const form = page.getByTestId('experiment-form');
  await form.waitFor({ timeout: 30_000 });
  await waitFor(async () => (await form.locator('select').first().locator('option[value="default-plant"]').count()) > 0, 'the model list');
  await form.locator('select').first().selectOption('default-plant');
  await form.locator('input[type=radio][name=stop]').first().check();
  await form.locator('input[type=number][max="1000"]').first().fill('500');
  await page.getByTestId('experiment-start').click();
  await page.getByTestId('experiment-cancel').waitFor({ timeout: 60_000 });
  const check = locale === 'ru' ? /проверка прогрева [1-4] из 5/ : /warm-up check [1-4] \/ 5/;
  await waitFor(async () => check.test(await statusText(page)), 'the warm-up check counted', 120_000);
  say(`  running: "${await statusText(page)}"`);
  await shot(page, `item1-running-check-${locale}-${width}`);
  const replication = locale === 'ru' ? /репликации ([1-9]\d*) \/ 500/ : /replications ([1-9]\d*) \/ 500/;
  await waitFor(async () => replication.test(await statusText(page)), 'a replication finished', 150_000);
  say(`  running: "${await statusText(page)}"`);
  await shot(page, `item1-running-replications-${locale}-${width}`);
  await page.getByTestId('experiment-cancel').click();
  await page.getByTestId('partial-count').first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1000);
  say(`  cancelled: "${await statusText(page)}"; partial: "${((await page.getByTestId('partial-count').first().textContent()) ?? '').trim()}"`);
  await shot(page, `item1-cancelled-${locale}-${width}`);
  await ctx.close();
}

async function post(ctx: BrowserContext, kind: 'experiments' | 'optimizations', doc: unknown): Promise<string> {
  const r = await ctx.request.post(`${server!.url}/api/${kind}`, { data: doc });
  if (r.status() !== 202) throw new Error(`POST ${kind}: ${r.status()} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

async function ended(ctx: BrowserContext, kind: 'experiments' | 'optimizations', id: string, timeoutMs: number): Promise<string> {
  return waitFor(async () => {
    const s = ((await (await ctx.request.get(`${server!.url}/api/${kind}/${id}`)).json()) as { status: string }).status;
    return s !== 'queued' && s !== 'running' && s;
  }, `${kind} ${id} ended`, timeoutMs);
}

async function main(): Promise<void> {
  const users = new UserStore(join(dir, 'twin.db'));
  await users.add('paula', ['planner'], PASSWORD);
  users.close();
  server = await startServer(dir, 0, { USER_SCENARIOS_DIR: join(dir, 'scenarios'), EXPERIMENT_TIMEOUT: '150', EXPERIMENT_CONCURRENCY: '2' });
  browser = await launchBrowser();
  say(`server ${server.url}`);

  await progressWalk('en', 1400);
  await progressWalk('ru', 390);

  const api = await context('en');
  // Item 5: a long experiment that EXPERIMENT_TIMEOUT (150 s here) stops; started now, looked at last.
  const slow = await post(api, 'experiments', { name: 'too long for the limit', model: 'default-plant', horizon: '30d', warmup: '10d', replications: 500, scenarios: [{ name: 'base' }] });

  // Item 3: 4 days of the demo line with an automatic warm-up: output only in the last 0.8 d, so MSER-5 warns.
  say('item 3');
  const short = await post(api, 'experiments', {
    name: 'demo line, 4 days', model: 'demo-line', horizon: '4d', warmup: 'auto', replications: 2, warmupReport: false,
    scenarios: [{ name: 'base' }, { name: 'five racks', set: { formation: { servers: 5 } } }],
  });
  const opt = await post(api, 'optimizations', {
    name: 'demo line racks, 4 days', model: 'demo-line', horizon: '4d', warmup: 'auto', replications: 2, seed: 1,
    variables: [{ path: 'formation.servers', from: 3, to: 5, step: 1 }], constraints: [], objective: { maximize: 'sinks.shipping.perHour' },
  });
  say(`  experiment ${await ended(api, 'experiments', short, 300_000)}, optimisation ${await ended(api, 'optimizations', opt, 300_000)}`);
  for (const locale of ['en', 'ru'] as const) {
    const ctx = await context(locale);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/#/experiments/${short}`);
    const box = page.getByTestId('experiment-warnings');
    await box.waitFor({ timeout: 30_000 });
    say(`  experiment warnings (${locale}): "${((await box.textContent()) ?? '').replace(/\s+/g, ' ')}"`);
    await box.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(OUT, `item3-experiment-warnings-${locale}.png`) });
    say(`  screenshot ${join(OUT, `item3-experiment-warnings-${locale}.png`)}`);
    await page.goto(`${server.url}/#/optimize/${opt}`);
    const optBox = page.getByTestId('optimize-warnings');
    await optBox.waitFor({ timeout: 30_000 });
    say(`  optimisation warnings (${locale}): "${((await optBox.textContent()) ?? '').replace(/\s+/g, ' ')}"`);
    await optBox.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(OUT, `item3-optimize-warnings-${locale}.png`) });
    say(`  screenshot ${join(OUT, `item3-optimize-warnings-${locale}.png`)}`);
    await ctx.close();
  }

  say('item 5');
  say(`  slow experiment ${await ended(api, 'experiments', slow, 400_000)}`);
  for (const locale of ['en', 'ru'] as const) {
    const ctx = await context(locale);
    const page = await ctx.newPage();
    await page.goto(`${server.url}/#/experiments/${slow}`);
    await page.getByTestId('experiment-error').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    const panel = ((await page.getByTestId('experiment-panel').textContent()) ?? '').replace(/\s+/g, ' ');
    const reason = locale === 'ru' ? 'Расчёт остановлен' : 'the longest a job may run';
    say(`  ${locale}: the reason appears ${panel.split(reason).length - 1} time(s); status "${await statusText(page)}"; box "${((await page.getByTestId('experiment-error').textContent()) ?? '').trim()}"`);
    await shot(page, `item5-timed-out-${locale}`);
    await ctx.close();
  }
  await api.close();
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await browser?.close();
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });
