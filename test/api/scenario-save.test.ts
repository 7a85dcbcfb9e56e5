import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { ModelCatalog } from '../../server/live/model-catalog.ts';
import { MODELS_DIR, SCENARIOS_DIR, loadModelFile } from '../../server/files/model-files.ts';
import { ScenarioSchema, applyScenario } from '../../server/protocol/scenario.ts';

let server: TwinServer;
let dir: string;
let userDir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twin-scen-'));
  userDir = join(dir, 'user-scenarios'); // created by the first save, so the test also covers a missing folder
  const catalog = new ModelCatalog(MODELS_DIR, SCENARIOS_DIR, userDir);
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), clientDir: join(dir, 'no-client'), publicSession: false, experimentThreads: 0, catalog });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const userFiles = () => (existsSync(userDir) ? readdirSync(userDir) : []);
// pack-line 4 m towards the module buffer: a longer pack conveyor, still free of overlaps and inside the hall.
const overlay = { set: { 'pack-line': { layout: { x: 384 } }, 'packs-shipped': { layout: { rotation: 90 } } } };
const good = { name: 'pack-line-west', model: 'default-plant', question: 'Does a 4 m longer pack conveyor cost output?', overlay };

describe('POST /api/scenarios', () => {
  it('refuses bad bodies with 400 naming the field, and writes nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...good, id: '../evil' }, /^id: must be a file-safe id/],
      [{ ...good, name: '   ' }, /^name: must not be empty/],
      [{ ...good, name: undefined }, /^name: /],
      [{ ...good, question: '' }, /^question: must not be empty/],
      [{ ...good, overlay: { set: { 'pack-line': 5 } } }, /^overlay\.set\.pack-line: must be an object/],
      [{ ...good, overlay: { sett: {} } }, /^overlay\.sett: unknown field/],
      [{ ...good, extra: 1 }, /^extra: unknown field/],
      [{ ...good, model: 'no-such-model' }, /^model: no model "no-such-model"/],
      [{ ...good, overlay: { set: { 'pack-line': { layout: { x: 396 } } } } }, /^result\.nodes\[\d+\]\.layout: overlaps "pack-line"/],
      [{ ...good, overlay: { set: { 'pack-line': { layout: { z: 40 } } } } }, /^set\.pack-line\.layout: lies \(partly\) outside the hall/],
      [{ ...good, overlay: { set: { ghost: { servers: 2 } } } }, /^set\.ghost: unknown node id/],
    ];
    for (const [body, problem] of cases) {
      const r = await call('POST', '/api/scenarios', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.problems.some((p: string) => problem.test(p)), `${JSON.stringify(r.body.error)} ~ ${problem}`).toBe(true);
    }
    const notJson = await call('POST', '/api/scenarios', '{"name": ');
    expect(notJson.status).toBe(400);
    expect(userFiles()).toEqual([]);
  });

  it('refuses overwriting a shipped scenario and an oversized overlay', async () => {
    const shipped = await call('POST', '/api/scenarios', { ...good, name: 'two-shift', overwrite: true });
    expect(shipped.status).toBe(409);
    expect(shipped.body.error.message).toMatch(/^name: "two-shift" is a shipped scenario/);
    const big = await call('POST', '/api/scenarios', { ...good, overlay: { ...overlay, description: 'x'.repeat(3000), add: Array.from({ length: 100 }, () => ({ pad: 'y'.repeat(3000) })) } });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/^overlay: /);
    expect(userFiles()).toEqual([]);
  });

  it('saves, lists, loads, and the loaded scenario gives the same layout as the overlay', async () => {
    const saved = await call('POST', '/api/scenarios', good);
    expect(saved.status).toBe(201);
    expect(userFiles()).toEqual(['pack-line-west.json']);

    const list = await call('GET', '/api/scenarios');
    expect(list.body.scenarios).toContainEqual({ id: 'pack-line-west', model: 'default-plant', name: 'pack-line-west', question: good.question, user: true });
    expect(list.body.scenarios.find((s: { id: string }) => s.id === 'two-shift')?.user).toBe(false);

    const loaded = await call('GET', '/api/scenarios/pack-line-west');
    expect(loaded.status).toBe(200);
    const base = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
    const fromFile = applyScenario(base, ScenarioSchema.parse(loaded.body.scenario));
    const direct = applyScenario(base, ScenarioSchema.parse({ model: 'default-plant', question: 'q', ...overlay }));
    expect(fromFile.nodes.map((n) => n.layout)).toEqual(direct.nodes.map((n) => n.layout));
    expect(fromFile.nodes.find((n) => n.id === 'pack-line')!.layout).toMatchObject({ x: 384, z: 0 });

    // The capacity analysis (and so runs and sessions) find it by id like a shipped scenario.
    const capacity = await call('GET', '/api/capacity?scenario=pack-line-west');
    expect(capacity.status).toBe(200);
    expect(capacity.body.scenario).toBe('pack-line-west');
  });

  it('saves a Cyrillic name as typed under a transliterated id', async () => {
    // "Склад перед укладкой +50 %": С-к-л-а-д → sklad, у-к-л-а-д-к-о-й → ukladkoy (й → y); "+50 %" → "-50".
    const name = 'Склад перед укладкой +50 %';
    const r = await call('POST', '/api/scenarios', { ...good, name });
    expect(r.status).toBe(201);
    expect(r.body.id).toBe('sklad-pered-ukladkoy-50');
    expect(r.body.name).toBe(name);
    const list = await call('GET', '/api/scenarios');
    expect(list.body.scenarios).toContainEqual(expect.objectContaining({ id: 'sklad-pered-ukladkoy-50', name, user: true }));
    const again = await call('POST', '/api/scenarios', { ...good, name });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/^name: a saved scenario "sklad-pered-ukladkoy-50" exists/);
  });

  it('refuses saving over a user scenario without overwrite, and overwrites with it', async () => {
    const again = await call('POST', '/api/scenarios', good);
    expect(again.status).toBe(409);
    const moved = { ...good, overwrite: true, overlay: { set: { 'pack-line': { layout: { x: 386 } } } } };
    const r = await call('POST', '/api/scenarios', moved);
    expect(r.status).toBe(200);
    const loaded = await call('GET', '/api/scenarios/pack-line-west');
    expect(loaded.body.scenario.set).toEqual(moved.overlay.set);
    expect(userFiles()).toContain('pack-line-west.json');
  });
});
