/**
 * A session's members across the processes of a service: the process that runs the session
 * (the owner's, A) counts, lists and grants control to viewers connected to another process
 * (B) as to its own. Waits poll: B's list re-reads the registry when its copy is over a
 * second old, and A rewrites the session's entry when a member of B joins or leaves.
 */
import { describe, expect, it } from 'vitest';
import type { TwinServer } from '../../server/api/twin-server.ts';
import type { ClientInfo, ControlResult, CreateResult, JoinResult, Notice, SessionInfo } from '../../server/protocol/messages.ts';
import { skipWithoutRedis } from '../experiments/redis-skip.ts';
import { useTwoServers } from './two-servers.ts';
import { LiveClient, sleep } from './live-client.ts';

const redisMissing = skipWithoutRedis('multi-process members');

/** The session's entry in `server`'s REST session list (anonymous read from 127.0.0.1). */
async function listed(server: TwinServer, id: string): Promise<SessionInfo | undefined> {
  const body = (await (await fetch(`${server.url}/api/sessions`)).json()) as { sessions: SessionInfo[] };
  return body.sessions.find((s) => s.id === id);
}

/** Polls `server`'s list until the session shows `viewers`, then returns that count (or the last one seen). */
async function viewersOn(server: TwinServer, id: string, viewers: number): Promise<number | undefined> {
  let seen: number | undefined;
  for (const end = Date.now() + 10_000; seen !== viewers && Date.now() < end; await sleep(200)) seen = (await listed(server, id))?.viewers;
  return seen;
}

const roleNotices = (c: LiveClient) => c.notices.filter((n): n is Extract<Notice, { type: 'role' }> => n.type === 'role').map((n) => n.role);

