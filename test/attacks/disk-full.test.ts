import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { ModelCatalog } from '../../server/live/model-catalog.ts';
import type { ErrorReply } from '../../server/protocol/messages.ts';
import { LiveClient } from '../live/live-client.ts';
import { sizeLimitedDir, subdir } from './size-limited-dir.ts';
import { HEALTH_LIMIT_MS, KEPT_FRAME_RATE, watchHealth } from './attack-harness.ts';

/**
 * Issue 17: on a full disk runs answered a bare 500 and stayed `running`, and failed
 * session creations left orphans until the session cap refused everyone. Here the run
 * history and the saved scenarios live on a real 2 MB tmpfs that the test fills up.
 */
const disk = sizeLimitedDir(2048);
const MAX_SESSIONS = 2; // the public plant + 1
let server: TwinServer;
let dbPath = '';
let scenariosDir = '';
const clients: LiveClient[] = [];
/** An honest viewer of the public plant: sessions run in memory, so a full disk must not stop its frames. */
let viewer: LiveClient;
const framesPerS = (from: number, to = Date.now()) => viewer.frames.filter((f) => f.at >= from && f.at <= to).length / ((to - from) / 1000);

beforeAll(async () => {
  if (disk === null) return;
  dbPath = join(subdir(disk, 'data'), 'twin.db');
  scenariosDir = subdir(disk, 'scenarios');
  const catalog = new ModelCatalog(undefined, undefined, scenariosDir);
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath, catalog, experimentThreads: 0, maxSessions: MAX_SESSIONS, publicSpeed: 600 });
  viewer = new LiveClient(server.url);
  clients.push(viewer);
  await viewer.connected();
  await viewer.ok({ type: 'joinSession', sessionId: server.publicSession!.id });
  await viewer.until(() => viewer.frames.length > 5, 20_000, 'public frames');
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.close();
  disk?.remove();
});

async function post(path: string, body: unknown): Promise<{ status: number; message: string }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { error?: { message: string } };
  return { status: res.status, message: json.error?.message ?? '' };
}

const run = (wait: boolean, horizonS = 3600) => post('/api/runs', { model: 'demo-line', horizonS, warmupS: 0, wait });
const runStatus = async (id: string) => ((await (await fetch(`${server.url}/api/runs/${id}`)).json()) as { status: string; error: string | null });
const fullDisk = (what: string) => new RegExp(`^${what} .*${dbPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the disk is full \\((SQLITE_FULL|ENOSPC)\\); free some space$`);

describe.skipIf(disk === null)('a full disk', () => {
  it('refuses new runs 507 naming the database, and saves of scenarios naming the file; health and frames go on', async () => {
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 1000));
    const before = framesPerS(t0);
    const health = watchHealth(server.url, 100, {});
    disk!.fill();
    const from = Date.now();
    try {
      const r = await run(true);
      expect(r.status).toBe(507);
      expect(r.message).toMatch(fullDisk('cannot record run [0-9a-f-]+ in the run history at'));
      const s = await post('/api/scenarios', { name: 'Disk test', model: 'demo-line', question: 'Does a full disk answer clearly?', overlay: { set: {} } });
      expect(s.status).toBe(507);
      expect(s.message).toMatch(new RegExp(`^cannot save the scenario to ${scenariosDir}/disk-test\\.json: the disk is full \\(ENOSPC\\); free some space$`));
      await new Promise((r) => setTimeout(r, 1000));
      const during = framesPerS(from);
      const h = await health.stop();
      console.log(`disk full: slowest /api/health ${h.slowestMs.toFixed(0)} ms over ${h.answers}; public plant ${before.toFixed(1)} frames/s before, ${during.toFixed(1)} on the full disk`);
      expect(h.failures).toEqual([]);
      expect(h.slowestMs).toBeLessThan(HEALTH_LIMIT_MS);
      expect(during).toBeGreaterThanOrEqual(KEPT_FRAME_RATE * before);
    } finally {
      disk!.free();
    }
  });

  it('refuses session creation with the reason and leaves no orphan against MAX_SESSIONS', async () => {
    const owner = new LiveClient(server.url);
    clients.push(owner);
    await owner.connected();
    const before = server.manager.count;
    disk!.fill();
    try {
      // More attempts than the cap: each is refused for the disk, never for the cap.
      for (let i = 0; i < MAX_SESSIONS + 1; i++) {
        const reply = (await owner.cmd({ type: 'createSession', model: 'demo-line' }, 60_000)) as ErrorReply;
        expect(reply.ok).toBe(false);
        expect(reply.error.code).toBe('unavailable');
        expect(reply.error.message).toMatch(/^the session could not start: cannot record run \w+ in the run history at .*: the disk is full/);
        expect(server.manager.count).toBe(before);
      }
    } finally {
      disk!.free();
    }
    const ok = await owner.cmd<{ sessionId: string }>({ type: 'createSession', model: 'demo-line' }, 60_000);
    expect(ok.ok, 'with space again a session starts: the cap was not used up').toBe(true);
  });

  it('a run that cannot record its end is not left running, and is written once there is space', async () => {
    const started = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'demo-line', horizonS: 30 * 86400, warmupS: 0, replications: 2, wait: false }),
    });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    disk!.fill();
    let status = await runStatus(runId);
    for (const end = Date.now() + 120_000; status.status === 'running' && Date.now() < end; await new Promise((r) => setTimeout(r, 200))) status = await runStatus(runId);
    expect(status.status).toBe('failed');
    expect(status.error).toMatch(/its result could not be recorded: cannot record how run .* ended in the run history at .*: the disk is full/);
    disk!.free();
    expect((await run(false)).status, 'a write succeeds again').toBe(202);
    expect((await runStatus(runId)).status).toBe('failed');
  });
});

describe.skipIf(disk === null)('a read-only data directory', () => {
  it('stops the server from starting with a message naming the path', async () => {
    const ro = sizeLimitedDir(256)!;
    try {
      ro.readOnly(true);
      const err = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(ro.path, 'twin.db'), experimentThreads: 0, publicSession: false }).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe(
        `cannot open the run history at ${join(ro.path, 'twin.db')}: the location is read-only or not writable by the server (EROFS); make it writable, or point DATA_DIR / DB_PATH / USER_SCENARIOS_DIR elsewhere`,
      );
    } finally {
      ro.remove();
    }
  });

  it('refuses scenario saves 503 naming the file', async () => {
    const ro = sizeLimitedDir(256)!;
    const dir = subdir(ro, 'scenarios');
    ro.readOnly(true);
    const other = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(disk!.path, 'other.db'), catalog: new ModelCatalog(undefined, undefined, dir), experimentThreads: 0, publicSession: false });
    try {
      const res = await fetch(`${other.url}/api/scenarios`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Read only', model: 'demo-line', question: 'Does a read-only folder answer clearly?', overlay: { set: {} } }),
      });
      const body = (await res.json()) as { error?: { message: string } };
      expect(res.status).toBe(503);
      expect(body.error?.message).toBe(
        `cannot save the scenario to ${dir}/read-only.json: the location is read-only or not writable by the server (EROFS); make it writable, or point DATA_DIR / DB_PATH / USER_SCENARIOS_DIR elsewhere`,
      );
    } finally {
      await other.close();
      ro.remove();
    }
  });
});
