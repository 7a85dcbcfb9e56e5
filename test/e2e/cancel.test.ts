import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitFor } from './harness.ts';
import { e2eSuite, type Account } from './suite.ts';

/**
 * Cancelling from the browser. The server has one planner account, so it is no desk tool: an
 * anonymous visitor is a viewer. A planner starts an experiment of 500 replications of the
 * default plant over 30 days on the server's one experiment thread (each replication takes
 * a second or more, so it is still running minutes later), cancels it with the button, and the
 * page and GET /api/experiments/:id both say cancelled; the progress line keeps the count that
 * finished, and the replications that finished are the result, marked partial ("cancelled after
 * 2 of 500 replications", «отменено после 2 из 500 репликаций»). A viewer following a running experiment by its link is offered no Cancel button.
 * The same is done in Russian on a 390 px phone, and for an optimisation.
 */
const PAULA: Account = { name: 'paula', roles: ['planner'], password: 'cancel me please' };
const e2e = e2eSuite({ name: 'e2e cancel', accounts: [PAULA] });

/** A screenshot with the results panel (status and button) in view: the form may have scrolled it away. */
async function shot(page: Page, name: string): Promise<void> {
  await page.locator('[data-testid=experiment-panel], [data-testid=optimize-panel]').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await e2e.shot(page, `cancel-${name}`);
}