describe.skipIf(redisMissing)("a session's members on several processes", () => {
  const servers = useTwoServers((url) => new LiveClient(url));
  const client = (server: TwinServer) => servers.client(server);

  it("counts and lists B's viewer at the owner on A, and control is granted and revoked across processes", async () => {
    const ownerA = await client(servers.a);
    const created = await ownerA.ok<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 600, user: 'instructor' });
    // Only the owner is in it: 1 on A's list, and on B's once B has read the registry.
    expect(await viewersOn(servers.a, created.sessionId, 1)).toBe(1);
    expect(await viewersOn(servers.b, created.sessionId, 1)).toBe(1);

    const viewerB = await client(servers.b);
    const joined = await viewerB.ok<JoinResult>({ type: 'joinSession', sessionId: created.sessionId, user: 'trainee-b' });
    expect(joined.role).toBe('viewer');
    // Owner + B's viewer = 2, on both processes' lists.
    expect(await viewersOn(servers.a, created.sessionId, 2)).toBe(2);
    expect(await viewersOn(servers.b, created.sessionId, 2)).toBe(2);

    // The owner's roster has B's viewer with its name and role; a roster notice told the owner of it.
    const roster = await ownerA.ok<ClientInfo[]>({ type: 'listClients' });
    expect(roster.map((c) => [c.clientId, c.user, c.role]).sort()).toEqual(
      [
        [created.clientId, 'instructor', 'owner'],
        [joined.clientId, 'trainee-b', 'viewer'],
      ].sort(),
    );
    await ownerA.until(() => ownerA.notices.some((n) => n.type === 'roster' && n.clients.some((c) => c.clientId === joined.clientId)), 10_000, "a roster notice naming B's viewer");

    // Without a grant B's viewer is refused; nor may it grant itself control (only the owner grants).
    const before = await viewerB.cmd({ type: 'pause' });
    expect(before.ok ? 'carried out' : before.error.code).toBe('forbidden');
    const selfGrant = await viewerB.cmd({ type: 'grantControl', clientId: joined.clientId, grant: true });
    expect(selfGrant.ok ? 'carried out' : selfGrant.error.code).toBe('forbidden');

    // The owner on A grants control to the client on B: B's client learns its role, and its commands are carried out.
    const granted = await ownerA.ok<ClientInfo[]>({ type: 'grantControl', clientId: joined.clientId, grant: true });
    expect(granted.find((c) => c.clientId === joined.clientId)?.role).toBe('controller');
    await viewerB.until(() => roleNotices(viewerB).at(-1) === 'controller', 10_000, 'the controller role on B');
    const paused = await viewerB.ok<ControlResult>({ type: 'pause' });
    expect(paused.running).toBe(false);
    await ownerA.until(() => ownerA.lastFrame?.r === 0, 10_000, "B's pause seen on A");
    // The grant stays while the client stays: a second command is carried out too. A controller still may not grant.
    const played = await viewerB.ok<ControlResult>({ type: 'play' });
    expect(played.running).toBe(true);
    const controllerGrants = await viewerB.cmd({ type: 'grantControl', clientId: joined.clientId, grant: false });
    expect(controllerGrants.ok ? 'carried out' : controllerGrants.error.code).toBe('forbidden');
    expect((await ownerA.ok<ClientInfo[]>({ type: 'listClients' })).find((c) => c.clientId === joined.clientId)?.role).toBe('controller');

    // Revoked: refused again, at B and at A, whatever role B's relay would claim.
    await ownerA.ok({ type: 'grantControl', clientId: joined.clientId, grant: false });
    await viewerB.until(() => roleNotices(viewerB).at(-1) === 'viewer', 10_000, 'the viewer role on B');
    const after = await viewerB.cmd({ type: 'pause' });
    expect(after.ok ? 'carried out' : after.error.code).toBe('forbidden');
    const claimed = await servers.b.cluster!.call(servers.a.cluster!.processId, { op: 'control', sessionId: created.sessionId, clientId: joined.clientId, role: 'controller', user: 'trainee-b', cmd: { type: 'pause' } });
    expect(claimed.ok ? 'carried out' : claimed.error.code).toBe('forbidden');

    // The owner's token on B: that owner gets the roster notices too (B's viewer never does), and may grant.
    const ownerB = await client(servers.b);
    const asOwner = await ownerB.ok<JoinResult>({ type: 'joinSession', sessionId: created.sessionId, token: created.controllerToken, user: 'owner-on-b' });
    expect(asOwner.role).toBe('owner');
    const rostersOnB = () => ownerB.notices.flatMap((n) => (n.type === 'roster' ? [n.clients.map((c) => c.clientId).sort()] : []));
    await ownerB.until(() => rostersOnB().length > 0, 10_000, 'a roster notice to the owner on B');
    expect(rostersOnB().at(-1)).toEqual([created.clientId, joined.clientId, asOwner.clientId].sort());
    await ownerB.ok({ type: 'grantControl', clientId: joined.clientId, grant: true });
    await viewerB.until(() => roleNotices(viewerB).at(-1) === 'controller', 10_000, "the grant from B's owner");
    await ownerB.ok({ type: 'grantControl', clientId: joined.clientId, grant: false });
    await viewerB.until(() => roleNotices(viewerB).at(-1) === 'viewer', 10_000, "the revoke from B's owner");
    expect(viewerB.notices.filter((n) => n.type === 'roster')).toEqual([]);
    await ownerB.ok({ type: 'leaveSession' });

    // A join and a leave lost on the way (as while Redis was away) are made good at B's next heartbeat (every TTL / 3 = 5 s):
    // B's viewer, dropped at A, comes back; a member A thinks B has, but B has not, goes.
    const atA = servers.a.manager.get(created.sessionId)!;
    atA.members.leftElsewhere(joined.clientId);
    atA.members.joinedElsewhere({ clientId: 'ghost', user: 'ghost', role: 'viewer', joinedAt: new Date().toISOString(), process: servers.b.cluster!.processId });
    const idsAtA = () => atA.roster().map((c) => c.clientId).sort();
    for (const end = Date.now() + 15_000; idsAtA().includes('ghost') && Date.now() < end; ) await sleep(200);
    expect(idsAtA()).toEqual([created.clientId, joined.clientId].sort());
    expect(atA.members.elsewhere.get(joined.clientId)?.role).toBe('viewer');

    // B's viewer leaves: the count drops back to the owner alone on both lists, and the owner's roster loses it.
    await viewerB.ok({ type: 'leaveSession' });
    expect(await viewersOn(servers.a, created.sessionId, 1)).toBe(1);
    expect(await viewersOn(servers.b, created.sessionId, 1)).toBe(1);
    expect((await ownerA.ok<ClientInfo[]>({ type: 'listClients' })).map((c) => c.clientId)).not.toContain(joined.clientId);
    // A grant to a client that left fails.
    const gone = await ownerA.cmd({ type: 'grantControl', clientId: joined.clientId, grant: true });
    expect(gone.ok ? 'carried out' : gone.error.code).toBe('not_found');
  }, 60_000);
});
