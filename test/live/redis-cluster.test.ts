import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { MODELS_DIR, SCENARIOS_DIR } from '../../server/files/model-files.ts';
import { ModelCatalog } from '../../server/live/model-catalog.ts';
import type { ControlResult, CreateResult, SessionInfo } from '../../server/protocol/messages.ts';
import { freePort, startRedis } from '../experiments/redis-harness.ts';
import { useTwoServers } from './two-servers.ts';
import { skipWithoutRedis } from '../experiments/redis-skip.ts';
import { LiveClient, sleep } from './live-client.ts';

const redisMissing = skipWithoutRedis('multi-process');

/**
 * Two servers that share nothing but one Redis: separate HTTP ports, Socket.IO servers,
 * session managers, worker threads and databases (in one test process, which only saves
 * start-up time: they talk to each other through Redis alone).
 */
describe.skipIf(redisMissing)('several server processes through one Redis', () => {
  const servers = useTwoServers((url) => new LiveClient(url));
  const client = (server: TwinServer) => servers.client(server);

  it('relays a session of process A to a viewer on B, who cannot command it; its controller can, on either process', async () => {
    const ownerA = await client(servers.a);
    const created = await ownerA.ok<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 2000, user: 'instructor' });
    expect(servers.b.manager.get(created.sessionId)).toBeUndefined(); // it runs in A only

    // B's session list shows A's session.
    const viewerB = await client(servers.b);
    const listedOnB = async () => (await viewerB.ok<SessionInfo[]>({ type: 'listSessions' })).find((s) => s.id === created.sessionId);
    let listed: SessionInfo | undefined;
    // B re-reads the registry when its copy is over a second old: the list follows within about a second.
    for (const end = Date.now() + 10_000; listed === undefined && Date.now() < end; await sleep(200)) listed = await listedOnB();
    expect(listed?.modelId).toBe('demo-line');

    // A viewer on B gets A's frames: a snapshot, then deltas that continue it without gaps.
    const joined = await viewerB.ok<{ role: string }>({ type: 'joinSession', sessionId: created.sessionId });
    expect(joined.role).toBe('viewer');
    await viewerB.until(() => viewerB.snapshots.length > 0 && viewerB.frames.length >= 15, 20_000, 'relayed frames on B');
    expect(viewerB.snapshots[0].session.id).toBe(created.sessionId);
    expect(viewerB.snapshots[0].model.nodes.map((n) => n.id)).toEqual(ownerA.snapshots[0].model.nodes.map((n) => n.id));
    expect(viewerB.gaps).toBe(0);
    // The same frames as A's own viewer got: frame n has the same simulated time on both.
    const atA = new Map(ownerA.frames.map((f) => [f.frame.n, f.frame.t]));
    const common = viewerB.frames.filter((f) => atA.has(f.frame.n));
    expect(common.length).toBeGreaterThanOrEqual(10);
    for (const f of common) expect(f.frame.t).toBe(atA.get(f.frame.n));

    // Roles hold across processes: B's viewer cannot command, nor claim control with a wrong token.
    const refused = await viewerB.cmd({ type: 'pause' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    const framesBefore = ownerA.frames.length;
    await ownerA.until(() => ownerA.frames.length > framesBefore + 3 && ownerA.lastFrame!.r === 1, 10_000, 'the session still running');
    const wrongToken = await (await client(servers.b)).cmd({ type: 'joinSession', sessionId: created.sessionId, token: 'not-the-token' });
    expect(wrongToken.ok).toBe(false);
    if (!wrongToken.ok) expect(wrongToken.error.code).toBe('forbidden');

    // The controller on A pauses it; B's viewer sees it paused.
    const paused = await ownerA.ok<ControlResult>({ type: 'pause' });
    expect(paused.running).toBe(false);
    await viewerB.until(() => viewerB.lastFrame!.r === 0, 10_000, 'the pause on B');

    // The controller token works on B too: the command goes to A, which runs the session.
    const ownerB = await client(servers.b);
    const asOwner = await ownerB.ok<{ role: string }>({ type: 'joinSession', sessionId: created.sessionId, token: created.controllerToken });
    expect(asOwner.role).toBe('owner');
    const stepped = await ownerB.ok<ControlResult>({ type: 'step', dtS: 60 });
    expect(stepped.simTimeS).toBeCloseTo(paused.simTimeS + 60, 6);
    await ownerA.until(() => ownerA.lastFrame!.t === stepped.simTimeS, 10_000, 'the step seen on A');
    await viewerB.until(() => viewerB.lastFrame!.t === stepped.simTimeS, 10_000, 'the step seen on B');
    const resumed = await ownerB.ok<ControlResult>({ type: 'play' });
    expect(resumed.running).toBe(true);
    await viewerB.until(() => viewerB.lastFrame!.r === 1 && viewerB.lastFrame!.t > stepped.simTimeS, 10_000, 'running again on B');
    expect(viewerB.gaps).toBe(0);

    // A reset from B: B's viewers start over from a snapshot of the reset engine (its new seed), then deltas.
    const snapshotsBefore = viewerB.snapshots.length;
    await ownerB.ok({ type: 'reset', seed: 7 });
    await viewerB.until(() => viewerB.snapshots.length > snapshotsBefore, 10_000, 'a snapshot after the reset on B');
    expect(viewerB.snapshots.at(-1)!.session.seed).toBe(7);
    const framesAfterReset = viewerB.frames.length;
    await viewerB.until(() => viewerB.frames.length > framesAfterReset + 5, 10_000, 'frames after the reset on B');
    expect(viewerB.gaps).toBe(0);

    // The session ends in A: B's viewers are told, and B's list no longer shows it.
    await servers.a.manager.stop(created.sessionId, 'stopped', 'stopped by the test');
    await viewerB.until(() => viewerB.notices.some((x) => x.type === 'ended'), 10_000, 'the end on B');
    for (const end = Date.now() + 10_000; listed !== undefined && Date.now() < end; await sleep(200)) listed = await listedOnB();
    expect(listed).toBeUndefined();
    const late = await (await client(servers.b)).cmd({ type: 'joinSession', sessionId: created.sessionId });
    expect(late.ok).toBe(false);
  });
});

