import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateResult, Notice } from '../../server/protocol/messages.ts';
import { LiveClient } from '../live/live-client.ts';
import { startServer, stopServer, waitFor, type ServerProcess } from './harness.ts';

/**
 * Faults the real process meets in production, beyond test/api/restart.test.ts (which
 * covers history across SIGTERM and a SIGKILL of the public session): a SIGKILL in the
 * middle of a batch run and of a private session with viewers, and what a SIGTERM does
 * to connected clients. No browser needed.
 */
let dir: string;
let server: ServerProcess | undefined;
const clients: LiveClient[] = [];

interface RunRow {
  id: string;
  kind: string;
  status: string;
  kpis?: unknown;
}
const runs = async (url: string) => ((await (await fetch(`${url}/api/runs`)).json()) as { runs: RunRow[] }).runs;

/** Starting a session spawns a worker thread; on a loaded 2-core machine that can take longer than LiveClient's 10 s default. */
async function createSession(owner: LiveClient): Promise<CreateResult> {
  const reply = await owner.cmd<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 2000 }, 60_000);
  if (!reply.ok) throw new Error(`createSession refused: ${reply.error.message}`);
  return reply.result;
}

async function viewerOf(url: string, sessionId?: string): Promise<LiveClient> {
  const c = new LiveClient(url);
  clients.push(c);
  await c.connected();
  if (sessionId) await c.ok({ type: 'joinSession', sessionId });
  return c;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twin-faults-'));
});
afterAll(async () => {
  for (const c of clients) c.close();
  await stopServer(server, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('server faults', () => {
  it('SIGKILL mid-run: finished runs intact, the batch run and sessions in progress reported as interrupted', async () => {
    server = await startServer(dir, 0, { PUBLIC_SPEED: '600' });
    const done = await fetch(`${server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'demo-line', horizonS: 7200, replications: 2 }) });
    expect(done.status).toBe(201);
    const doneId = ((await done.json()) as { runId: string }).runId;
    // A long batch run in the background: a simulated year of the default plant takes tens of seconds.
    const long = await fetch(`${server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'default-plant', horizonS: 365 * 86400, replications: 3, wait: false }) });
    expect(long.status).toBe(202);
    const longId = ((await long.json()) as { runId: string }).runId;
    const owner = await viewerOf(server.url);
    const created = await createSession(owner);
    const watcher = await viewerOf(server.url, created.sessionId);
    await watcher.until(() => watcher.frames.length > 5, 20_000, 'frames of the private session');
    const before = await runs(server.url);
    expect(before.find((r) => r.id === longId)?.status).toBe('running');

    const killed = server;
    killed.proc.kill('SIGKILL');
    await killed.exited;
    await waitFor(async () => !watcher.socket.connected, 'the viewer to see the connection drop', 10_000);

    // The database a crash left behind is sound, not just readable by the next server.
    const db = new Database(join(dir, 'twin.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    server = await startServer(dir, 0, { PUBLIC_SPEED: '600' });
    expect(server.logs.some((l) => String(l.msg).includes('interrupted'))).toBe(true);
    const after = await runs(server.url);
    expect(after.find((r) => r.id === doneId)).toMatchObject({ kind: 'batch', status: 'finished' });
    expect(after.find((r) => r.id === longId)).toMatchObject({ kind: 'batch', status: 'interrupted' });
    expect(after.find((r) => r.id === created.sessionId)).toMatchObject({ kind: 'session', status: 'interrupted' });
    for (const r of before) expect(after.some((a) => a.id === r.id), `run ${r.id} kept`).toBe(true);
  });

  it('SIGTERM: sessions stop and are written, clients are told and disconnected, exit code 0', async () => {
    const url = server!.url;
    const owner = await viewerOf(url);
    const created = await createSession(owner);
    const watcher = await viewerOf(url, created.sessionId);
    await watcher.until(() => watcher.frames.length > 5, 20_000, 'frames');
    const disconnected = new Promise<string>((resolve) => watcher.socket.on('disconnect', (reason) => resolve(reason)));

    const code = await stopServer(server, 'SIGTERM');
    expect(code).toBe(0);
    expect(await disconnected).toMatch(/server disconnect|transport close/);
    const ended = watcher.notices.find((n): n is Extract<Notice, { type: 'ended' }> => n.type === 'ended');
    expect(ended?.reason).toMatch(/shutting down/);
    expect(server!.logs.some((l) => l.msg === 'session ended' && l.session === created.sessionId)).toBe(true);

    server = await startServer(dir, 0, { PUBLIC_SPEED: '600' });
    const row = (await runs(server.url)).find((r) => r.id === created.sessionId);
    expect(row).toMatchObject({ kind: 'session', status: 'stopped' });
    const detail = (await (await fetch(`${server.url}/api/runs/${created.sessionId}`)).json()) as { kpis?: Record<string, unknown> };
    expect(detail.kpis, 'the stopped session has its KPIs written').toBeTruthy();
    expect(await stopServer(server, 'SIGTERM')).toBe(0);
  });
});
