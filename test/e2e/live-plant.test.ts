import { isDeepStrictEqual } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isMachineLike } from '../../server/protocol/model.ts';
import { connected, pixelStats, stopServer, twin, waitFor, waitTwin } from './harness.ts';
import { expectedCounts, fastestMachine, screenPointOf, shapes } from './scene-points.ts';
import { e2eSuite } from './suite.ts';

/**
 * The product as a person uses it: the real server (server/main.ts, temp database) and the
 * built client in headless chromium (WebGL on SwiftShader). Steps run in order and share
 * the browser, like one user session. Every wait is on app state (window.__twin or the DOM),
 * so a slow machine makes the test slower, not red.
 */
const BACKGROUND: [number, number, number] = [0x11, 0x15, 0x1a]; // the scene's clear colour (PlantScene.tsx)
const MODEL = 'default-plant';
const e2e = e2eSuite({ name: 'e2e live plant', model: MODEL });

let owner: Page;
let viewer: Page;
let machine: { id: string; label: string; servers: number };
let machinePoint: { x: number; y: number };

/** A page in English (the app defaults to Russian) with its socket connected. */
async function openPage(): Promise<Page> {
  const page = await e2e.open('', 'en', 1280, { height: 720 });
  await connected(page);
  return page;
}

const shot = (page: Page, name: string) => e2e.shot(page, `e2e-${name}`);

/** Sim seconds that pass while `wallMs` of wall time pass (read from frames the page got). */
async function pace(page: Page, wallMs: number): Promise<number> {
  const t0 = (await twin(page)).simTime;
  const w0 = Date.now();
  await page.waitForTimeout(wallMs); // the pace itself is the subject: a wall-clock window is the measurement
  const t1 = (await twin(page)).simTime;
  return (t1 - t0) / ((Date.now() - w0) / 1000);
}

/** The inspect panel's value for a fact label: its first number (en-GB grouping removed; "1,234 parts" → 1234). */
async function fact(page: Page, label: string): Promise<number> {
  const text = await page.locator('.inspect dl.facts dt', { hasText: label }).first().locator('xpath=following-sibling::dd[1]').textContent();
  return Number(/-?[\d,]+(\.\d+)?/.exec(text ?? '')?.[0].replace(/,/g, '') ?? Number.NaN);
}

/** Completed cycles of the inspected machine over at least `simS` simulated seconds. */
async function completions(page: Page, simS: number): Promise<{ count: number; simS: number }> {
  const c0 = await fact(page, 'Completed');
  const t0 = (await twin(page)).simTime;
  const t1 = (await waitTwin(page, (t) => t.simTime >= t0 + simS, `${simS} simulated s to pass`)).simTime;
  // The panel re-renders every 500 ms; wait for one render after the window closed.
  await page.waitForTimeout(700);
  const c1 = await fact(page, 'Completed');
  return { count: c1 - c0, simS: t1 - t0 };
}

/** Play/Pause of the session controls (exact names: other panels have buttons such as "Start (paused)"). */
function control(page: Page, name: 'Play' | 'Pause') {
  return page.locator('.controls').getByRole('button', { name, exact: true });
}

async function canvasBox(page: Page) {
  const box = await page.locator('.stage canvas').boundingBox();
  if (!box) throw new Error('no canvas on the page');
  return box;
}

