/**
 * A whole exercise over the live server: the instructor starts a script in its lobby,
 * two trainees join by name with the join code (the roster is pushed to the instructor,
 * never to trainees), nothing may act before the start; the first prompt holds the plant
 * at exactly its sim time until the instructor resumes; a granted trainee acts, an
 * ungranted one gets a refusal code; "End exercise" stores the run and tells everyone
 * (`ended` with the run id); the ended session is gone from the list and its code no
 * longer admits anyone; the stored run debriefs and replays to the same log.
 */
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../server/protocol/messages.ts';
import type { Debrief, TrainingLogEntry, TrainingState } from '../../server/protocol/training-messages.ts';
import { TrainingClient } from '../live/training-client.ts';
import { useLiveTestServer } from '../live/test-server.ts';

const live = useLiveTestServer({ publicSession: false });

async function member(): Promise<TrainingClient> {
  const c = live.track(new TrainingClient(live.server.url));
  await c.connected();
  return c;
}

const stripWall = (log: TrainingLogEntry[]) => log.map(({ wall: _w, ...e }) => e);

describe('a training exercise', () => {
  it('lobby, join by code, live roster, prompt hold and resume, secrets, refusal codes, end, stored run, replay', async () => {
    const instructor = await member();
    const started = await instructor.trainOk<{ sessionId: string; controllerToken: string; code: string }>({ type: 'startTraining', script: 'demo-line-stacker-down', user: 'Irina' });
    expect(started.code).toMatch(/^[A-Z0-9]{6}$/);
    await instructor.ok({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'Irina' });
    const lobby = await instructor.trainOk<TrainingState>({ type: 'trainingState' });
    expect(lobby.phase).toBe('lobby');
    expect(lobby.code).toBe(started.code);
    expect(lobby.title).toMatch(/^Demo line: stacker breakdown and a rush order — Irina, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    // The script's Russian name titles it on a Russian page: the same instructor and start time.
    expect(lobby.titleRu).toBe(lobby.title.replace('Demo line: stacker breakdown and a rush order', 'Демо-линия: отказ стекера и срочный заказ'));
    const listed = await instructor.ok<SessionInfo[]>({ type: 'listSessions' });
    expect(listed.find((s) => s.id === started.sessionId)).toMatchObject({ name: lobby.title, nameRu: lobby.titleRu });
    expect(lobby.clock.pace).toBe(60); // the script names no pace: the default, not its replay speed of 600

    const [alice, bob] = [await member(), await member()];
    const bad = await alice.train({ type: 'joinTraining', code: 'ZZZZZZ', name: 'Alice' });
    expect(bad.ok === false && bad.error.refusal?.key).toBe('unknownCode');
    const joinA = await alice.trainOk<{ sessionId: string; clientId: string }>({ type: 'joinTraining', code: started.code.toLowerCase(), name: 'Alice' });
    expect(joinA.sessionId).toBe(started.sessionId);
    // The roster reaches the instructor without asking.
    await instructor.until(() => instructor.training.some((n) => n.type === 'roster' && n.trainees.some((t) => t.user === 'Alice')), 5000, 'the roster push');
    const taken = await bob.train({ type: 'joinTraining', code: started.code, name: 'alice' });
    expect(taken.ok === false && taken.error.refusal).toEqual({ key: 'nameTaken', params: { name: 'alice' } });
    const joinB = await bob.trainOk<{ clientId: string }>({ type: 'joinTraining', code: started.code, name: 'Bob' });
    await instructor.until(() => instructor.training.some((n) => n.type === 'roster' && n.trainees.length === 2), 5000, 'the second roster push');
    const list = await instructor.ok<SessionInfo[]>({ type: 'listSessions' });
    expect(list.find((s) => s.id === started.sessionId)?.training).toEqual({ scriptId: 'demo-line-stacker-down', phase: 'lobby', trainees: 2, replayOf: null });

    // Training secrets: a trainee sees no reference actions, no events to come, no code, no one else.
    const aliceState = await alice.trainOk<TrainingState>({ type: 'trainingState' });
    expect(aliceState.script.reference).toEqual([]);
    expect(aliceState.script.events).toEqual([]);
    expect(aliceState.code).toBeUndefined();
    expect(aliceState.trainees.map((t) => t.clientId)).toEqual([joinA.clientId]);
    expect(JSON.stringify(aliceState)).not.toContain(joinB.clientId);
    expect(aliceState.you).toMatchObject({ name: 'Alice', role: 'trainee', granted: false });
    expect(bob.training.some((n) => n.type === 'roster')).toBe(false);
    const noDebrief = await alice.train({ type: 'debrief' });
    expect(noDebrief.ok === false && noDebrief.error.code).toBe('forbidden');

    // Nothing happens in the lobby: trainees may not act yet, the plant stands at 0.
    await instructor.trainOk({ type: 'grantActions', clientId: joinA.clientId, grant: true });
    await alice.until(() => alice.training.some((n) => n.type === 'you' && n.you.granted), 5000, 'the grant');
    const early = await alice.train({ type: 'act', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 30 } });
    expect(early.ok === false && early.error.refusal?.key).toBe('notStarted');
    const notMine = await bob.train({ type: 'beginExercise' });
    expect(notMine.ok === false && notMine.error.refusal?.key).toBe('instructorOnly');

    // Start at 600×: the first prompt (script event 0 at 600 s) holds the plant exactly there.
    await instructor.trainOk({ type: 'setPace', pace: 600 });
    await instructor.trainOk({ type: 'beginExercise' });
    for (const m of [alice, bob]) await m.until(() => m.training.some((n) => n.type === 'clock' && n.clock.held?.eventIndex === 0), 15_000, 'the prompt hold');
    expect(alice.training.some((n) => n.type === 'event' && n.event.index === 0 && n.event.prompt !== undefined)).toBe(true);
    await alice.until(() => alice.lastFrame?.r === 0 && alice.lastFrame.t === 600, 5000, 'a paused frame at 600 s');

    // Refusal codes: the stacker is not broken yet, so no crew is waiting for it; Bob has no grant.
    const crew = await alice.train({ type: 'act', act: { action: 'dispatchCrew', nodeId: 'stacker' } });
    expect(crew.ok === false && crew.error.refusal).toEqual({ key: 'crewNotWaiting', params: { nodeId: 'stacker', pool: 'maint' } });
    const bobAct = await bob.train({ type: 'act', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 5 } });
    expect(bobAct.ok === false && bobAct.error.refusal?.key).toBe('notGranted');
    const entry = await alice.trainOk<TrainingLogEntry>({ type: 'act', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 30 } });
    expect(entry).toMatchObject({ by: 'Alice', role: 'trainee', at: 600 });
    // Bob is not told what Alice did (her identity is the instructor's to see); the instructor is.
    await instructor.until(() => instructor.training.some((n) => n.type === 'action' && n.entry.by === 'Alice'), 5000, 'the action notice');
    expect(bob.training.some((n) => n.type === 'action' && n.entry.by === 'Alice')).toBe(false);

    // Skip the rush order (event 2), delay the stacker breakdown (event 1) by an hour, resume.
    await instructor.trainOk({ type: 'skipEvent', index: 2 });
    await instructor.trainOk({ type: 'delayEvent', index: 1, byS: 3600 });
    const plan = await instructor.trainOk<TrainingState>({ type: 'trainingState' });
    expect(plan.plan?.slice(0, 3)).toEqual([
      { index: 0, at: 600, status: 'fired' },
      { index: 1, at: 7200, status: 'pending' },
      { index: 2, at: 14400, status: 'skipped' },
    ]);
    await instructor.trainOk({ type: 'resume' });
    // The next prompt is the delayed breakdown, at 3600 + 3600 s.
    await alice.until(() => alice.training.some((n) => n.type === 'clock' && n.clock.held?.eventIndex === 1), 20_000, 'the second hold');
    const held = alice.training.filter((n) => n.type === 'clock').at(-1);
    expect(held?.type === 'clock' && held.clock.held?.atS).toBe(7200);
    const state = await instructor.trainOk<TrainingState>({ type: 'trainingState' });

    // End: stored, everyone told, gone from the list, the code admits no one.
    await instructor.trainOk({ type: 'endExercise' });
    for (const m of [instructor, alice, bob]) await m.until(() => m.training.some((n) => n.type === 'ended' && n.runId === started.sessionId), 10_000, 'the ended notice');
    const after = await bob.ok<SessionInfo[]>({ type: 'listSessions' });
    expect(after.some((s) => s.id === started.sessionId)).toBe(false);
    const late = await (await member()).train({ type: 'joinTraining', code: started.code, name: 'Carol' });
    expect(late.ok === false && late.error.refusal?.key).toBe('unknownCode');
    const run = live.server.history.get(started.sessionId);
    expect(run?.status).toBe('finished');
    const stored = await fetch(`${live.server.url}/api/training/${started.sessionId}/log`).then((r) => r.json() as Promise<{ log: TrainingLogEntry[] }>);
    expect(stripWall(stored.log)).toEqual(stripWall(state.log));
    const debrief = await fetch(`${live.server.url}/api/training/${started.sessionId}/debrief`).then((r) => r.json() as Promise<Debrief>);
    expect(debrief.trainees).toEqual([
      { user: 'Alice', team: null, actions: 1 },
      { user: 'Bob', team: null, actions: 0 },
    ]);

    // The replay applies the same log (skip and delay included) at the same event counts.
    const replayer = await member();
    const again = await replayer.trainOk<{ sessionId: string; controllerToken: string }>({ type: 'replay', runId: started.sessionId, speed: 'max' });
    await replayer.ok({ type: 'joinSession', sessionId: again.sessionId, token: again.controllerToken });
    await replayer.until(() => (replayer.lastFrame?.t ?? 0) > 8000, 20_000, 'the replay');
    const replayed = await replayer.trainOk<TrainingState>({ type: 'trainingState' });
    expect(stripWall(replayed.log)).toEqual(stripWall(state.log));
    expect(replayed.fired.find((r) => r.index === 1)?.at).toBe(7200);
    expect(replayed.fired.some((r) => r.index === 2)).toBe(false);

    // The train channel is rate-limited per connection (10 a second): a burst of 15 gets refusals that say so.
    const hasty = await member();
    const burst = await Promise.all(Array.from({ length: 15 }, () => hasty.train({ type: 'trainingState' })));
    const limited = burst.filter((r) => !r.ok && r.error.refusal?.key === 'tooFast');
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]).toMatchObject({ error: { code: 'unavailable', refusal: { params: { limit: 10 } } } });
  }, 120_000);
});
