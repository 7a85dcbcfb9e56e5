import { describe, expect, it } from 'vitest';
import { DOWN, FRAME_NODE_ARRAYS, type ControlResult, type CreateResult, type Snapshot } from '../../server/protocol/messages.ts';
import { LiveClient, sleep } from './live-client.ts';
import { useLiveTestServer } from './test-server.ts';

const live = useLiveTestServer({ publicSession: true, publicSpeed: 600 });
const client = live.client;

/** A private session on the demo line, created by a fresh owner client. */
async function ownedSession(speed: number | 'max' = 2000): Promise<{ owner: LiveClient; created: CreateResult }> {
  const owner = await client();
  const created = await owner.ok<CreateResult>({ type: 'createSession', model: 'demo-line', speed, user: 'instructor' });
  await owner.until(() => owner.snapshots.length > 0, 10_000, 'the owner snapshot');
  return { owner, created };
}

describe('live sessions over Socket.IO', () => {
  it('refuses a client that speaks another protocol version', async () => {
    const c = live.track(new LiveClient(live.server.url, { protocol: 999 }));
    await expect(c.connected()).rejects.toThrow(/protocol version mismatch/);
  });

  it('gives a viewer joining mid-run a snapshot that the following deltas build on', async () => {
    const sessionId = live.server.publicSession!.id;
    await sleep(300); // the public session has been running for a while
    const viewer = await client();
    const joined = await viewer.ok<{ role: string }>({ type: 'joinSession', sessionId });
    expect(joined.role).toBe('viewer');
    await viewer.until(() => viewer.frames.length >= 5, 10_000, 'five frames');
    const snap = viewer.snapshots[0];
    const n = snap.nodes.length;
    expect(snap.model.nodes.map((x) => x.id)).toEqual(snap.nodes.map((x) => x.id));
    expect(snap.frame.k).toBe(1);
    for (const arr of [snap.frame.st, snap.frame.lv, snap.frame.ct]) expect(arr).toHaveLength(n);
    expect(snap.session.simTimeS).toBe(snap.frame.t);
    expect(snap.kpiHistory.at(-1)).toEqual(snap.frame.kp);
    expect(snap.frame.t).toBeGreaterThan(0);
    // The first frame after the snapshot continues from it.
    expect(viewer.frames[0].frame.n).toBe(snap.frame.n + 1);
    expect(viewer.frames[0].frame.k).toBe(0);
    expect(viewer.gaps).toBe(0);
    expect(viewer.frames.at(-1)!.frame.t).toBeGreaterThan(snap.frame.t);
  });

  it('pauses, steps by one event and by a time, and resumes; the rebuilt state equals a fresh snapshot', async () => {
    const { owner } = await ownedSession(2000);
    await owner.until(() => (owner.lastFrame?.t ?? 0) > 0, 10_000, 'the clock to run');
    const paused = await owner.ok<ControlResult>({ type: 'pause' });
    expect(paused.running).toBe(false);
    await sleep(300);
    expect(owner.lastFrame!.t).toBe(paused.simTimeS);
    expect(owner.lastFrame!.r).toBe(0);

    const one = await owner.ok<ControlResult>({ type: 'step' });
    expect(one.eventsFired).toBe(paused.eventsFired + 1);
    expect(one.simTimeS).toBeGreaterThanOrEqual(paused.simTimeS);
    const byTime = await owner.ok<ControlResult>({ type: 'step', dtS: 120 });
    expect(byTime.simTimeS).toBeCloseTo(one.simTimeS + 120, 6);
    expect(byTime.running).toBe(false);
    await owner.until(() => owner.lastFrame!.t === byTime.simTimeS, 5000, 'the frame after the step');

    // Deltas applied since the join must add up to the server's current keyframe.
    const before = owner.snapshots.length;
    await owner.ok({ type: 'snapshot' });
    await owner.until(() => owner.snapshots.length > before, 5000, 'the requested snapshot');
    const fresh: Snapshot = owner.snapshots.at(-1)!;
    expect(fresh.frame.t).toBe(byTime.simTimeS);
    expect(owner.gaps).toBe(0);
    for (const name of FRAME_NODE_ARRAYS) expect(owner.state[name], name).toEqual(fresh.frame[name]);

    const resumed = await owner.ok<ControlResult>({ type: 'play' });
    expect(resumed.running).toBe(true);
    await owner.until(() => owner.lastFrame!.t > byTime.simTimeS + 100, 10_000, 'the clock to run again');
  });

  it('refuses commands from viewers, honours granted control, and the owner lock', async () => {
    const { owner, created } = await ownedSession(500);
    const viewer = await client();
    await viewer.ok({ type: 'joinSession', sessionId: created.sessionId, user: 'trainee' });
    for (const cmd of [{ type: 'pause' }, { type: 'setSpeed', speed: 10 }, { type: 'reset' }, { type: 'injectBreakdown', nodeId: 'stacker' }, { type: 'lock', locked: true }, { type: 'listClients' }]) {
      const reply = await viewer.cmd(cmd);
      expect(reply.ok, JSON.stringify(cmd)).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('forbidden');
    }
    const tBefore = viewer.lastFrame?.t ?? viewer.snapshots[0].frame.t;
    await viewer.until(() => (viewer.lastFrame?.t ?? 0) > tBefore, 5000, 'the session to keep running');
    expect(viewer.lastFrame!.r).toBe(1);
    expect(viewer.lastFrame!.x).toBe(500);

    // The owner sees who is connected and grants control.
    const roster = await owner.ok<{ clientId: string; user: string; role: string }[]>({ type: 'listClients' });
    const trainee = roster.find((c) => c.user === 'trainee')!;
    expect(trainee.role).toBe('viewer');
    await owner.ok({ type: 'grantControl', clientId: trainee.clientId, grant: true });
    await viewer.until(() => viewer.notices.some((n) => n.type === 'role' && n.role === 'controller'), 5000, 'the role notice');
    expect((await viewer.ok<ControlResult>({ type: 'pause' })).running).toBe(false);

    await owner.ok({ type: 'lock', locked: true });
    const locked = await viewer.cmd({ type: 'play' });
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.error.message).toMatch(/locked/);
    expect((await owner.ok<ControlResult>({ type: 'injectBreakdown', nodeId: 'stacker' })).running).toBe(false);
    await viewer.until(() => viewer.notices.some((n) => n.type === 'breakdown' && n.nodeId === 'stacker'), 5000, 'the breakdown notice');
  });

  it('answers malformed and inapplicable commands with errors and keeps the session running', async () => {
    const { owner } = await ownedSession(1000);
    const cases: [unknown, string, RegExp][] = [
      ['not an object', 'invalid', /must be one of/],
      [{ type: 'launchMissiles' }, 'invalid', /type: must be one of/],
      [{ type: 'setParam', nodeId: 'stacker', field: 'cycle', value: { dist: 'constant', value: -1 } }, 'invalid', /value\.value: must be > 0/],
      [{ type: 'setSpeed', speed: 1e9 }, 'invalid', /speed: must be <= 100000/],
      [{ type: 'setParam', nodeId: 'ghost', field: 'yield', value: 0.5 }, 'not_found', /ghost/],
      [{ type: 'setParam', nodeId: 'stack-buffer', field: 'cycle', value: { dist: 'constant', value: 5 } }, 'invalid', /applies to machines/],
      [{ type: 'injectBreakdown', nodeId: 'stacker', server: 7 }, 'invalid', /server:/],
      [{ type: 'joinSession', sessionId: 'nope' }, 'not_found', /nope/],
      [{ type: 'createSession', model: 'no-such-model' }, 'not_found', /no model "no-such-model"/],
    ];
    for (const [cmd, code, message] of cases) {
      const reply = await owner.cmd(cmd);
      expect(reply.ok, JSON.stringify(cmd)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code, JSON.stringify(cmd)).toBe(code);
        expect(reply.error.message).toMatch(message);
      }
    }
    // Nothing changed: still running at the same speed, the stacker is not broken down.
    const t = owner.lastFrame?.t ?? owner.snapshots[0].frame.t;
    await owner.until(() => (owner.lastFrame?.t ?? 0) > t, 5000, 'the clock to keep running');
    expect(owner.lastFrame!.x).toBe(1000);
    const stacker = owner.snapshots[0].nodes.findIndex((n) => n.id === 'stacker');
    expect(owner.state.st[stacker]).not.toBe(DOWN);
    // A valid edit still works afterwards and reaches the model in the next snapshot.
    await owner.ok({ type: 'setParam', nodeId: 'stack-buffer', field: 'capacity', value: 3 });
    await owner.ok({ type: 'snapshot' });
    await owner.until(() => owner.snapshots.at(-1)!.nodes.find((n) => n.id === 'stack-buffer')!.capacity === 3, 5000, 'the edited capacity');
    const spec = owner.snapshots.at(-1)!.model.nodes.find((n) => n.id === 'stack-buffer') as { capacity: number };
    expect(spec.capacity).toBe(3);
  });

  it('resets to time zero and sends everyone a new snapshot', async () => {
    const { owner } = await ownedSession(5000);
    await owner.until(() => owner.lastFrame !== undefined && owner.lastFrame.t > 1000, 10_000, 'some simulated time');
    const snapshots = owner.snapshots.length;
    await owner.ok({ type: 'reset', seed: 7 });
    await owner.until(() => owner.snapshots.length > snapshots, 5000, 'the snapshot after reset');
    const snap = owner.snapshots.at(-1)!;
    expect(snap.session.seed).toBe(7);
    expect(snap.frame.t).toBeLessThan(1000);
    expect(snap.kpiHistory.length).toBeLessThanOrEqual(2);
  });

  it('lists sessions over REST and records stopped sessions in the history', async () => {
    const { created } = await ownedSession(100);
    const res = await fetch(`${live.server.url}/api/sessions`);
    const body = (await res.json()) as { sessions: { id: string; viewers: number }[] };
    expect(body.sessions.find((s) => s.id === created.sessionId)?.viewers).toBe(1);
    await live.server.manager.stop(created.sessionId, 'stopped', 'test over');
    const run = live.server.history.get(created.sessionId)!;
    expect(run.status).toBe('stopped');
    expect(run.kind).toBe('session');
    expect(run.kpis).toHaveProperty('throughputPerHour');
  });
});
