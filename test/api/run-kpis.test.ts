import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { simulate } from '../../server/cli/sim.ts';

const DAY = 86400;
let server: TwinServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twin-run-kpis-'));
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), publicSession: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('batch runs carry the plant KPIs', () => {
  it('POST /api/runs answers kpis per replication with CI95, the same document as the CLI --json', async () => {
    const request = { model: 'demo-line', horizonS: 14 * DAY, warmupS: DAY, replications: 2, seed: 3 };
    const res = await fetch(`${server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    expect(res.status).toBe(201);
    const body = await res.json();
    const k = body.kpis;
    expect(k.cellsPerDay).toBeGreaterThan(0);
    expect(k.gwhPerYear).toBeGreaterThan(0);
    expect(typeof k.gwhPerYearCI95).toBe('number');
    expect(typeof k.cellsPerDayCI95).toBe('number');
    expect(k.yield.overall).toBeGreaterThan(0.8);
    expect(k.bottleneck.byReplication).toHaveLength(2);
    expect(body.sinks.shipping.units).toBeGreaterThan(0); // the rest of the CLI document is still there

    const cli = simulate('demo-line', { horizon: request.horizonS, warmup: request.warmupS, replications: 2, seed: 3 });
    expect(k).toEqual(JSON.parse(JSON.stringify(cli.kpis)));

    // The stored run keeps them, and its headline numbers include the plant's output.
    const stored = await (await fetch(`${server.url}/api/runs/${body.runId}`)).json();
    expect(stored.result.kpis.gwhPerYear).toBe(k.gwhPerYear);
    expect(stored.kpis.gwhPerYear).toBe(k.gwhPerYear);
  });

  it('a run without a warm-up gets the MSER-5 one, the same as the CLI with --warmup auto', async () => {
    const request = { model: 'demo-line', horizonS: 3 * DAY, seed: 5 };
    const res = await fetch(`${server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.warmupMethod).toMatch(/^MSER-5/);
    expect(Array.isArray(body.warnings)).toBe(true);
    const cli = simulate('demo-line', { horizon: request.horizonS, warmup: 'auto', replications: 1, seed: 5 });
    expect(body.warmupS).toBe(cli.warmupS);
    expect(body.kpis).toEqual(JSON.parse(JSON.stringify(cli.kpis)));
  });
});
