import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FRAME_NODE_ARRAYS, type Command, type CreateResult, type ErrorReply, type Reply } from '../../server/protocol/messages.ts';
import { LiveClient, sleep } from '../live/live-client.ts';
import { useLiveTestServer } from '../live/test-server.ts';
import { NAMED_LINE, mutate, mutationArb } from './mutate.ts';
import { DEFAULT_ADDRESS_LIMITS, FLOOD_REFUSALS } from '../../server/live/address-budgets.ts';

/**
 * Random and mutated commands from a real socket.io client against a real server:
 * every one gets a reply (never "internal"), refusals name the field, the session
 * keeps running with a consistent state, floods are cut off by the rate limit, and
 * oversized messages and unknown events are refused without harm to anyone else.
 */
/** The fuzzing pace: half the address's command budget, so commands are judged, not throttled. */
const COMMANDS_PER_SECOND = 50;
const BUDGET = DEFAULT_ADDRESS_LIMITS.commandsPerSecond; // points per address per second (server/live/address-budgets.ts)
const live = useLiveTestServer({ publicSession: true, publicSpeed: 600 });
const client = () => live.client();

/** Starting a session spawns a worker thread: allow a loaded machine more than LiveClient's 10 s default. */
async function createSession(owner: LiveClient, play = true): Promise<CreateResult> {
  const reply = await owner.cmd<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 2000, play }, 60_000);
  if (!reply.ok) throw new Error(`createSession refused: ${reply.error.message}`);
  return reply.result;
}

/** Commands an owner may legitimately send, as seeds for mutation (nothing that leaves or resets the session). */
const SEEDS: Command[] = [
  { type: 'setParam', nodeId: 'stacker', field: 'cycle', value: { dist: 'exponential', mean: 30 } },
  { type: 'setParam', nodeId: 'stack-buffer', field: 'capacity', value: 20 },
  { type: 'setParam', nodeId: 'eol', field: 'yield', value: 0.98 },
  { type: 'setParam', nodeId: 'aging', field: 'time', value: { dist: 'constant', value: 3600 } },
  { type: 'setSpeed', speed: 2000 },
  { type: 'step', dtS: 60 },
  { type: 'injectBreakdown', nodeId: 'eol', server: 0 },
  { type: 'clearBreakdown', nodeId: 'eol' },
  { type: 'play' },
  { type: 'snapshot' },
  { type: 'listSessions' },
];

function checkRefusal(raw: unknown, reply: Reply): void {
  expect(reply, `a reply to ${JSON.stringify(raw)}`).toBeTypeOf('object');
  if (reply.ok) return;
  const err = (reply as ErrorReply).error;
  expect(err.code, `${JSON.stringify(raw)} → ${err.message}`).not.toBe('internal');
  expect(err.message.length).toBeGreaterThan(0);
  if (err.code === 'invalid' && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const line of err.problems ?? [err.message]) expect(line, `problem line for ${JSON.stringify(raw)}`).toMatch(NAMED_LINE);
  }
}

/** Replies as they come, paced under the rate limit so each command is judged, not just throttled. */
async function sendPaced(c: LiveClient, raw: unknown): Promise<Reply> {
  await sleep(1000 / COMMANDS_PER_SECOND + 4);
  return c.cmd(raw);
}

