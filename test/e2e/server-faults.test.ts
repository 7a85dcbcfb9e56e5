import { afterAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { CreateResult, Notice } from '../../server/protocol/messages.ts';
import { LiveClient } from '../live/live-client.ts';
import { stopServer, waitFor } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * Faults the real process meets in production, beyond test/api/restart.test.ts (which
 * covers history across SIGTERM and a SIGKILL of the public session): a SIGKILL in the
 * middle of a batch run and of a private session with viewers, and what a SIGTERM does
 * to connected clients. No browser needed.
 */

// A killed server is the subject here: after the file, kill whatever still runs rather than wait for a graceful stop.
const e2e = e2eSuite({ name: 'e2e server faults', browser: false, serverEnv: { PUBLIC_SPEED: '600' }, stopSignal: 'SIGKILL' });
const clients: LiveClient[] = [];

interface RunRow {
  id: string;
  kind: string;
  status: string;
  kpis?: unknown;
}
/** The run history of the server running now. */
const runs = async () => (await e2e.get<{ runs: RunRow[] }>('/api/runs')).runs;

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

e2e.describe('server faults', () => {
  afterAll(() => {
    for (const c of clients) c.close();
  });

  it('SIGKILL mid-run: finished runs intact, the batch run and sessions in progress reported as interrupted', async () => {
    const { url } = e2e;
    const doneId = (await e2e.post<{ runId: string }>('/api/runs', { model: 'demo-line', horizonS: 7200, replications: 2 }, 201)).runId;
    // A long batch run in the background: a simulated year of the default plant takes tens of seconds.
    const longId = (await e2e.post<{ runId: string }>('/api/runs', { model: 'default-plant', horizonS: 365 * 86400, replications: 3, wait: false }, 202)).runId;
    const owner = await viewerOf(url);
    const created = await createSession(owner);
    const watcher = await viewerOf(url, created.sessionId);
    await watcher.until(() => watcher.frames.length > 5, 20_000, 'frames of the private session');
    const before = await runs();
    expect(before.find((r) => r.id === longId)?.status).toBe('running');

    const killed = e2e.server;
    killed.proc.kill('SIGKILL');
    await killed.exited;
    await waitFor(async () => !watcher.socket.connected, 'the viewer to see the connection drop', 10_000);

    // The database a crash left behind is sound, not just readable by the next server.
    const db = new Database(join(e2e.dir, 'twin.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const restarted = await e2e.restart();
    expect(restarted.logs.some((l) => String(l.msg).includes('interrupted'))).toBe(true);
    const after = await runs();
    expect(after.find((r) => r.id === doneId)).toMatchObject({ kind: 'batch', status: 'finished' });
    expect(after.find((r) => r.id === longId)).toMatchObject({ kind: 'batch', status: 'interrupted' });
    expect(after.find((r) => r.id === created.sessionId)).toMatchObject({ kind: 'session', status: 'interrupted' });
    for (const r of before) expect(after.some((a) => a.id === r.id), `run ${r.id} kept`).toBe(true);
  });

  it('SIGTERM: sessions stop and are written, clients are told and disconnected, exit code 0', async () => {
    const { url } = e2e;
    const owner = await viewerOf(url);
    const created = await createSession(owner);
    const watcher = await viewerOf(url, created.sessionId);
    await watcher.until(() => watcher.frames.length > 5, 20_000, 'frames');
    const disconnected = new Promise<string>((resolve) => watcher.socket.on('disconnect', (reason) => resolve(reason)));

    const stopped = e2e.server;
    const code = await stopServer(stopped, 'SIGTERM');
    expect(code).toBe(0);
    expect(await disconnected).toMatch(/server disconnect|transport close/);
    const ended = watcher.notices.find((n): n is Extract<Notice, { type: 'ended' }> => n.type === 'ended');
    expect(ended?.reason).toMatch(/shutting down/);
    expect(stopped.logs.some((l) => l.msg === 'session ended' && l.session === created.sessionId)).toBe(true);

    const restarted = await e2e.restart();
    const row = (await runs()).find((r) => r.id === created.sessionId);
    expect(row).toMatchObject({ kind: 'session', status: 'stopped' });
    const detail = await e2e.get<{ kpis?: Record<string, unknown> }>(`/api/runs/${created.sessionId}`);
    expect(detail.kpis, 'the stopped session has its KPIs written').toBeTruthy();
    expect(await stopServer(restarted, 'SIGTERM')).toBe(0);
  });
});
