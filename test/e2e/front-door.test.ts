import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSuite, type ContextOptions } from './suite.ts';

/**
 * The front door as an executive meets it: open the address, no click, and the public
 * plant is there with its output. The real server (npm start's main.ts, which warms the
 * public plant up at boot) and the built client in headless chromium; ru, en and a
 * 390 px phone.
 */
// main.ts as npm start runs it: PUBLIC_WARMUP defaults to 30 simulated days.
const e2e = e2eSuite({ name: 'e2e front door', serverEnv: { PUBLIC_WARMUP: '30d' }, model: 'default-plant' });

interface Kpis {
  cellsPerDay: number | null;
  gwhPerYear: number | null;
  windowDays: number | null;
  windowOnShare: number | null;
  yearOnShare: number | null;
  yield: number | null;
  bottleneck: { id: string; share: number } | null;
  daily: { day: number; cells: number }[];
}

/** The address opened on a device of `width`; no saved language, so the address (?lang) chooses it. */
const open = (path: string, width = 1600, device: ContextOptions = { height: 900 }) => e2e.open(path, 'from-address', width, device);

const kpis = (page: Page) => page.evaluate(() => (window as unknown as { __twin: { kpis: Kpis } }).__twin.kpis);

/** Waits until the page shows positive output; returns the KPIs and the wall time it took from `since`. */
async function firstOutput(page: Page, since: number): Promise<{ k: Kpis; ms: number }> {
  const end = Date.now() + 60_000;
  let k: Kpis | undefined;
  while (Date.now() < end) {
    k = await kpis(page);
    if ((k.cellsPerDay ?? 0) > 0 && (k.gwhPerYear ?? 0) > 0) return { k, ms: Date.now() - since };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no output on the page within 60 s; last kpis: ${JSON.stringify(k)}`);
}

/** Opens the address and waits for positive output, logging how long that took, and checks the figures agree. */
async function arrive(path: string, who: string, width?: number, device?: ContextOptions): Promise<Page> {
  const t0 = Date.now();
  const page = await open(path, width, device);
  const { k, ms } = await firstOutput(page, t0);
  console.log(`[front door] ${who}: ${ms} ms from opening the URL to positive output on the page`);
  expectConsistent(k);
  return page;
}

/**
 * The figures must agree with each other and with the model, checked independently of
 * the code that made them: GWh/yr = cells/day ÷ (window's on-shift share) × 365 ×
 * (year's on-shift share) × Wh per cell / 1e9, with the year's share read from the
 * model's own calendar (the default plant: two 7.5-day shutdowns, 350/365), and the
 * window's share 1 at the start (the first shutdown is at day 175).
 */
function expectConsistent(k: Kpis): void {
  const cal = Object.values(e2e.model.calendars)[0];
  const yearShare = cal.shifts.reduce((a, s) => a + (s.endS - s.startS), 0) / cal.periodS;
  expect(yearShare).toBeCloseTo(350 / 365, 6);
  expect(k.yearOnShare).toBeCloseTo(yearShare, 9);
  expect(k.windowOnShare).toBe(1);
  const wh = e2e.model.product!.whPerCell;
  expect(k.gwhPerYear!).toBeCloseTo((k.cellsPerDay! * 365 * yearShare * wh) / 1e9, 6);
  // A warmed plant: the window is a full week, and the rate is a plant's, not a trickle.
  // The static bound is 4.43 GWh/yr (README); a week of a warm plant lands within ±15 % of it.
  expect(k.windowDays).toBeCloseTo(7, 6);
  expect(k.gwhPerYear!).toBeGreaterThan(4.43 * 0.85);
  expect(k.gwhPerYear!).toBeLessThan(4.43 * 1.15);
  expect(k.yield!).toBeGreaterThan(0.5);
  expect(k.yield!).toBeLessThanOrEqual(1);
  expect(k.bottleneck?.share ?? 0).toBeGreaterThan(0);
  expect(k.daily.length).toBeGreaterThanOrEqual(7);
}

/** Nothing wider than the device: a phone browser would widen the layout viewport to fit (innerWidth grows), so compare with the screen. */
const noSideScroll = (page: Page) =>
  page.evaluate(() => window.innerWidth <= screen.width && document.documentElement.scrollWidth <= screen.width && document.body.scrollWidth <= screen.width);

e2e.describe('browser end-to-end: the front door', () => {
  it('answers /api/health while the public plant warms, and says when it runs', async () => {
    const health = await e2e.get<{ publicPlant: { status: string } }>('/api/health');
    expect(['warming', 'running']).toContain(health.publicPlant.status);
    const end = Date.now() + 60_000;
    let status = health.publicPlant.status;
    while (status !== 'running' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await e2e.get<{ publicPlant: { status: string } }>('/api/health')).publicPlant.status;
    }
    expect(status).toBe('running');
    // The client is served compressed: brotli or gzip, as the browser asks.
    const index = await (await fetch(e2e.url)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1];
    for (const encoding of ['br', 'gzip']) {
      const res = await fetch(`${e2e.url}${script}`, { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
    }
  });

  it('in Russian: the plant and its output at first sight, without a click', async () => {
    const page = await arrive('/?lang=ru', 'ru');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await page.title()).toBe('Цифровой двойник завода батарей');
    await expect(page.locator('h1').textContent()).resolves.toBe('Цифровой двойник завода батарей');
    await expect(page.getByTestId('role').textContent()).resolves.toContain('наблюдатель');
    await expect(page.locator('.stage canvas').getAttribute('aria-label')).resolves.toMatch(/завод/);
    await expect(page.getByTestId('hl-gwh').textContent()).resolves.toContain('ГВт·ч/год');
    await expect(page.getByTestId('hl-gwh').textContent()).resolves.toContain('7 суток');
    await page.waitForTimeout(1500); // the camera's first glide (0.8 s) and a trend refresh, for the picture
    await e2e.shot(page, 'front-desktop-ru');
    await page.context().close(); // software WebGL is heavy: one live page at a time
  });

  it('in English, chosen by ?lang, and the switch changes and remembers the language', async () => {
    const page = await arrive('/?lang=en', 'en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.title()).toBe('Battery plant twin');
    await expect(page.getByTestId('hl-cells').textContent()).resolves.toContain('A-grade cells per day');
    await page.waitForTimeout(1500);
    await e2e.shot(page, 'front-desktop-en');

    // Each language is named in itself and marked with its own lang.
    const ru = page.locator('.lang-switch button[lang="ru"]');
    await expect(ru.textContent()).resolves.toBe('Русский');
    await expect(page.locator('.lang-switch button[lang="en"]').textContent()).resolves.toBe('English');
    await ru.click();
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    expect(await page.title()).toBe('Цифровой двойник завода батарей');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ru');
    // Remembered: the same browser opening the bare address speaks Russian.
    await page.goto('about:blank');
    const again = await page.context().newPage();
    await again.goto(e2e.url);
    await again.waitForFunction(() => document.documentElement.lang === 'ru');
    await expect(again.locator('h1').textContent()).resolves.toBe('Цифровой двойник завода батарей');
    await page.context().close();
  });

  it('on a 390 px phone: the plant, its output, tabs for the panels, no sideways scrolling', async () => {
    const page = await arrive('/?lang=ru', 'phone', 390, { mobile: true });
    const canvas = await page.locator('.stage canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThan(350);
    expect(canvas!.height).toBeGreaterThan(250);
    expect(await noSideScroll(page)).toBe(true);
    // The panels are tabs: one shows at a time.
    await expect(page.locator('.side.right').isVisible()).resolves.toBe(true);
    await expect(page.locator('.pane-sessions').isVisible()).resolves.toBe(false);
    await page.locator('.panel-tabs').getByRole('button', { name: 'Сессии' }).click();
    await expect(page.locator('.pane-sessions').isVisible()).resolves.toBe(true);
    await expect(page.locator('.side.right').isVisible()).resolves.toBe(false);
    // Plurals by Intl.PluralRules in the session list: "1 наблюдатель", not "1 наблюдателей".
    await expect(page.locator('.session-list').textContent()).resolves.toMatch(/\d+ наблюдател(ь|я|ей)/);
    expect(await noSideScroll(page)).toBe(true);
    await page.locator('.panel-tabs').getByRole('button', { name: 'Показатели' }).click();
    await page.waitForTimeout(1500);
    await e2e.shot(page, 'front-phone-ru', { fullPage: true });
    await page.context().close();
  });

  it('on a tablet: the 3D view beside one tabbed panel, no sideways scrolling', async () => {
    const page = await open('/?lang=en', 820, { mobile: true });
    await firstOutput(page, Date.now());
    const canvas = await page.locator('.stage canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThan(400);
    expect(await noSideScroll(page)).toBe(true);
    await expect(page.locator('.panel-tabs').isVisible()).resolves.toBe(true);
    await page.waitForTimeout(1500);
    await e2e.shot(page, 'front-tablet-en');
  });
});
