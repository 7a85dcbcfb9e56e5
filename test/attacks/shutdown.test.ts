import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { HistoryStore } from '../../server/store/history-store.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/messages.ts';
import { startMain, type MainProcess } from './main-process.ts';

/**
 * SIGTERM with a `wait: true` run in flight (issue 17): the server used to wait on the
 * socket server before stopping the pools, hang until SHUTDOWN_TIMEOUT_MS, exit 1 and
 * leave the run `running` with its client never answered. Now the pools stop first.
 */
let dir: string;
let main: MainProcess | undefined;
const SHUTDOWN_TIMEOUT_MS = 20_000;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twin-shutdown-'));
});
afterAll(() => {
  if (main && main.proc.exitCode === null && main.proc.signalCode === null) main.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('answers a waiting run 503, records it interrupted, closes sockets and exits 0 well before the deadline', async () => {
    const dbPath = join(dir, 'twin.db');
    main = await startMain({ DB_PATH: dbPath, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) }, true);
    const url = main.url;
    const socket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
    const socketClosed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    // A year of the default plant, 4 replications on one thread: minutes of work, far longer than this test.
    const answer = fetch(`${url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'default-plant', horizonS: 365 * 86400, warmupS: 0, replications: 4, wait: true }),
    });
    let runId: string | undefined;
    for (const end = Date.now() + 30_000; runId === undefined && Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const runs = ((await (await fetch(`${url}/api/runs?kind=batch`)).json()) as { runs: { id: string; status: string }[] }).runs;
      runId = runs.find((r) => r.status === 'running')?.id;
    }
    expect(runId, 'the run is recorded as running').toBeDefined();
    // An experiment on the experiments pool, running at the same time.
    const experiment = await fetch(`${url}/api/experiments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'shutdown', model: 'default-plant', scenarios: [{ name: 'base', set: {} }], horizon: '60d', warmup: '0', seed: 1, replications: 2, kpis: ['kpi.gwhPerYear'] }),
    });
    expect(experiment.status, await experiment.clone().text()).toBe(202);
    const experimentId = ((await experiment.json()) as { id: string }).id;

    const signalledAt = Date.now();
    main.proc.kill('SIGTERM');
    const res = await answer;
    const body = (await res.json()) as { error?: { status: number; message: string } };
    expect(res.status).toBe(503);
    expect(body.error?.message).toMatch(/shutting down; the run was interrupted/);
    expect(await socketClosed).toMatch(/server|transport close/);
    const code = await main.exited;
    const tookMs = Date.now() - signalledAt;
    console.log(`SIGTERM to exit: ${tookMs} ms (deadline ${SHUTDOWN_TIMEOUT_MS} ms)`);
    expect(code, 'exit code (1 = the shutdown deadline struck)').toBe(0);
    // Well within the deadline: half of it at most (2× headroom), on a loaded machine.
    expect(tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS / 2);
    expect(main.logs.some((l) => l.msg === 'history written, sessions stopped; bye')).toBe(true);

    const history = new HistoryStore(dbPath);
    try {
      expect(history.get(runId!)).toMatchObject({ kind: 'batch', status: 'interrupted', error: 'the server shut down during the run' });
      expect(history.list({ kind: 'session' })[0]).toMatchObject({ status: 'stopped' });
      expect(history.get(experimentId)).toMatchObject({ kind: 'experiment', status: 'interrupted' });
    } finally {
      history.close();
    }
    socket.close();
  });
});
