import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browserGate, ensureClientBuilt, launchBrowser, resultsDir, startServer, stopServer, waitTwin, type ServerProcess } from './harness.ts';

/**
 * The top bar on a phone (390 px) and a tablet (820 px), in Russian and English, on
 * each page: the page never scrolls sideways and nothing in the bar runs past the
 * screen's right edge, also with two more page tabs than today (the bar wraps).
 */
const gate = browserGate('e2e top bar widths');
let dir: string;
let server: ServerProcess | undefined;
let browser: Browser | undefined;

interface Fit {
  scrollWidth: number;
  innerWidth: number;
  /** Right edge of the furthest element in the top bar, px. */
  barRight: number;
  barHeight: number;
}

const measure = (page: Page): Promise<Fit> =>
  page.evaluate(() => {
    const bar = document.querySelector('.topbar')!;
    const right = Math.max(...[...bar.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, barRight: right, barHeight: bar.getBoundingClientRect().height };
  });

/** Two more tabs like the real ones (an optimiser page and one more), long names included. */
const addTabs = (page: Page) =>
  page.evaluate(() => {
    const tabs = document.querySelector('.topbar .tabs')!;
    for (const name of ['Оптимизатор', 'Журнал запусков']) {
      const b = tabs.querySelector('.tab')!.cloneNode() as HTMLElement;
      b.className = 'tab';
      b.textContent = name;
      tabs.appendChild(b);
    }
  });

describe.skipIf(gate.skip)('browser end-to-end: the top bar fits phones and tablets', () => {
  beforeAll(async () => {
    ensureClientBuilt();
    dir = mkdtempSync(join(tmpdir(), 'twin-topbar-'));
    server = await startServer(dir, 0, { PUBLIC_WARMUP: '1d' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const width of [390, 820]) {
    for (const lang of ['ru', 'en'] as const) {
      it(`${width} px, ${lang}: live, capacity and experiments pages, with 3 and with 5 tabs`, async () => {
        const ctx = await browser!.newContext({ viewport: { width, height: width < 500 ? 844 : 1180 }, isMobile: width < 500, hasTouch: width < 500, deviceScaleFactor: 1 });
        for (const hash of ['', '#/capacity', '#/experiments']) {
          const page = await ctx.newPage(); // a fresh page each time: going to another hash would keep the added tabs
          await page.goto(`${server!.url}/?lang=${lang}${hash}`);
          await waitTwin(page, (t) => t.connection === 'connected', 'the socket to connect');
          await page.locator('.topbar .tabs .tab').nth(2).waitFor();
          const where = `${width} px ${lang} ${hash || '/'}`;
          const three = await measure(page);
          expect(three.innerWidth, where).toBe(width);
          expect(three.scrollWidth, where).toBeLessThanOrEqual(three.innerWidth);
          expect(three.barRight, where).toBeLessThanOrEqual(three.innerWidth);
          await page.locator('.topbar').screenshot({ path: join(resultsDir(), `topbar-${width}-${lang}-${hash.slice(2) || 'live'}.png`) });
          await addTabs(page);
          const five = await measure(page);
          expect(five.scrollWidth, `${where}, 5 tabs`).toBeLessThanOrEqual(five.innerWidth);
          expect(five.barRight, `${where}, 5 tabs`).toBeLessThanOrEqual(five.innerWidth);
          console.log(`${where}: scrollWidth ${three.scrollWidth}/${three.innerWidth}, bar right ${three.barRight.toFixed(0)}, bar height ${three.barHeight.toFixed(0)} px; 5 tabs: scrollWidth ${five.scrollWidth}, bar right ${five.barRight.toFixed(0)}, height ${five.barHeight.toFixed(0)} px`);
          await page.locator('.topbar').screenshot({ path: join(resultsDir(), `topbar-${width}-${lang}-${hash.slice(2) || 'live'}-5tabs.png`) });
          await page.close();
        }
        await ctx.close();
      });
    }
  }
});
