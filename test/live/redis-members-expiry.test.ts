/**
 * A process with viewers of another process's session dies without cleanup (SIGKILL: its
 * clients' leaves are never sent). The owning process A drops those members by the rule it
 * uses for a dead process's trainees (redis-cluster.ts): B's request channel loses its
 * subscriber when the kernel closes B's Redis connections, and A gives B up when it is
 * missing at two heartbeats running. With the TTL shortened to 3 s a heartbeat comes every
 * TTL / 3 = 1 s, so the members go within 2 s of the kill; the test allows 2 × TTL = 6 s.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTwinServer } from '../../server/api/twin-server.ts';
import type { ClientInfo, CreateResult, JoinResult, SessionInfo } from '../../server/protocol/messages.ts';
import { skipWithoutRedis } from '../experiments/redis-skip.ts';
import { useKillableService } from './killable-service.ts';
import { LiveClient, sleep } from './live-client.ts';

const TTL_MS = 3000;

const redisMissing = skipWithoutRedis('multi-process member expiry');

describe.skipIf(redisMissing)('the members of a process killed without cleanup', () => {
  const service = useKillableService('twin-members-', { demoCatalog: true });
  const dir = service.dir;
  const client = (url: string) => service.connect(new LiveClient(url));

  it("leave the owner's viewer count and roster within 2 × TTL", async () => {
    const a = (service.server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'a.db'), experimentThreads: 0, publicSession: false, redisUrl: service.redisUrl, redisTtlMs: TTL_MS }));
    const b = await service.spawnChild<{ url: string }>('cluster-child.ts', [service.redisUrl, dir, String(TTL_MS)]);

    const owner = await client(a.url);
    const created = await owner.ok<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 600, user: 'owner' });
    const viewer = await client(b.url);
    let joined: JoinResult | undefined;
    for (const end = Date.now() + 10_000; joined === undefined && Date.now() < end; await sleep(200)) {
      const reply = await viewer.cmd<JoinResult>({ type: 'joinSession', sessionId: created.sessionId, user: 'on-b' });
      if (reply.ok) joined = reply.result; // B knows the session once it has read the registry
    }
    expect(joined?.role).toBe('viewer');
    const viewersOnA = () => a.manager.list().find((s: SessionInfo) => s.id === created.sessionId)?.viewers;
    const rosterIds = async () => (await owner.ok<ClientInfo[]>({ type: 'listClients' })).map((c) => c.clientId);
    for (const end = Date.now() + 10_000; viewersOnA() !== 2 && Date.now() < end; ) await sleep(100);
    expect(viewersOnA()).toBe(2);
    expect(await rosterIds()).toContain(joined!.clientId);

    const killedAt = Date.now();
    await service.killChild();
    while (viewersOnA() !== 1 && Date.now() < killedAt + 2 * TTL_MS) await sleep(100);
    expect(viewersOnA()).toBe(1);
    expect(await rosterIds()).toEqual([created.clientId]);
    const lastRoster = () => owner.notices.findLast((n) => n.type === 'roster');
    await owner.until(() => lastRoster()?.type === 'roster' && lastRoster()!.clients.length === 1, 5_000, "a roster notice without the dead process's viewer");
  }, 120_000);
});
