import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { connected, twin, waitFor, waitTwin } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * A whole training exercise in three browser contexts, as a classroom uses it: the
 * instructor opens a script's lobby and reads out the join code; two trainees join by
 * name and code (the instructor's roster fills without a Refresh); the instructor grants
 * one of them actions, sets the pace and starts; the first prompt holds the plant, the
 * trainees answer it and the instructor resumes; a trainee acts; the instructor ends the
 * exercise; everyone sees its debrief (the stored run's), then it is replayed.
 */
const e2e = e2eSuite({ name: 'e2e training exercise' });
let instructor: Page;
let alice: Page;
let bob: Page;
let code = '';

async function openPage(): Promise<Page> {
  const page = await e2e.open('', 'en', 1280, { height: 900 });
  // The exercise does not need the public plant: a loaded machine may still be warming it.
  await connected(page);
  return page;
}

const panel = (page: Page) => page.getByTestId('training-panel');

/** The WCAG contrast ratio of an element's text colour against its own background colour. */
const textContrast = (target: Locator): Promise<number> =>
  target.evaluate((el) => {
    const style = getComputedStyle(el);
    const luminance = (css: string) => {
      const [r, g, b] = css.match(/[\d.]+/g)!.slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });

async function joinAs(page: Page, name: string): Promise<void> {
  const form = page.getByTestId('join-exercise');
  await form.locator('input[name="trainee-name"]').fill(name);
  await form.locator('input[name="join-code"]').fill(code);
  await form.getByRole('button', { name: 'Join' }).click();
  await page.getByTestId('you').filter({ hasText: `You: ${name}` }).waitFor();
}

e2e.describe('training exercise in three browsers', () => {
  beforeAll(async () => {
    [instructor, alice, bob] = [await openPage(), await openPage(), await openPage()];
  }, 120_000);

  it('the instructor opens the lobby and the trainees join by name and code; the roster fills live', async () => {
    const p = panel(instructor);
    await p.locator('select').first().selectOption('demo-line-stacker-down');
    await p.locator('input[name="instructor-name"]').fill('Irina');
    await p.getByRole('button', { name: 'Open the lobby' }).click();
    code = (await instructor.getByTestId('join-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await expect.poll(() => instructor.getByTestId('exercise-title').textContent()).toMatch(/Demo line: stacker breakdown and a rush order — Irina, /);
    // In Russian the exercise is titled by the script's Russian name, in the panel and in the session list.
    await instructor.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => instructor.getByTestId('exercise-title').textContent()).toMatch(/^Демо-линия: отказ стекера и срочный заказ — Irina, /);
    await instructor.locator('.session-list').getByText('Демо-линия: отказ стекера и срочный заказ — Irina', { exact: false }).first().waitFor();
    await instructor.getByRole('button', { name: 'English' }).click();
    expect(await instructor.getByTestId('exercise-phase').textContent()).toBe('Lobby');

    await joinAs(alice, 'Alice');
    await joinAs(bob, 'Bob');
    const roster = instructor.getByTestId('roster');
    await roster.getByText('Alice').waitFor();
    await roster.getByText('Bob').waitFor();
    // Secrets: a trainee's page shows no join code, no roster, no script events.
    expect(await alice.getByTestId('join-code').count()).toBe(0);
    expect(await alice.getByTestId('roster').count()).toBe(0);
    expect(await alice.getByTestId('exercise-phase').textContent()).toBe('Lobby');
  }, 120_000);

  it('the instructor grants Alice, sets 600× and starts; the first prompt holds the plant until it is answered and resumed', async () => {
    await instructor.getByTestId('roster').locator('li', { hasText: 'Alice' }).getByRole('button', { name: 'Grant' }).click();
    await alice.getByTestId('you').filter({ hasText: '(may act)' }).waitFor();
    await panel(instructor).getByLabel('Pace').selectOption('600');
    await panel(instructor).getByRole('button', { name: 'Start exercise' }).click();
    for (const page of [alice, bob]) await page.getByTestId('exercise-phase').filter({ hasText: 'Running' }).waitFor({ timeout: 30_000 });
    // The welcome prompt is script event 0 at 600 s: every trainee sees it, the plant stands there.
    for (const page of [alice, bob]) await page.getByTestId('training-prompt').waitFor({ timeout: 60_000 });
    await instructor.getByTestId('held').waitFor();
    // The buttons on the light prompt and held notes read light on their dark fill (they inherited the notes' dark text).
    const ok = alice.getByTestId('training-prompt').getByRole('button', { name: 'OK' });
    const resume = instructor.getByTestId('held').getByRole('button', { name: 'Resume' });
    for (const button of [ok, resume]) expect(await textContrast(button)).toBeGreaterThanOrEqual(4.5);
    await waitTwin(alice, (t) => t.simTime === 600, 'the plant held at the prompt (600 s)');
    for (const page of [alice, bob]) await page.getByTestId('training-prompt').getByRole('button', { name: 'OK' }).click();
    await instructor.getByTestId('held').getByRole('button', { name: 'Resume' }).click();
    await waitTwin(bob, (t) => t.simTime > 600, 'the plant to go on after the resume');
  }, 150_000);

  it('a granted trainee acts; the instructor sees it in the log', async () => {
    const actions = alice.getByTestId('trainee-actions');
    await actions.locator('select').first().selectOption('setBufferCapacity');
    await actions.locator('select').nth(1).selectOption('stack-buffer');
    await actions.getByPlaceholder('Capacity').fill('30');
    await actions.getByRole('button', { name: 'Apply' }).click();
    await panel(instructor).locator('.training-log li', { hasText: 'Alice: Set buffer capacity · Stacking infeed buffer: 30' }).waitFor();
    // Bob has no grant: he is told so and his action button stays disabled.
    const bobs = bob.getByTestId('trainee-actions');
    await bobs.getByText('Ask the instructor to grant you actions.').waitFor();
    expect(await bobs.locator('button').last().isDisabled()).toBe(true);
  }, 60_000);

  it('the instructor ends the exercise: everyone gets its debrief, then it is replayed', async () => {
    const runId = (await twin(instructor)).sessionId;
    await panel(instructor).getByRole('button', { name: 'End exercise' }).click();
    for (const page of [instructor, alice, bob]) {
      // Everyone is taken to the exercise's full debrief page.
      await waitFor(async () => (await page.evaluate(() => window.location.hash)) === `#/training/debrief/${runId}`, 'the debrief address');
      await page.getByTestId('debrief-page').waitFor({ timeout: 30_000 });
      // The stored run's debrief: three simulations in a worker on the server, then the totals and each decision.
      await page.getByTestId('debrief-totals').waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('debrief-decisions').locator('tr', { hasText: 'Alice' }).count()).toBe(1);
    }
    await e2e.shot(alice, 'e2e-training-debrief');

    // Every finished exercise is listed with a replay button.
    await alice.evaluate(() => (window.location.hash = '#/training/exercises'));
    await alice.locator(`[data-testid="exercise-row"][data-run-id="${runId}"]`).getByTestId('replay').click();
    const replay = await waitTwin(alice, (t) => t.sessionId !== null && t.sessionId !== runId && t.simTime > 0, 'the replay session to play');
    expect(replay.role).toBe('owner');
    await expect.poll(() => alice.getByTestId('exercise-title').textContent(), { timeout: 30_000 }).toContain(`Replay of ${runId}`);
  }, 240_000);
});
