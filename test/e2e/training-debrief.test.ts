import { expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { HistoryStore } from '../../server/store/history-store.ts';
import { referenceLog, script, storeExercise } from '../training/exercise-fixtures.ts';
import { waitFor } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * The finished exercises page and a debrief in a real browser: a finished exercise
 * (written into the history before the server starts, as the lifecycle stores one)
 * is listed with its trainees; its debrief opens by link, computed on the server while
 * the page waits; the three charts have axes and a legend naming the three runs,
 * the decisions are numbered with who and when, the totals and team tables are there;
 * in English on a desktop and in Russian on a 390 px phone, with nothing wider than
 * the screen.
 */
const SCRIPT = 'demo-line-formation-outage-rush';
const UNTIL = 57_600; // the script's 16 h horizon
const e2e = e2eSuite({
  name: 'e2e training debrief',
  serverEnv: { PUBLIC_SPEED: '1' },
  // A finished exercise in the history before the server starts, as the lifecycle stores one.
  prepare: (dir) => {
    const history = new HistoryStore(join(dir, 'twin.db'));
    // The script's own seed: the log's event counts (ev) are those of a run with it, and the debrief replays them exactly.
    storeExercise(history, { id: 'ex-e2e', scriptId: SCRIPT, seed: script(SCRIPT).script.seed, simTimeS: UNTIL, log: referenceLog(SCRIPT, UNTIL, 'alice'), trainees: [['alice', 'red'], ['bob', 'blue']] });
    history.close();
  },
});

/** Chart facts from the DOM: per chart, uPlot's axis elements and legend labels. */
function charts(page: Page) {
  return page.$$eval('[data-testid^="debrief-chart-"]', (figs) =>
    figs.map((fig) => ({
      id: fig.getAttribute('data-testid'),
      caption: fig.querySelector('figcaption')?.textContent ?? '',
      axes: fig.querySelectorAll('.u-axis').length,
      legend: [...fig.querySelectorAll('.u-legend .u-series .u-label')].map((e) => e.textContent),
      canvasWidth: fig.querySelector('canvas')?.getBoundingClientRect().width ?? 0,
    })),
  );
}

e2e.describe('browser end-to-end: finished exercises and the debrief page', () => {
  it('lists the exercise and opens its debrief with charts that have axes and legends (English, desktop)', async () => {
    const page = await e2e.open('/#/training/exercises', 'en', 1400, { height: 900 });
    const row = page.getByTestId('exercise-row');
    await row.first().waitFor({ timeout: 30_000 });
    expect(await row.count()).toBe(1);
    const text = await row.first().innerText();
    expect(text).toContain('Demo line: formation racks out during a rush order');
    expect(text).toContain('alice (red)');
    expect(await row.getByTestId('replay').count()).toBe(1);
    await row.getByRole('link', { name: 'Debrief' }).click();
    await page.getByTestId('debrief-title').waitFor({ timeout: 90_000 }); // computed in a worker on first request
    expect(page.url()).toContain('#/training/debrief/ex-e2e');
    const seen = await charts(page);
    expect(seen.map((c) => c.caption)).toEqual(['Output', 'Downtime', 'Scrap cost']);
    for (const c of seen) {
      expect(c.axes).toBeGreaterThanOrEqual(2); // x and y
      expect(c.legend).toEqual(expect.arrayContaining(['This exercise', 'Reference actions', 'No action']));
    }
    // Alice made the reference's one decision: a numbered row saying who (and her team), when and what.
    const decisions = await page.getByTestId('debrief-decisions').innerText();
    expect(decisions).toContain('alice (red)');
    expect(decisions).toContain('switchRecipe formation');
    expect(await page.getByTestId('debrief-teams').innerText()).toContain('blue');
    expect(await page.getByTestId('debrief-totals').innerText()).toContain('Good units');
    await e2e.shot(page, 'training-debrief-en', { fullPage: true });
    await page.context().close();
  }, 150_000);

  it('shows the stored debrief in Russian on a 390 px phone, stacked, nothing wider than the screen', async () => {
    const page = await e2e.open('/#/training/debrief/ex-e2e', 'ru', 390);
    await page.getByTestId('debrief-title').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('debrief-title').innerText()).toContain('Разбор: Демо-линия: отказ стеллажей формирования');
    const seen = await charts(page);
    expect(seen).toHaveLength(3);
    for (const c of seen) {
      expect(c.legend).toEqual(expect.arrayContaining(['Это упражнение', 'Эталонные действия', 'Без действий']));
      expect(c.axes).toBeGreaterThanOrEqual(2);
      expect(c.canvasWidth).toBeLessThanOrEqual(390);
    }
    // Stacked: each chart starts below the one before it.
    const tops = await page.$$eval('[data-testid^="debrief-chart-"]', (figs) => figs.map((f) => f.getBoundingClientRect().top));
    expect(tops[1]).toBeGreaterThan(tops[0]);
    expect(tops[2]).toBeGreaterThan(tops[1]);
    const overflow = await waitFor(() => page.evaluate(() => document.documentElement.scrollWidth), 'layout');
    expect(overflow).toBeLessThanOrEqual(390);
    await e2e.shot(page, 'training-debrief-ru-390', { fullPage: true });
    await page.context().close();
  }, 120_000);
});
