/**
 * A process of the service dies without cleanup (SIGKILL: no registry removal, no lock
 * release, no "ended" notices). Its entries must expire by their TTL: the other process
 * stops listing its sessions, tells its viewers of them that they ended, and takes over
 * the public plant. The TTL is shortened to 3 s for the test (production: 15 s), so the
 * bound on the wait is 2 × TTL = 6 s: an entry renewed just before the kill lives one TTL
 * (3 s), and B notices at its next heartbeat (every TTL / 3 = 1 s), i.e. within 4 s.
 * The other way round, a trainee connected to A in an exercise that runs in B leaves B's
 * roster at B's second heartbeat after A's death (A's request channel lost its subscriber,
 * and B waits for two heartbeats running to tell a death from a Redis restart): within 2 s.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTwinServer } from '../../server/api/twin-server.ts';
import { SCENARIOS_DIR } from '../../server/files/model-files.ts';
import { ModelCatalog } from '../../server/live/model-catalog.ts';
import type { CreateResult, SessionInfo } from '../../server/protocol/messages.ts';
import { skipWithoutRedis } from '../experiments/redis-skip.ts';
import { LiveClient, sleep } from './live-client.ts';
import { useKillableService } from './killable-service.ts';
import { TrainingClient } from './training-client.ts';

const TTL_MS = 3000;

const redisMissing = skipWithoutRedis('multi-process expiry');

describe.skipIf(redisMissing)('a process of the service killed without cleanup', () => {
  const service = useKillableService('twin-expiry-', { demoCatalog: true });
  const dir = service.dir;
  const client = (url: string) => service.connect(new TrainingClient(url));

  it("expires its sessions within 2 × TTL: B stops listing them, ends its viewers' relays, and runs the public plant", async () => {
    // Process A (a child process) takes the public plant lock first; B starts after it and relays A's plant.
    const a = await service.spawnChild<{ url: string; publicId: string | null }>('cluster-child.ts', [service.redisUrl, dir, String(TTL_MS)]);
    expect(a.publicId).not.toBeNull();
    const b = (service.server = await startTwinServer({
      port: 0,
      host: '127.0.0.1',
      dbPath: join(dir, 'b.db'),
      experimentThreads: 0,
      publicSpeed: 600,
      catalog: new ModelCatalog(join(dir, 'models'), SCENARIOS_DIR, join(dir, 'user-scenarios')),
      redisUrl: service.redisUrl,
      redisTtlMs: TTL_MS,
    }));
    expect(b.publicSession).toBeNull();

    // A private session on A too, with a viewer on B.
    const owner = await client(a.url);
    const created = await owner.ok<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 600, user: 'owner' });
    const viewer = await client(b.url);
    const listOnB = async () => (await viewer.ok<SessionInfo[]>({ type: 'listSessions' })).map((s) => s.id);
    const ofA = [a.publicId!, created.sessionId];
    let listed: string[] = [];
    for (const end = Date.now() + 10_000; !ofA.every((id) => listed.includes(id)) && Date.now() < end; await sleep(200)) listed = await listOnB();
    expect(listed).toEqual(expect.arrayContaining(ofA));
    await viewer.ok({ type: 'joinSession', sessionId: created.sessionId });
    await viewer.until(() => viewer.frames.length >= 5, 20_000, "A's frames on B");
    const publicViewer = await client(b.url);
    await publicViewer.ok({ type: 'joinSession', sessionId: a.publicId! });
    await publicViewer.until(() => publicViewer.frames.length >= 5, 20_000, "A's public plant on B");

    // An exercise in B with a trainee connected to A.
    const instructor = await client(b.url);
    const started = await instructor.trainOk<{ sessionId: string; controllerToken: string; code: string }>({ type: 'startTraining', script: 'demo-line-stacker-down', user: 'Irina' });
    await instructor.ok({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'Irina' });
    await instructor.trainOk({ type: 'trainingState' });
    const trainee = await client(a.url);
    const joined = await trainee.trainOk<{ clientId: string }>({ type: 'joinTraining', code: started.code, name: 'Alice' });
    const rosters = () => instructor.training.flatMap((n) => (n.type === 'roster' ? [n.trainees.map((t) => t.clientId)] : []));
    await instructor.until(() => rosters().at(-1)?.includes(joined.clientId) === true, 10_000, "the trainee on A in B's roster");

    // No cleanup at all: the kernel drops A's Redis connections, nothing else happens.
    const killedAt = Date.now();
    await service.killChild();
    const bound = killedAt + 2 * TTL_MS;
    const ended = (c: LiveClient) => c.notices.some((n) => n.type === 'ended');
    while (!(ended(viewer) && ended(publicViewer)) && Date.now() < bound) await sleep(100);
    expect(ended(viewer)).toBe(true);
    expect(ended(publicViewer)).toBe(true);
    while (rosters().at(-1)?.length !== 0 && Date.now() < bound) await sleep(100);
    expect(rosters().at(-1)).toEqual([]);
    listed = await listOnB();
    while (ofA.some((id) => listed.includes(id)) && Date.now() < bound) {
      await sleep(100);
      listed = await listOnB();
    }
    expect(listed.filter((id) => ofA.includes(id))).toEqual([]);
    const late = await viewer.cmd({ type: 'joinSession', sessionId: created.sessionId });
    expect(late.ok === false && late.error.code).toBe('not_found');

    // B took the public plant's lock within 2 × TTL; its own public plant then starts (a worker thread: slow on a busy machine).
    let holder: string | null = null;
    while (holder !== b.cluster!.processId && Date.now() < bound) {
      holder = await b.cluster!.redis.get('twin:public-plant');
      if (holder !== b.cluster!.processId) await sleep(100);
    }
    expect(holder).toBe(b.cluster!.processId);
    while (b.publicSession === null && Date.now() < bound + 30_000) await sleep(100);
    expect(b.publicSession).not.toBeNull();
    expect(b.publicSession!.id).not.toBe(a.publicId);
    const publics = (await viewer.ok<SessionInfo[]>({ type: 'listSessions' })).filter((s) => s.public).map((s) => s.id);
    expect(publics).toEqual([b.publicSession!.id]);
  }, 120_000);
});