/** Starts a long experiment from the form; resolves with its id once the page shows it running. */
async function startLongExperiment(page: Page): Promise<string> {
  await page.goto(`${e2e.url}/#/experiments`);
  const form = page.getByTestId('experiment-form');
  await form.waitFor({ timeout: 30_000 });
  await waitFor(async () => (await form.locator('select').first().locator('option[value="default-plant"]').count()) > 0, 'the model list');
  await form.locator('select').first().selectOption('default-plant');
  await form.locator('input[type=radio][name=stop]').first().check();
  await form.locator('input[type=number][max="1000"]').first().fill('500');
  await page.getByTestId('experiment-start').click();
  await page.getByTestId('experiment-cancel').waitFor({ timeout: 60_000 });
  await waitFor(async () => /#\/experiments\/[A-Za-z0-9_-]+/.test(page.url()), 'the experiment link');
  return /#\/experiments\/([A-Za-z0-9_-]+)/.exec(page.url())![1];
}

type PartialRun = { progress: { done: number }; result: { partial: { stoppedBy: string; phase: string; finished: number[] }; points: { replications: number }[] } };

const apiStatus = async (kind: 'experiments' | 'optimizations', id: string) => (await e2e.get<{ status: string; error: string | null }>(`/api/${kind}/${id}`)).status;

e2e.describe('browser end-to-end: cancelling experiments and optimisations', () => {
  it('a planner cancels a running experiment; a viewer is not offered the button', async () => {
    const ctx = await e2e.contextFor('en', 1600, { as: PAULA });
    const page = await ctx.newPage();
    const id = await startLongExperiment(page);
    const status = page.getByTestId('experiment-status');
    await waitFor(async () => /running/.test((await status.textContent()) ?? ''), 'the experiment running');
    expect(await apiStatus('experiments', id)).toBe('running');

    // A viewer following the same running experiment by its link sees it run, without a Cancel button.
    const viewerCtx = await e2e.contextFor('en', 1600);
    const viewer = await viewerCtx.newPage();
    await viewer.goto(`${e2e.url}/#/experiments/${id}`);
    await viewer.locator('[data-testid=account]', { hasText: 'viewing only' }).waitFor({ timeout: 30_000 });
    await waitFor(async () => /running/.test((await viewer.getByTestId('experiment-status').textContent()) ?? ''), 'the viewer seeing it run');
    expect(await viewer.getByTestId('experiment-cancel').count()).toBe(0);
    // The server refuses the viewer anyway (the button's absence is a courtesy, not the guard).
    expect((await viewerCtx.request.delete(`${e2e.url}/api/experiments/${id}`)).status()).toBe(401);
    await shot(viewer, 'viewer-en-1600');
    await viewerCtx.close();

    await shot(page, 'experiment-running-en-1600');
    // The live session's role is not shown here: a planner read "Role: viewer (read-only)" beside a Cancel button.
    expect(await page.getByTestId('role').count()).toBe(0);
    const button = page.getByTestId('experiment-cancel');
    expect(await button.textContent()).toBe('Cancel');
    // The line counts replications, of 500, as the partial result will; the Welch warm-up check's runs are their own count.
    const doneBefore = await waitFor(async () => {
      const done = Number(/replications (\d+)\s\/\s500/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
      return done >= 2 && done;
    }, 'two replications finished', 180_000);
    await button.click();
    const line = await waitFor(async () => /^Progress: cancelled · (\d+) \/ (\d+)$/.exec((await status.textContent())?.replace(/\s+/g, ' ').trim() ?? ''), 'the cancelled status in the page', 10_000);
    // What finished before the cancel is still counted, and it is the partial result's count (below).
    expect(Number(line[1])).toBeGreaterThanOrEqual(doneBefore);
    expect(Number(line[2])).toBe(500);
    expect(await apiStatus('experiments', id)).toBe('cancelled');
    expect(await button.count()).toBe(0);
    // A cancel is no error: nothing alarming is shown, and a new experiment may be started.
    expect(await page.getByTestId('experiment-error').count()).toBe(0);
    expect(await page.getByTestId('experiment-progress').locator('.field-error').count()).toBe(0);
    expect(await page.getByTestId('experiment-start').isDisabled()).toBe(false);
    // What finished is the result, marked partial: the headline, and per alternative how many of 500 finished.
    const headline = page.getByTestId('partial-result');
    await headline.waitFor({ timeout: 10_000 });
    expect(await headline.textContent()).toMatch(/^Partial result\. The experiment was cancelled during the replications/);
    const counts = await page.getByTestId('partial-count').allTextContents();
    const first = /^\s*\(cancelled after (\d+) of 500 replications/.exec(counts[0] ?? '');
    expect(first, counts.join(' | ')).not.toBeNull();
    expect(Number(first![1])).toBeGreaterThanOrEqual(2);
    // The REST result says the same: the finished count per alternative, with a mean and an interval over them.
    const run = await e2e.get<PartialRun>(`/api/experiments/${id}`);
    expect(run.result.partial).toMatchObject({ stoppedBy: 'cancelled', phase: 'replications' });
    expect(run.result.partial.finished[0]).toBe(Number(first![1]));
    expect(run.result.points[0].replications).toBe(Number(first![1]));
    // The server's progress counts the same replications as its partial result (one alternative here).
    expect(run.progress.done).toBe(run.result.partial.finished[0]);
    await shot(page, 'experiment-cancelled-en-1600');
    await ctx.close();
  }, 240_000);

  it('in Russian on a phone', async () => {
    const ctx = await e2e.contextFor('ru', 390, { as: PAULA });
    const page = await ctx.newPage();
    const id = await startLongExperiment(page);
    const button = page.getByTestId('experiment-cancel');
    expect(await button.textContent()).toBe('Отменить');
    // On a phone nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await shot(page, 'experiment-running-ru-390');
    await waitFor(async () => Number(/репликации (\d+)\s\/\s500/.exec((await page.getByTestId('experiment-status').textContent()) ?? '')?.[1] ?? 0) >= 1, 'a replication finished', 180_000);
    await button.click();
    await waitFor(async () => /отменено/.test((await page.getByTestId('experiment-status').textContent()) ?? ''), 'отменено in the page', 10_000);
    expect(await apiStatus('experiments', id)).toBe('cancelled');
    const headline = page.getByTestId('partial-result');
    await headline.waitFor({ timeout: 10_000 });
    expect(await headline.textContent()).toMatch(/^Частичный результат\. Эксперимент отменён во время репликаций/);
    expect((await page.getByTestId('partial-count').allTextContents())[0]).toMatch(/^\s*\(отменено после [1-9]\d* из 500 репликаций/);
    // Still nothing wider than the phone's screen, with the result's table in the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await shot(page, 'experiment-cancelled-ru-390');
    await ctx.close();
  }, 240_000);

  it('cancels a running optimisation', async () => {
    const page = await e2e.open('/#/optimize', 'en', 390, { as: PAULA });
    const form = page.getByTestId('optimize-form');
    await form.waitFor({ timeout: 30_000 });
    await waitFor(async () => (await form.locator('select').first().locator('option[value="default-plant"]').count()) > 0, 'the model list');
    await form.locator('select').first().selectOption('default-plant');
    await page.getByTestId('optimize-start').click();
    const button = page.getByTestId('optimize-cancel');
    await button.waitFor({ timeout: 60_000 });
    const id = /#\/optimize\/([A-Za-z0-9_-]+)/.exec(page.url())![1];
    await shot(page, 'optimize-running-en-390');
    await button.click();
    await waitFor(async () => /cancelled/.test((await page.getByTestId('optimize-status').textContent()) ?? ''), 'the cancelled optimisation', 10_000);
    expect(await apiStatus('optimizations', id)).toBe('cancelled');
    expect(await page.getByTestId('optimize-error').count()).toBe(0);
    // Cancelled at once: nothing fully evaluated yet, and the page says so as a partial result with its stage.
    const partial = page.getByTestId('optimize-partial');
    await partial.waitFor({ timeout: 10_000 });
    expect(await partial.textContent()).toMatch(/^Partial result\. The optimisation was cancelled (during the warm-up pilot runs|during the search|while refining close candidates)\. Candidates fully evaluated: \d+/);
    await shot(page, 'optimize-cancelled-en-390');
    await page.context().close();
  }, 240_000);
});
