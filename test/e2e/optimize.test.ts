import { expect, it } from 'vitest';
import { waitFor } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * The optimiser page in a real browser: a bad range is refused naming the field,
 * then an optimisation of the demo line is started from the form, its progress
 * arrives over the socket and the known best is shown, marked, with the chart;
 * the result opens again by its link in Russian and on a phone-sized screen.
 *
 * Hand calculation (models/demo-line.json): a formation rack forms 48 cells per
 * 4 h = 12 cells/h; formation and end-of-line yields 0.995 × 0.97 = 0.965 leave
 * 11.6 good cells/h per rack. The stacker feeds at most 3,600/80 × 0.99 ≈ 44.6/h.
 * At least 30 good cells/h needs 30/11.6 = 2.6 → 3 racks (≤ 34.7/h; 2 racks give
 * at most 23.2/h, 1 rack 11.6/h); the fewest racks that hold is 3.
 */
const e2e = e2eSuite({ name: 'e2e optimiser' });
let optimizationId = '';

e2e.describe('browser end-to-end: optimiser page', () => {
  it('starts an optimisation from the form, follows its progress and shows the known best', async () => {
    const page = await e2e.open('/#/optimize', 'en', 1600);
    const form = page.getByTestId('optimize-form');
    await form.waitFor({ timeout: 30_000 });
    await form.locator('select').first().selectOption('demo-line');
    await form.locator('input[name=horizon]').fill('8d');
    await form.locator('input[name=warmup]').fill('4d');
    await form.getByRole('spinbutton', { name: 'Replications (first round)' }).fill('3');
    const vars = page.getByTestId('optimize-variables');
    await waitFor(async () => (await vars.getByRole('combobox', { name: 'Node' }).locator('option[value="stacker"]').count()) > 0, 'the demo line nodes');
    await vars.getByRole('combobox', { name: 'Node' }).selectOption('formation');
    await vars.getByRole('combobox', { name: 'Field' }).selectOption('servers');
    await vars.getByRole('spinbutton', { name: 'from' }).fill('1');
    await vars.getByRole('spinbutton', { name: 'to' }).fill('0');
    await vars.getByRole('spinbutton', { name: 'step' }).fill('1');
    const cons = page.getByTestId('optimize-constraints');
    await cons.getByRole('combobox', { name: 'KPI path' }).fill('sinks.shipping.perHour');
    await cons.getByRole('spinbutton', { name: 'at least' }).fill('30');
    await page.getByTestId('optimize-objective').getByLabel('a weighted sum of the variables').check();

    // An empty range is refused by the server, naming the field.
    await page.getByTestId('optimize-start').click();
    const error = page.getByTestId('optimize-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/variables.0.?\.?to: empty range/);

    await vars.getByRole('spinbutton', { name: 'to' }).fill('4');
    await page.getByTestId('optimize-start').click();
    // Progress arrives over the socket while it runs (4 candidates × 3 replications).
    const progress = page.getByTestId('optimize-progress');
    await progress.waitFor({ timeout: 30_000 });
    const best = page.getByTestId('optimize-best');
    await best.waitFor({ timeout: 120_000 });
    expect(await best.textContent()).toContain('formation.servers = 3');
    // Counts keep no-break spaces (\s matches them), so "4 / 4" never splits on a phone.
    expect(await progress.textContent()).toMatch(/finished · 4\s\/\s4 candidates · \d+\s\/\s\d+ runs/);
    const table = page.getByTestId('optimize-table');
    expect(await table.locator('tbody tr').count()).toBe(4);
    const bestRow = table.locator('tbody tr.best');
    expect(await bestRow.count()).toBe(1);
    const cells = await bestRow.locator('td').allTextContents();
    expect(cells[0]).toMatch(/^★ /);
    expect(cells[1]).toBe('3');
    expect(Number(cells[2])).toBeGreaterThanOrEqual(3); // replications of the best
    expect(await page.getByTestId('pareto-chart').locator('canvas').count()).toBeGreaterThan(0);
    optimizationId = /#\/optimize\/([A-Za-z0-9_-]+)/.exec(page.url())![1];
    await e2e.shot(page, 'optimize-en-1600', { fullPage: true });
    await page.context().close();
  }, 240_000);

  it('opens the result by its link in Russian and on a narrow screen', async () => {
    expect(optimizationId).not.toBe('');
    for (const [locale, width] of [['ru', 1600], ['ru', 390], ['en', 390]] as const) {
      const page = await e2e.open(`/#/optimize/${optimizationId}`, locale, width);
      const best = page.getByTestId('optimize-best');
      await best.waitFor({ timeout: 30_000 });
      expect(await best.textContent()).toContain(locale === 'ru' ? 'Лучший' : 'Best');
      expect(await best.textContent()).toContain('formation.servers = 3');
      // Nothing wider than the screen but the table's own scroller.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await e2e.shot(page, `optimize-${locale}-${width}`, { fullPage: true });
      await page.context().close();
    }
  }, 120_000);
});