/** The public plant: one for the service, taken over when its process stops. */
describe.skipIf(redisMissing)('the public plant of several processes', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const dir = mkdtempSync(join(tmpdir(), 'twin-public-'));
  // A catalog of the demo line alone, so the public plant is the small model.
  const models = join(dir, 'models');
  mkdirSync(models);
  copyFileSync(join(MODELS_DIR, 'demo-line.json'), join(models, 'demo-line.json'));
  const servers: TwinServer[] = [];
  const clients: LiveClient[] = [];
  const start = async (name: string) => {
    const server = await startTwinServer({
      port: 0,
      host: '127.0.0.1',
      dbPath: join(dir, `${name}.db`),
      experimentThreads: 0,
      publicSpeed: 600,
      catalog: new ModelCatalog(models, SCENARIOS_DIR, join(dir, 'user-scenarios')),
      redisUrl: redis.url,
    });
    servers.push(server);
    return server;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(servers.map((s) => s.close()));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in one process, is relayed by the others, and moves when that process stops', async () => {
    const a = await start('a');
    const b = await start('b');
    expect(a.publicSession).not.toBeNull();
    expect(b.publicSession).toBeNull(); // B relays A's
    const viewer = new LiveClient(b.url);
    clients.push(viewer);
    await viewer.connected();
    let listed: SessionInfo[] = [];
    for (const end = Date.now() + 10_000; !listed.some((s) => s.public) && Date.now() < end; await sleep(200)) listed = await viewer.ok<SessionInfo[]>({ type: 'listSessions' });
    expect(listed.filter((s) => s.public).map((s) => s.id)).toEqual([a.publicSession!.id]);
    await viewer.ok({ type: 'joinSession', sessionId: a.publicSession!.id });
    await viewer.until(() => viewer.frames.length >= 5, 20_000, "the public plant's frames on B");

    await a.close();
    await viewer.until(() => viewer.notices.some((n) => n.type === 'ended'), 10_000, 'the end of A');
    // B takes the lock at its next heartbeat (every 5 s) and starts the plant (a worker thread: slow on a busy machine).
    const end = Date.now() + 45_000;
    while (b.publicSession === null && Date.now() < end) await sleep(200);
    expect(b.publicSession).not.toBeNull();
    expect(b.publicSession!.id).not.toBe(a.publicSession!.id);
  }, 60_000);
});

describe('an unreachable Redis', () => {
  it('stops the start within the bounded wait, with a message naming the URL', async () => {
    const port = await freePort(); // nothing listens there
    const dir = mkdtempSync(join(tmpdir(), 'twin-noredis-'));
    try {
      const started = startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), experimentThreads: 0, publicSession: false, redisUrl: `redis://127.0.0.1:${port}` });
      await expect(started).rejects.toThrow(`REDIS_URL redis://127.0.0.1:${port}: cannot reach Redis`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
