import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connected } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * The top bar on a phone (390 px) and a tablet (820 px), in Russian and English, on
 * each page: the page never scrolls sideways and nothing in the bar runs past the
 * screen's right edge, also with two more page tabs than today (the bar wraps).
 */
const e2e = e2eSuite({ name: 'e2e top bar widths', serverEnv: { PUBLIC_WARMUP: '1d' } });

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

e2e.describe('browser end-to-end: the top bar fits phones and tablets', () => {
  for (const width of [390, 820]) {
    for (const lang of ['ru', 'en'] as const) {
      it(`${width} px, ${lang}: live, capacity and experiments pages, with 3 and with 5 tabs`, async () => {
        // The language comes from the address (?lang), as a shared link gives it.
        const ctx = await e2e.contextFor('from-address', width, { mobile: width < 500 });
        for (const hash of ['', '#/capacity', '#/experiments']) {
          const page = await ctx.newPage(); // a fresh page each time: going to another hash would keep the added tabs
          await page.goto(`${e2e.url}/?lang=${lang}${hash}`);
          await connected(page);
          await page.locator('.topbar .tabs .tab').nth(2).waitFor();
          const where = `${width} px ${lang} ${hash || '/'}`;
          const three = await measure(page);
          expect(three.innerWidth, where).toBe(width);
          expect(three.scrollWidth, where).toBeLessThanOrEqual(three.innerWidth);
          expect(three.barRight, where).toBeLessThanOrEqual(three.innerWidth);
          await e2e.shot(page.locator('.topbar'), `topbar-${width}-${lang}-${hash.slice(2) || 'live'}`);
          await addTabs(page);
          const five = await measure(page);
          expect(five.scrollWidth, `${where}, 5 tabs`).toBeLessThanOrEqual(five.innerWidth);
          expect(five.barRight, `${where}, 5 tabs`).toBeLessThanOrEqual(five.innerWidth);
          console.log(`${where}: scrollWidth ${three.scrollWidth}/${three.innerWidth}, bar right ${three.barRight.toFixed(0)}, bar height ${three.barHeight.toFixed(0)} px; 5 tabs: scrollWidth ${five.scrollWidth}, bar right ${five.barRight.toFixed(0)}, height ${five.barHeight.toFixed(0)} px`);
          await e2e.shot(page.locator('.topbar'), `topbar-${width}-${lang}-${hash.slice(2) || 'live'}-5tabs`);
          await page.close();
        }
        await ctx.close();
      });
    }
  }
});
