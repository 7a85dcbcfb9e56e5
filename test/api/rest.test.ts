import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/messages.ts';

let server: TwinServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twin-rest-'));
  // No built client in this folder: the root must say so instead of failing obscurely.
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), clientDir: join(dir, 'no-client'), publicSpeed: 60 });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(server.url + path);
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: res.headers };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe('REST API', () => {
  it('reports health with security headers', async () => {
    const r = await get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, protocol: PROTOCOL_VERSION, sessions: 1 });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('lists models and scenarios and serves one model', async () => {
    const models = await get('/api/models');
    expect(models.body.models.map((m: { id: string }) => m.id)).toContain('demo-line');
    expect(models.body.default).toBeTypeOf('string');
    const demo = await get('/api/models/demo-line');
    expect(demo.status).toBe(200);
    expect(demo.body.nodes.length).toBeGreaterThan(0);
    const missing = await get('/api/models/not-a-model');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no model "not-a-model"/);
    const scenarios = await get('/api/scenarios');
    expect(Array.isArray(scenarios.body.scenarios)).toBe(true);
  });

  it('lists the public session', async () => {
    const r = await get('/api/sessions');
    expect(r.body.sessions).toHaveLength(1);
    expect(r.body.sessions[0]).toMatchObject({ id: server.publicSession!.id, public: true, running: true });
  });

  it('answers the static capacity analysis', async () => {
    const r = await get('/api/capacity?model=demo-line');
    expect(r.status).toBe(200);
    expect(r.body.model).toBe('demo-line');
    expect(r.body.cellsPerHour).toBeGreaterThan(0);
    expect((await get('/api/capacity?model=../etc/passwd')).status).toBe(400);
  });

  it('runs a batch off the main thread, returns the CLI --json shape, and records it', async () => {
    const r = await post('/api/runs', { model: 'demo-line', horizonS: 6 * 3600, warmupS: 3600, replications: 2, seed: 5 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ model: 'Demo cell line', horizonS: 21600, warmupS: 3600, replications: 2, seed: 5 });
    for (const key of ['sinks', 'nodes', 'system', 'engine']) expect(r.body).toHaveProperty(key);
    expect(r.body.engine.events).toBeGreaterThan(0);
    expect(r.headers.get('location')).toBe(`/api/runs/${r.body.runId}`);
    const stored = await get(`/api/runs/${r.body.runId}`);
    expect(stored.body).toMatchObject({ kind: 'batch', status: 'finished', model: 'demo-line', seed: 5, params: { horizonS: 21600, replications: 2 } });
    expect(stored.body.result.engine.events).toBe(r.body.engine.events);
    const list = await get('/api/runs?kind=batch');
    expect(list.body.runs.map((x: { id: string }) => x.id)).toContain(r.body.runId);
  });

  it('reports windows of a run as periods[] when asked for a period', async () => {
    const r = await post('/api/runs', { model: 'demo-line', horizonS: 3 * 3600, period: '1h', seed: 2 });
    expect(r.status).toBe(201);
    expect(r.body.periods.map((p: { startS: number; endS: number }) => [p.startS, p.endS])).toEqual([[0, 3600], [3600, 7200], [7200, 10800]]);
    const perWindow = r.body.periods.map((p: { sinks: Record<string, { count: number }> }) => Object.values(p.sinks)[0].count);
    expect(perWindow.reduce((a: number, b: number) => a + b, 0)).toBe((Object.values(r.body.sinks)[0] as { count: number }).count);
    const bad = await post('/api/runs', { model: 'demo-line', horizonS: 3600, period: '-1h' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems[0]).toMatch(/^period: /);
  });

  it('accepts an inline model validated by the model schema, and answers 202 when asked not to wait', async () => {
    const model = (await get('/api/models/demo-line')).body;
    const r = await post('/api/runs', { model: { ...model, name: 'inline demo' }, horizonS: 3600, wait: false });
    expect(r.status).toBe(202);
    let run: any;
    for (let i = 0; i < 100; i++) {
      run = (await get(`/api/runs/${r.body.runId}`)).body;
      if (run.status !== 'running') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(run).toMatchObject({ status: 'finished', model: 'inline:inline demo' });
  });

  it('refuses bad bodies with the field and the reason, and keeps serving', async () => {
    const bad = await post('/api/runs', { model: 'demo-line', horizonS: -5, replications: 1.5, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems).toEqual(expect.arrayContaining(['horizonS: must be > 0', 'replications: must be a whole number']));
    const badModel = await post('/api/runs', { model: { name: 'x', nodes: [{ id: 'a', type: 'machine', cycle: { dist: 'constant', value: 0 }, to: 'a' }] }, horizonS: 10 });
    expect(badModel.status).toBe(400);
    expect(JSON.stringify(badModel.body.error)).toContain('must be > 0');
    const warm = await post('/api/runs', { horizonS: 10, warmupS: 10 });
    expect(warm.body.error.problems).toContain('warmupS: must be shorter than horizonS');
    expect((await post('/api/runs', '{not json')).status).toBe(400);
    const huge = await post('/api/runs', { horizonS: 10, padding: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect((await get('/api/runs?limit=abc')).body.error.problems).toEqual(['limit: must be a number']);
    expect((await get('/api/runs/nope')).status).toBe(404);
    expect((await get('/api/nothing-here')).status).toBe(404);
    expect((await get('/api/health')).status).toBe(200);
  });

  it('mounts the experiments API', async () => {
    const r = await get('/api/experiments');
    expect(r.status).toBe(200);
    expect(r.body.experiments).toEqual([]);
    const bad = await post('/api/experiments', { nothing: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.length).toBeGreaterThan(0);
  });

  it('says how to build the client when it is missing', async () => {
    const r = await get('/');
    expect(r.status).toBe(503);
    expect(r.body).toMatch(/npm run build:client/);
  });
});