e2e.describe('browser end-to-end: the live plant', () => {
  beforeAll(() => {
    machine = fastestMachine(e2e.model);
  });

  it('renders the default plant in 3D for a new session', async () => {
    owner = await openPage();
    await owner.locator('.sessions select').first().selectOption(MODEL);
    await owner.locator('.sessions').getByRole('button', { name: 'New session', exact: true }).click();
    const expected = expectedCounts(e2e.model);
    const t = await waitTwin(owner, (v) => v.role === 'owner' && v.sessionId !== null && shapes(v.counts) === e2e.model.nodes.length && v.renderedFrames > 10, 'the plant to be drawn');
    for (const [kind, n] of Object.entries(expected)) expect(t.counts[kind] ?? 0, `instances of ${kind}`).toBe(n);
    expect(e2e.model.nodes.filter(isMachineLike).length).toBeGreaterThan(10);
    // The camera glides to its preset for 0.8 s after the first render; let it settle.
    const r0 = t.renderedFrames;
    await waitTwin(owner, (v) => v.renderedFrames > r0 + 30, 'the camera glide to finish');
    await shot(owner, 'plant');
    const png = await owner.locator('.stage canvas').screenshot();
    const px = await pixelStats(owner, png, BACKGROUND);
    expect(px.drawn, 'share of canvas pixels not background').toBeGreaterThan(0.02); // the plant is a long strip: ~4 % of a 1280×720 view
    expect(px.colours, 'distinct colours on the canvas').toBeGreaterThan(20);
  });

  it('play advances the clock and KPIs, speed sets the pace, pause stops it', async () => {
    const speed = owner.locator('.controls select');
    await speed.selectOption('60');
    await waitTwin(owner, (v) => v.simTime > 0, 'the clock to move');
    const slow = await pace(owner, 2500);
    await speed.selectOption('3600');
    await waitFor(async () => (await owner.locator('.controls select').inputValue()) === '3600', 'speed 3600 shown');
    const fast = await pace(owner, 2500);
    // Nominal paces 60 and 3600 sim-s per s: a ratio of 60, asserted with wide margins for a loaded machine.
    expect(slow).toBeGreaterThan(10);
    expect(slow).toBeLessThan(120);
    expect(fast).toBeGreaterThan(slow * 10);

    // Cells reach the sinks only after days of simulated time (ovens, formation): run flat out.
    await speed.selectOption('max');
    // The headline's cells/day (a new session starts empty, unlike the warm public plant).
    const cells = owner.getByTestId('hl-cells').locator('.hl-value');
    await waitFor(async () => Number(((await cells.textContent()) ?? '').replace(/[^0-9.]/g, '')) > 0, 'cells/day above 0', 90_000);
    await shot(owner, 'kpis');

    await control(owner, 'Pause').click();
    await control(owner, 'Play').waitFor();
    const paused = await twin(owner);
    // A paused session sends no frames, so there is no event to wait on: 2 s is 40 frame periods at 20 Hz.
    await owner.waitForTimeout(2000);
    expect((await twin(owner)).simTime).toBe(paused.simTime);

    await speed.selectOption('3600');
    await control(owner, 'Play').click();
    await waitTwin(owner, (v) => v.simTime > paused.simTime + 600, 'the clock to move after play');
  });

  it('clicking a machine opens its panel', async () => {
    const box = await canvasBox(owner);
    machinePoint = screenPointOf(e2e.model, machine.id, box);
    // Hover first: the app's own hover label must name the machine before we click it.
    await owner.mouse.move(box.x + machinePoint.x, box.y + machinePoint.y);
    await owner.locator('.hover-label', { hasText: machine.label }).waitFor({ timeout: 15_000 });
    await owner.mouse.click(box.x + machinePoint.x, box.y + machinePoint.y);
    await owner.locator('.inspect h3', { hasText: machine.label }).waitFor();
    await expect(owner.locator('.inspect dl.facts').textContent()).resolves.toContain('machine');
    await shot(owner, 'inspect');
  });

  it('injecting a breakdown turns the machine red and stops its output', async () => {
    const before = await completions(owner, 2 * 3600);
    expect(before.count, `${machine.id} completions in ${before.simS} s before the breakdown`).toBeGreaterThan(10);
    await owner.locator('.inspect').getByRole('button', { name: 'Inject breakdown', exact: true }).click();
    await owner.locator('.inspect').getByRole('button', { name: 'Clear breakdown', exact: true }).waitFor();
    await owner.locator('.inspect .share-list li.now', { hasText: 'down' }).waitFor();
    const during = await completions(owner, 2 * 3600);
    expect(during.count, 'completions while every server is down').toBeLessThanOrEqual(machine.servers);
    // Move the pointer away so the hover highlight does not tint the colour we probe.
    await owner.mouse.move(5, 5);
    const box = await canvasBox(owner);
    const rendered = (await twin(owner)).renderedFrames;
    await waitTwin(owner, (v) => v.renderedFrames > rendered + 5, 'the recolour to be drawn');
    const png = await owner.locator('.stage canvas').screenshot();
    await shot(owner, 'breakdown');
    const px = await pixelStats(owner, png, BACKGROUND, { x: Math.min(box.width - 1, machinePoint.x), y: Math.min(box.height - 1, machinePoint.y) });
    const [r, g, b] = px.probe!;
    expect(r, `pixel at ${machine.id} is red (rgb ${r},${g},${b})`).toBeGreaterThan(g + 40);
    expect(r).toBeGreaterThan(b + 40);
    await owner.locator('.inspect').getByRole('button', { name: 'Clear breakdown', exact: true }).click();
    await owner.locator('.inspect').getByRole('button', { name: 'Clear breakdown', exact: true }).waitFor({ state: 'detached' });
  });

  it('editing the cycle time changes the machine throughput', async () => {
    const before = await completions(owner, 2 * 3600);
    const ratePerS = before.count / before.simS;
    expect(before.count).toBeGreaterThan(10);
    // Ten times the mean cycle: throughput falls to about a tenth.
    const cycle = e2e.model.nodes.find((n) => n.id === machine.id)!;
    const mean = ((cycle as { cycle: { mean?: number; value?: number } }).cycle.mean ?? (cycle as { cycle: { value: number } }).cycle.value) * 10;
    // The inspect form: a fixed cycle picked from the list, its value typed in seconds.
    const form = owner.locator('.inspect').getByTestId('param-cycle');
    await form.locator('select').first().selectOption('constant');
    await form.locator('select').nth(1).selectOption('s');
    await form.getByTestId('param-cycle-value').fill(String(mean));
    await form.getByTestId('param-cycle-apply').click();
    await waitFor(async () => (await owner.locator('.inspect dl.facts').textContent())!.includes('Mean cycle'), 'panel');
    // Let the cycles already started run out, then measure.
    const t0 = (await twin(owner)).simTime;
    await waitTwin(owner, (v) => v.simTime > t0 + mean, 'one new cycle to pass');
    const after = await completions(owner, 4 * 3600);
    expect(after.count / after.simS, `rate after ${after.count}/${after.simS}s vs before ${before.count}/${before.simS}s`).toBeLessThan(ratePerS / 3);
    expect((await twin(owner)).errors).toEqual([]);
  });

  it('a second browser joins as viewer, sees the same state and cannot command', async () => {
    const ownerSession = (await twin(owner)).sessionId!;
    await control(owner, 'Pause').click();
    await control(owner, 'Play').waitFor();
    viewer = await openPage();
    await viewer.locator('.sessions').getByRole('button', { name: 'Refresh', exact: true }).click();
    const row = viewer.locator('.session-list li').filter({ hasNotText: 'Public plant' }).first();
    await row.getByRole('button', { name: 'Join as viewer', exact: true }).click();
    const v = await waitTwin(viewer, (t) => t.sessionId === ownerSession && t.role === 'viewer' && shapes(t.counts) === e2e.model.nodes.length, 'the viewer to see the plant');
    const o = await twin(owner);
    // Markers (a breakdown from an earlier test) are drawn a frame after the shapes: wait for the whole paused state.
    const seen = await waitTwin(viewer, (t) => t.simTime === o.simTime && isDeepStrictEqual(t.counts, o.counts), "the viewer to show the owner's paused state", 20_000);
    expect(seen.counts).toEqual(o.counts);
    expect(v.sessionId).toBe(ownerSession);
    await expect(control(viewer, 'Play').isDisabled()).resolves.toBe(true);
    await expect(viewer.locator('.controls select').isDisabled()).resolves.toBe(true);
    await expect(viewer.locator('[data-testid="role"]').textContent()).resolves.toContain('viewer');
    // Even a forced click on the disabled button must not start the owner's session.
    await control(viewer, 'Play').click({ force: true });
    await owner.waitForTimeout(2000); // as for pause above: 40 frame periods in which a wrong play would show
    expect((await twin(owner)).simTime).toBe(o.simTime);
    expect((await twin(viewer)).simTime).toBe(o.simTime);
    await shot(viewer, 'viewer');
    await control(owner, 'Play').click();
  });

  it('a scenario comparison shows a table with confidence intervals', async () => {
    await owner.locator('.topbar').getByRole('button', { name: 'Capacity scenarios', exact: true }).click();
    const panel = owner.locator('main.capacity');
    await panel.locator('select').first().selectOption(MODEL);
    const checks = panel.locator('.checks input[type=checkbox]');
    await waitFor(async () => (await checks.count()) >= 2, 'a scenario to pick besides the base model');
    await checks.nth(1).check();
    await panel.locator('label.row', { hasText: 'Horizon, days' }).locator('input').fill('4');
    await panel.locator('label.row', { hasText: 'Warm-up, days' }).locator('input').fill('1');
    await panel.locator('label.row', { hasText: 'Replications' }).locator('input').fill('2');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    const table = panel.getByTestId('capacity-table');
    // Indicator, base, the scenario and its difference to the base.
    await waitFor(async () => (await table.locator('thead th').count()) === 4 && (await table.locator('td.diff').count()) >= 2, 'a comparison of two runs with intervals', 120_000);
    await expect(table.locator('tr[data-path="kpis.cellsPerDay"] td.value').first().textContent()).resolves.toMatch(/±\s*[0-9]/);
    expect((await twin(owner)).errors).toEqual([]);
    await shot(owner, 'comparison');
    await owner.locator('.topbar').getByRole('button', { name: 'Live plant', exact: true }).click();
  });

  it('reconnects after the server restarts, with the run history kept', async () => {
    const runsBefore = (await e2e.get<{ runs: { id: string }[] }>('/api/runs')).runs.map((r) => r.id);
    expect(runsBefore.length).toBeGreaterThanOrEqual(3); // two batch runs and the owner's session at least
    const port = e2e.server.port;
    expect(await stopServer(e2e.server, 'SIGTERM')).toBe(0);
    await waitTwin(owner, (t) => t.connection !== 'connected', 'the page to notice the server is gone');
    await e2e.restart(port);
    // socket.io retries with back-off of up to 5 s; then the tab tries to rejoin its (now gone) session.
    await waitTwin(owner, (t) => t.connection === 'connected', 'the page to reconnect', 90_000);
    await waitTwin(owner, (t) => t.errors.some((e) => /shutting down|no session/.test(e)), 'the ended session to be reported');
    // With its own session gone, the tab goes back through the front door: the public plant, as a viewer, without a click.
    const publicId = await waitFor(async () => (await e2e.get<{ sessions: { id: string; public: boolean }[] }>('/api/sessions')).sessions.find((s) => s.public)?.id, 'the public plant to run again', 90_000);
    await waitTwin(owner, (t) => t.sessionId === publicId && t.role === 'viewer' && shapes(t.counts) > 0 && t.simTime > 0, 'the public plant after the restart');
    const runsAfter = (await e2e.get<{ runs: { id: string; status: string }[] }>('/api/runs')).runs;
    for (const id of runsBefore) expect(runsAfter.some((r) => r.id === id), `run ${id} kept`).toBe(true);
    await shot(owner, 'reconnected');
  });
});