describe('socket commands under fuzzing', () => {
  it('random messages get a refusal that names the field; the session runs on, consistent', async () => {
    const owner = await client();
    const created = await createSession(owner);
    const viewer = await client();
    await viewer.ok({ type: 'joinSession', sessionId: created.sessionId });
    const samples = fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: 88, numRuns: 120 });
    for (const raw of samples) checkRefusal(raw, await sendPaced(owner, raw));
    // Also as an object with a type, the shape a confused client sends.
    const typed = fc.sample(fc.record({ type: fc.constantFrom(...SEEDS.map((s) => s.type), 'hack', ''), extra: fc.jsonValue({ maxDepth: 2 }) }), { seed: 89, numRuns: 60 });
    for (const raw of typed) {
      const reply = await sendPaced(owner, raw);
      checkRefusal(raw, reply);
      expect(reply.ok, `${JSON.stringify(raw)} has an unknown field`).toBe(false);
    }
    await expectHealthy(owner, viewer, created.sessionId);
  });

  it('mutated valid commands are applied or refused field by field, never crash the session', async () => {
    const owner = await client();
    const created = await createSession(owner);
    const viewer = await client();
    await viewer.ok({ type: 'joinSession', sessionId: created.sessionId });
    const cases = fc.sample(fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutationArb, { minLength: 1, maxLength: 2 })), { seed: 90, numRuns: 200 });
    let refused = 0;
    for (const [seed, muts] of cases) {
      const raw = mutate(seed, muts);
      // Leaving or switching sessions is legal but ends this test's session for the sender.
      if (['leaveSession', 'joinSession', 'createSession', 'reset'].includes((raw as { type?: string }).type ?? '')) continue;
      const reply = await sendPaced(owner, raw);
      checkRefusal(raw, reply);
      if (!reply.ok) refused++;
    }
    expect(refused, 'most mutations break the command').toBeGreaterThan(50);
    await expectHealthy(owner, viewer, created.sessionId);
  });

  it('a viewer is refused every control command, and nothing changes', async () => {
    const owner = await client();
    const created = await createSession(owner, false);
    const viewer = await client();
    await viewer.ok({ type: 'joinSession', sessionId: created.sessionId });
    await viewer.until(() => viewer.snapshots.length > 0, 10_000, 'viewer snapshot');
    const t0 = live.server.manager.get(created.sessionId)!.info().simTimeS;
    for (const cmd of SEEDS.filter((s) => !['snapshot', 'listSessions'].includes(s.type))) {
      const reply = await sendPaced(viewer, cmd);
      expect(reply.ok, cmd.type).toBe(false);
      expect((reply as ErrorReply).error.code).toBe('forbidden');
    }
    await sleep(300);
    expect(live.server.manager.get(created.sessionId)!.info()).toMatchObject({ running: false, simTimeS: t0 });
  });

  it('a flood from one client is cut off by the rate limit, then disconnected; other clients keep their frames', async () => {
    await sleep(1100); // the previous test's commands may have opened this address's one-second window: start a fresh one
    const flooder = await client();
    const watcher = await client();
    await watcher.ok({ type: 'joinSession', sessionId: live.server.publicSession!.id });
    await watcher.until(() => watcher.frames.length > 5, 10_000, 'public frames');
    const gone = new Promise<string>((resolve) => flooder.socket.once('disconnect', (reason) => resolve(reason)));
    const settled = await Promise.allSettled(Array.from({ length: 400 }, () => flooder.cmd({ type: 'listSessions' })));
    const replies = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const ok = replies.filter((r) => r.ok).length;
    const limited = replies.filter((r) => !r.ok && r.error.code === 'unavailable' && /too many commands/.test(r.error.message));
    expect(ok + limited.length).toBe(replies.length);
    // One-second windows of BUDGET points per address (the watcher's join spent 2 of the first): the burst
    // spans one window or two, so between BUDGET − 2 and 2 × BUDGET pass, well under 400.
    expect(ok).toBeGreaterThanOrEqual(BUDGET - 2);
    expect(ok).toBeLessThanOrEqual(2 * BUDGET);
    // A client that keeps sending after FLOOD_REFUSALS refusals in a row is told so and disconnected; the rest of its burst is lost.
    expect(limited.length).toBeGreaterThanOrEqual(FLOOD_REFUSALS);
    const cutAt = replies.findIndex((r) => !r.ok && /this connection is closed/.test(r.error.message));
    expect(cutAt).toBeGreaterThanOrEqual(0);
    expect(await gone).toBe('io server disconnect');
    // Nothing is carried out after the cut-off. Commands still unread when the connection closed are lost
    // with it: how many depends on how the burst reached the server (one read or several), so none may be.
    expect(replies.slice(cutAt).filter((r) => r.ok).length, 'commands carried out after the cut-off').toBe(0);
    for (const r of settled) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/disconnect|timed? ?out|closed/i);
    const before = watcher.frames.length;
    await watcher.until(() => watcher.frames.length > before + 5, 10_000, 'frames for the other client after the flood');
    await sleep(1200); // the window is one second: after it a new connection from the address may command again
    const again = await client();
    expect((await again.cmd({ type: 'listSessions' })).ok).toBe(true);
  });

  it('refuses oversized messages and ignores unknown events without harm to others', async () => {
    await sleep(1100); // a fresh budget window for this address, whatever the flood test before left
    const watcher = await client();
    await watcher.ok({ type: 'joinSession', sessionId: live.server.publicSession!.id });
    const big = await client();
    const gone = new Promise<string>((resolve) => big.socket.on('disconnect', (reason) => resolve(reason)));
    big.socket.emit('cmd', { type: 'setSpeed', speed: 10, pad: 'x'.repeat(200_000) });
    // The server drops a connection that sends more than maxHttpBufferSize (16 KiB) in one message.
    expect(await gone).toMatch(/transport close|transport error|server disconnect/);

    const odd = await client();
    odd.socket.emit('evil', { type: 'play' });
    odd.socket.emit('frame', { n: 1 });
    odd.socket.emit('cmd'); // no payload, no ack
    const reply = await odd.cmd({ type: 'teleport', sessionId: 'x' });
    expect(reply.ok).toBe(false);
    expect((reply as ErrorReply).error.problems?.[0]).toMatch(/^type: must be one of/);
    const before = watcher.frames.length;
    await watcher.until(() => watcher.frames.length > before + 5, 10_000, 'frames after the bad clients');
    expect((await fetch(`${live.server.url}/api/health`)).status).toBe(200);
  });
});

/** The session still runs, and the state the viewer rebuilt from deltas equals a fresh snapshot. */
async function expectHealthy(owner: LiveClient, viewer: LiveClient, sessionId: string): Promise<void> {
  const session = live.server.manager.get(sessionId);
  expect(session, 'the session survived').toBeDefined();
  await owner.ok({ type: 'clearBreakdown', nodeId: 'eol' }).catch(() => undefined);
  await owner.ok({ type: 'play' });
  const t0 = viewer.lastFrame?.t ?? 0;
  await viewer.until(() => (viewer.lastFrame?.t ?? 0) > t0, 10_000, 'the clock to move after the fuzzing');
  await owner.ok({ type: 'pause' });
  await sleep(300);
  const n = viewer.snapshots.length;
  await viewer.ok({ type: 'snapshot' });
  await viewer.until(() => viewer.snapshots.length > n, 10_000, 'a fresh snapshot');
  const fresh = viewer.snapshots.at(-1)!;
  expect(viewer.gaps).toBe(0);
  for (const name of FRAME_NODE_ARRAYS) expect(fresh.frame[name].length).toBe(fresh.nodes.length);
  expect(live.server.manager.list().some((s) => s.id === sessionId)).toBe(true);
}
