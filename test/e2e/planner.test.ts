import { beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { formatter } from '../../client/src/i18n/format.ts';
import { inUnit } from '../../client/src/i18n/units.ts';
import { projectToScreen } from './scene-points.ts';
import { connected, waitFor, waitTwin } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * The planner's pages in a real browser: a capacity comparison opened by link,
 * read (values equal the API's numbers, formatted; lead time in days), exported
 * (the CSV's numbers equal the table's) and kept across a page switch; a layout
 * saved under a Cyrillic name; the inspect form changing the running plant.
 */
const MODEL = 'default-plant';
const SCENARIO = 'formation-racks-plus-50';
const e2e = e2eSuite({ name: 'e2e planner', model: MODEL });
type Run = { runId: string; kpis: { cellsPerDay: number; leadTimeS: { mean: number } } };
const runs: Run[] = [];

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
/** "72,215 cells/day ± 1,024" → 72215 (en grouping). */
const firstNumber = (s: string) => Number(/[-+]?[\d,]+(\.\d+)?/.exec(s)![0].replace(/,/g, ''));

/** RFC 4180 rows (quoted cells may hold commas). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  return rows;
}

/** Screen point of a model position seen from the module/pack preset, by the client's own camera rule. */
const screenPoint = (x: number, y: number, z: number, canvas: { width: number; height: number }) => projectToScreen(e2e.model, 'module', { x, y, z }, canvas);

e2e.describe('browser end-to-end: planner pages', () => {
  beforeAll(async () => {
    // Two runs with replications, as the capacity page itself would start them: 25 days covers the
    // ≈17 days to the first pack, so lead time is measured.
    for (const scenario of [undefined, SCENARIO]) {
      runs.push(await e2e.post<Run>('/api/runs', { model: MODEL, ...(scenario ? { scenario } : {}), horizonS: 25 * 86400, warmupS: 2 * 86400, replications: 2, wait: true }, 201));
    }
  }, 240_000);

  it('opens a comparison by link, reads it in units, exports a CSV with the same numbers, and keeps it across pages', async () => {
    const page = await e2e.open(`/#/capacity/run/${runs.map((r) => r.runId).join(',')}`, 'en', 1600);
    const table = page.getByTestId('capacity-table');
    const cellsRow = table.locator('tr[data-path="kpis.cellsPerDay"]');
    await cellsRow.waitFor({ timeout: 30_000 });
    await waitFor(async () => (await table.locator('tbody tr').count()) > 5, 'the comparison rows');
    const f = formatter('en');

    // Base value: the API's mean, formatted by the client's one formatter, unit included.
    const baseCell = plain(await cellsRow.locator('td').nth(1).textContent());
    expect(baseCell.startsWith(plain(f.measure(runs[0].kpis.cellsPerDay, 'cellsPerDay')))).toBe(true);
    expect(baseCell).toContain('cells/day');
    // Lead time in days: 1.6e6 s reads as "18.7 d", never as seconds.
    const lead = plain(await table.locator('tr[data-path="kpis.leadTimeS.mean"] td').nth(1).textContent());
    expect(lead).toMatch(/^\d+(\.\d)? d ± /);
    expect(lead.startsWith(plain(f.measure(runs[0].kpis.leadTimeS.mean, 'days')))).toBe(true);
    // The alternative has a difference column with its interval: "+n [lo; hi]".
    const diff = plain(await cellsRow.locator('td.diff').textContent());
    expect(diff).toMatch(/^[-+]?[\d,]+ cells\/day \[[-+]?[\d,]+; [-+]?[\d,]+\]( ★)?$/);
    expect(plain(await table.locator('tr[data-path="kpiBottleneck"] td').nth(1).textContent())).toMatch(/working \d/);
    await e2e.shot(page, 'planner-capacity-en-1600', { fullPage: true });

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capacity-comparison-csv').click()]);
    const csv = parseCsv(readFileSync((await csvDownload.path())!, 'utf8').replace(/^\ufeff/, ''));
    const header = csv[0];
    const cellsCsv = csv.find((r) => r[0] === 'Good cells per day')!;
    expect(cellsCsv[1]).toBe('cells/day');
    expect(Number(cellsCsv[2])).toBe(inUnit(runs[0].kpis.cellsPerDay, 'cellsPerDay'));
    expect(Number(cellsCsv[2])).toBe(firstNumber(baseCell));
    // The alternative's difference column: "Δ <its name>" (then its lo95, hi95, significant).
    const diffCol = header.findIndex((h) => h.startsWith('Δ ') && !/ (lo95|hi95|significant)$/.test(h));
    expect(Number(cellsCsv[diffCol])).toBe(firstNumber(diff));
    const leadCsv = csv.find((r) => r[0] === 'Lead time to pack, mean')!;
    expect(leadCsv[1]).toBe('d');
    expect(Number(leadCsv[2])).toBe(firstNumber(lead));

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capacity-comparison-png').click()]);
    const png = readFileSync((await pngDownload.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(2000);
    const [chartPng] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capacity-chart-png').click()]);
    expect(readFileSync((await chartPng.path())!).subarray(1, 4).toString()).toBe('PNG');

    // Runs live in a store, not in the page component: switching away and back keeps them.
    await page.locator('.topbar').getByRole('button', { name: 'Live plant' }).click();
    await page.locator('.topbar').getByRole('button', { name: 'Capacity scenarios' }).click();
    expect(plain(await cellsRow.locator('td').nth(1).textContent())).toBe(baseCell);
    expect(page.url()).toContain(runs[1].runId);
    await page.context().close();
  });

  it('reads the same comparison in Russian, on a desktop and a phone', async () => {
    for (const width of [1600, 390]) {
      const page = await e2e.open(`/#/capacity/run/${runs.map((r) => r.runId).join(',')}`, 'ru', width);
      const lead = page.getByTestId('capacity-table').locator('tr[data-path="kpis.leadTimeS.mean"] td').nth(1);
      await lead.waitFor({ timeout: 30_000 });
      expect(plain(await lead.textContent())).toMatch(/^\d+(,\d)? сут ± /);
      expect(plain(await lead.textContent()).startsWith(plain(formatter('ru').measure(runs[0].kpis.leadTimeS.mean, 'days')))).toBe(true);
      await e2e.shot(page, `planner-capacity-ru-${width}`, { fullPage: true });
      await page.context().close();
    }
  });

  let owner: Page;
  it('saves a layout under a Cyrillic name: the name kept, the id transliterated, the scenario listed', async () => {
    owner = await e2e.open('', 'ru', 1600);
    await connected(owner);
    await owner.locator('.sessions select').first().selectOption(MODEL);
    await owner.getByRole('button', { name: 'Новая сессия' }).click();
    const t0 = await waitTwin(owner, (v) => v.role === 'owner' && v.renderedFrames > 10, 'the plant to be drawn');
    await owner.getByTestId('edit-toggle').click();
    await owner.getByRole('button', { name: 'Модули / батареи' }).click();
    await waitTwin(owner, (v) => v.renderedFrames > t0.renderedFrames + 40, 'the camera glide to finish');
    const box = (await owner.locator('.stage canvas').boundingBox())!;
    const pack = e2e.model.nodes.find((n) => n.id === 'pack-line')!.layout!;
    const at = screenPoint(pack.x, 3, pack.z, box);
    await owner.mouse.click(box.x + at.x, box.y + at.y);
    await owner.getByTestId('edit-node').waitFor();
    const servers = Number(await owner.getByTestId('edit-servers').textContent());
    await owner.getByTestId('edit-node').getByRole('button', { name: '+' }).click();
    await waitFor(async () => Number(await owner.getByTestId('edit-servers').textContent()) === servers + 1, 'a second pack line');

    const name = 'Вторая линия упаковки';
    await owner.getByTestId('scenario-name').fill(name);
    // The id is shown before saving, by the server's own rule: в-т-о-р-а-я → vtoraya, у-п-а-к-о-в-к-и → upakovki.
    expect(plain(await owner.getByTestId('scenario-id').textContent())).toContain('vtoraya-liniya-upakovki');
    await owner.getByTestId('scenario-question').fill('Сколько даёт вторая линия упаковки?');
    await owner.getByTestId('save-scenario').click();
    const result = owner.getByTestId('save-result');
    await result.waitFor();
    expect(plain(await result.textContent())).toContain(`"${name}"`);
    expect(plain(await result.textContent())).toContain('vtoraya-liniya-upakovki');
    await e2e.shot(owner, 'planner-save-cyrillic-ru');
    const list = await e2e.get<{ scenarios: { id: string; name: string; user: boolean }[] }>('/api/scenarios');
    expect(list.scenarios).toContainEqual(expect.objectContaining({ id: 'vtoraya-liniya-upakovki', name, user: true }));
    // Saving again without "overwrite" is refused, and the refusal says why in Russian.
    await owner.getByTestId('save-scenario').click();
    await waitFor(async () => plain(await result.textContent()).includes('уже есть'), 'the refusal in Russian');
  });

  it('the inspect form changes the running plant: a typed buffer capacity, a cycle picked as a distribution, a typed server count', async () => {
    await owner.getByTestId('edit-toggle').click(); // leave edit mode: a click now inspects
    const box = (await owner.locator('.stage canvas').boundingBox())!;
    const buffer = e2e.model.nodes.find((n) => n.id === 'module-buffer')!;
    const at = screenPoint(buffer.layout!.x, 1.5, buffer.layout!.z, box);
    await owner.mouse.click(box.x + at.x, box.y + at.y);
    const panel = owner.locator('.inspect');
    await panel.waitFor();
    // 1000 → 3120 places typed in one step, not +1 clicks.
    await panel.getByTestId('param-capacity-input').fill('3120');
    await panel.getByTestId('param-capacity-apply').click();
    await waitFor(async () => plain(await panel.textContent()).includes('/ 3 120 шт.'), 'the level / capacity fact to show 3 120 (confirmed by the server)');

    const pack = e2e.model.nodes.find((n) => n.id === 'pack-line')!.layout!;
    const p = screenPoint(pack.x, 3, pack.z, box);
    await owner.mouse.click(box.x + p.x, box.y + p.y);
    await panel.getByTestId('param-cycle').waitFor();
    await panel.getByTestId('param-cycle').locator('select').first().selectOption('constant');
    // The mean is kept when the kind changes (379 s ≈ 6.3 min); type 5 minutes instead.
    await panel.getByTestId('param-cycle').locator('select').nth(1).selectOption('min');
    await panel.getByTestId('param-cycle-value').fill('5');
    await panel.getByTestId('param-cycle-apply').click();
    await waitFor(async () => /Средний цикл\s*5 мин/.test(plain(await panel.textContent())), 'the mean cycle to read 5 min (confirmed by the server)');
    // 1 → 3 parallel pack lines typed in one step; "working now / N" follows the server's broadcast of the edit.
    await panel.getByTestId('param-servers-input').fill('3');
    await panel.getByTestId('param-servers-apply').click();
    await waitFor(async () => /Работают сейчас\s*\d+ \/ 3/.test(plain(await panel.textContent())), 'working now / 3 (confirmed by the server)');
    expect(plain(await panel.textContent())).toMatch(/Параллельных мест\s*3/);
    expect((await owner.evaluate(() => window.__twin!.errors)).length).toBe(0);
    await e2e.shot(owner, 'planner-inspect-ru');
    // A count that is not a whole number is refused by the server, naming the field.
    await panel.getByTestId('param-servers-input').fill('2,5');
    await panel.getByTestId('param-servers-apply').click();
    await waitFor(async () => (await owner.evaluate(() => document.body.innerText)).includes('servers must be a whole number'), 'the refusal of 2,5 servers, naming the field');
  });

  it('runs a sweep from the Experiments page: progress over the socket, paired differences, the best alternative, a warm-up warning', async () => {
    const page = await e2e.open('/#/experiments', 'en', 1600);
    await connected(page);
    const form = page.getByTestId('experiment-form');
    await form.locator('select').first().selectOption('demo-line');
    await form.getByLabel('Sweep of one or two fields').check();
    const sweep = form.getByTestId('sweep-0');
    await waitFor(async () => (await sweep.locator('select').first().locator('option[value="stack-buffer"]').count()) > 0, 'the demo line nodes');
    await sweep.locator('select').first().selectOption('stack-buffer');
    await sweep.getByRole('radio', { name: 'values' }).check();
    await sweep.getByRole('textbox', { name: 'values' }).fill('2, 20');
    await form.getByLabel('Horizon, days').fill('20');
    // 1 day of warm-up: the demo line needs about 5 (its first cells take that long), so Welch's check must warn.
    await form.getByLabel('Warm-up, days').fill('1');
    await form.getByRole('spinbutton', { name: 'Replications' }).fill('3');
    await form.getByTestId('rank-kpi').selectOption('kpi.cellsPerDay');
    await page.getByTestId('experiment-start').click();

    const results = page.getByTestId('experiment-results');
    await results.waitFor({ timeout: 120_000 });
    // The finished status arrived as a pushed message: the page never polls.
    expect(plain(await page.getByTestId('experiment-progress').textContent())).toMatch(/finished · (\d+) \/ \1$/);
    expect(plain(await page.getByTestId('best-alternative').textContent())).toContain('stack-buffer.capacity=');
    expect(plain(await page.getByTestId('warmup-verdict').textContent())).toMatch(/^⚠ Warm-up too short: .* after \d+(\.\d)? d; configured 1 d\.$/);
    const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    const api = await e2e.get<{ result: { points: { name: string; kpis: Record<string, { mean: number }> }[] } }>(`/api/experiments/${id}`);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('experiment-results-csv').click()]);
    const csv = parseCsv(readFileSync((await csvDownload.path())!, 'utf8').replace(/^\ufeff/, ''));
    const col = csv[0].indexOf('kpi.cellsPerDay (cells/day)');
    for (const p of api.result.points) expect(Number(csv.find((r) => r[0] === p.name)![col])).toBe(inUnit(p.kpis['kpi.cellsPerDay'].mean, 'cellsPerDay'));
    await e2e.shot(page, 'planner-experiments-en-1600', { fullPage: true });
    await page.context().close();
  });
});
