import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectToScreen } from './scene-points.ts';
import { connected, twin, waitFor, waitTwin } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * The layout editor as a planner uses it: a session owner switches to edit mode,
 * drags the pack line away from the shipping dock on the module/pack camera
 * preset, and sees the pack conveyor's distance label grow; then saves the edit
 * as a scenario, which the API lists. Waits are on app state, never fixed sleeps.
 */
const MODEL = 'default-plant';
const NODE = 'pack-line';
const LEG = 'pack-conveyor';
const e2e = e2eSuite({ name: 'e2e layout edit', model: MODEL });
let page: Page;

/** Screen point of a floor position seen from the module/pack preset, by the client's own camera rule. */
const screenPoint = (x: number, y: number, z: number, canvas: { width: number; height: number }) => projectToScreen(e2e.model, 'module', { x, y, z }, canvas);

const metres = (text: string | null) => Number((text ?? '').split('m')[0].replace(/[^0-9.]/g, ''));

e2e.describe('browser end-to-end: layout edit', () => {
  it('dragging the pack line away from the dock lengthens the conveyor label', async () => {
    page = await e2e.open('', 'en', 1280, { height: 720 });
    await connected(page);
    await page.locator('.sessions select').first().selectOption(MODEL);
    await page.getByRole('button', { name: 'New session' }).click();
    const t = await waitTwin(page, (v) => v.role === 'owner' && v.renderedFrames > 10, 'the plant to be drawn');

    await page.getByTestId('edit-toggle').click();
    await page.getByTestId('edit-panel').waitFor();
    await page.getByRole('button', { name: 'Module / pack' }).click();
    const r0 = (await twin(page)).renderedFrames;
    await waitTwin(page, (v) => v.renderedFrames > Math.max(r0, t.renderedFrames) + 40, 'the camera glide to finish');

    const label = page.getByTestId(`leg-label-${LEG}`);
    const before = metres(await label.textContent());
    expect(before).toBe(14);

    const box = (await page.locator('.stage canvas').boundingBox())!;
    const node = e2e.model.nodes.find((n) => n.id === NODE)!.layout!;
    const at = (x: number) => screenPoint(x, 3, node.z, box);
    const start = at(node.x);
    await page.mouse.move(box.x + start.x, box.y + start.y);
    await waitFor(async () => (await page.locator('.hover-label').textContent())?.includes('Pack'), 'the pack line under the cursor');
    await page.mouse.click(box.x + start.x, box.y + start.y);
    await page.getByTestId('edit-node').waitFor();
    await e2e.shot(page, 'e2e-edit-selected');

    // 4 m west, in small steps as a hand would move; each snapped step is validated.
    const end = at(node.x - 4);
    await page.mouse.move(box.x + start.x, box.y + start.y);
    await page.mouse.down();
    await page.mouse.move(box.x + end.x, box.y + end.y, { steps: 12 });
    await page.mouse.up();
    const after = await waitFor(async () => {
      const m = metres(await label.textContent());
      return m !== before ? m : null;
    }, 'the distance label to change');
    await e2e.shot(page, 'e2e-edit-dragged');
    expect(after).toBeGreaterThan(before);
    // The panel's table and the label show the same distance (one computation).
    expect(metres(await page.getByTestId(`leg-distance-${LEG}`).textContent())).toBe(after);
    expect(await page.getByTestId('edit-problems').count()).toBe(0);
  });

  it('refuses dragging the pack line into the shipping dock, shows why, and keeps the last valid place', async () => {
    const box = (await page.locator('.stage canvas').boundingBox())!;
    const z = e2e.model.nodes.find((n) => n.id === NODE)!.layout!.z;
    const from = screenPoint(384, 3, z, box); // where the first test left it
    const to = screenPoint(400, 3, z, box); // 395..405 m: into the dock at 400..404 m and past the hall wall at 402 m
    await page.mouse.move(box.x + from.x, box.y + from.y);
    await page.mouse.down();
    await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 16 });
    await page.mouse.up();
    const problems = page.getByTestId('edit-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/overlaps "pack-line"|outside the hall/);
    await e2e.shot(page, 'e2e-edit-refused');
    // The line stops before the dock: the conveyor from its centre (x + 0 m) to the dock at 402 m stays >= 7 m.
    expect(metres(await page.getByTestId(`leg-label-${LEG}`).textContent())).toBeGreaterThanOrEqual(7);
    await page.getByRole('button', { name: 'Undo all' }).click();
    await waitFor(async () => metres(await page.getByTestId(`leg-label-${LEG}`).textContent()) === 14, 'the undo to restore 14 m');
    await page.getByTestId('edit-toggle').click(); // leave edit mode; re-enter to redo the save below from a fresh edit
    await page.getByTestId('edit-toggle').click();
    const start = screenPoint(388, 3, z, box);
    const west = screenPoint(384, 3, z, box);
    await page.mouse.click(box.x + start.x, box.y + start.y);
    await page.getByTestId('edit-node').waitFor();
    await page.mouse.move(box.x + start.x, box.y + start.y);
    await page.mouse.down();
    await page.mouse.move(box.x + west.x, box.y + west.y, { steps: 8 });
    await page.mouse.up();
    await waitFor(async () => metres(await page.getByTestId(`leg-label-${LEG}`).textContent()) > 14, 'the west move again');
  });

  it('saves the edit as a scenario the API lists', async () => {
    await page.getByTestId('scenario-name').fill('pack line west');
    await page.getByTestId('scenario-question').fill('Does a longer pack conveyor cost output?');
    await page.getByTestId('save-scenario').click();
    await expect(page.getByTestId('save-result').textContent()).resolves.toContain('pack-line-west');
    const list = await e2e.get<{ scenarios: { id: string; user: boolean }[] }>('/api/scenarios');
    expect(list.scenarios).toContainEqual(expect.objectContaining({ id: 'pack-line-west', user: true }));
    await e2e.shot(page, 'e2e-edit-saved');
  });

  it('a viewer of the same session never sees the editor', async () => {
    const sessionId = (await twin(page)).sessionId;
    const viewer = await e2e.open('', 'en', 1280, { height: 720 });
    await connected(viewer, 'the viewer socket');
    await viewer.locator('.sessions').getByRole('button', { name: 'Refresh', exact: true }).click();
    await viewer.locator('.session-list li').filter({ hasNotText: 'Public plant' }).first().getByRole('button', { name: 'Join as viewer', exact: true }).click();
    await waitTwin(viewer, (t) => t.sessionId === sessionId && t.role === 'viewer' && t.renderedFrames > 5, 'the viewer to see the plant');
    expect(await viewer.getByTestId('edit-toggle').count()).toBe(0);
    expect(await viewer.getByTestId('edit-panel').count()).toBe(0);
    // The owner, still editing, keeps the editor: the edit is local until saved.
    expect(await page.getByTestId('edit-panel').count()).toBe(1);
    await viewer.context().close();
  });

  for (const width of [1400, 390]) {
    it(`${width} px, Russian: the edit button covers none of the area buttons`, async () => {
      // "Редактировать планировку" is wider than the 120 px the area buttons used to leave it.
      const owner = await e2e.open('', 'ru', width, width < 500 ? { mobile: true } : { height: 900 });
      await connected(owner);
      if (width < 500) await owner.locator('.panel-tabs').getByRole('button', { name: 'Сессии' }).click();
      await owner.locator('.sessions select').first().selectOption(MODEL);
      await owner.getByRole('button', { name: 'Новая сессия' }).click();
      await waitTwin(owner, (v) => v.role === 'owner', 'the owner’s session');
      const toggle = (await owner.getByTestId('edit-toggle').boundingBox())!;
      const buttons = await owner.locator('.preset-bar button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(buttons.length).toBeGreaterThan(3);
      for (const b of buttons) {
        const apart = b.right <= toggle.x || b.left >= toggle.x + toggle.width || b.bottom <= toggle.y || b.top >= toggle.y + toggle.height;
        expect(apart, `area button at ${b.left.toFixed(0)}–${b.right.toFixed(0)} × ${b.top.toFixed(0)}–${b.bottom.toFixed(0)} under the edit button at ${toggle.x.toFixed(0)}+${toggle.width.toFixed(0)} × ${toggle.y.toFixed(0)}`).toBe(true);
      }
      await e2e.shot(owner, `e2e-edit-toggle-ru-${width}`);
      await owner.context().close();
    });
  }
});
