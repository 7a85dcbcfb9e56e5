/**
 * A training exercise whose class is spread over two processes of one service (one Redis),
 * as behind a proxy: the exercise runs in process A, where its instructor is; a trainee
 * connects to process B. The trainee joins by the code on B, the instructor on A sees them
 * on the live roster and grants them actions, their refused and accepted actions come back
 * to them on B (the refusal as a key the client says in the trainee's language), the
 * accepted one lands in the exercise on A (its log, its debrief's action count), B's
 * session list shows the exercise's phase and trainee count, the trainee leaving B takes
 * them off A's roster, and the end reaches them on B.
 */
import { describe, expect, it } from 'vitest';
import type { TwinServer } from '../../server/api/twin-server.ts';
import type { CreateResult, JoinResult, SessionInfo } from '../../server/protocol/messages.ts';
import type { Debrief, TrainingLogEntry, TrainingState } from '../../server/protocol/training-messages.ts';
import { refusalText } from '../../client/src/training/refusal-text.ts';
import { useTwoServers } from './two-servers.ts';
import { skipWithoutRedis } from '../experiments/redis-skip.ts';
import { sleep } from './live-client.ts';
import { TrainingClient } from './training-client.ts';

const redisMissing = skipWithoutRedis('multi-process training');

/** SESSION_IDLE_TIMEOUT, short here: a session with nobody inside stops after this long. */
const IDLE_MS = 2000;

describe.skipIf(redisMissing)('a training exercise with its class on two processes', () => {
  const servers = useTwoServers((url) => new TrainingClient(url), { idleStopMs: IDLE_MS });
  const client = (server: TwinServer) => servers.client(server);

  it('a trainee on B joins by code, is granted on A, acts on B, and the action lands in the exercise on A', async () => {
    const instructor = await client(servers.a);
    const started = await instructor.trainOk<{ sessionId: string; controllerToken: string; code: string }>({ type: 'startTraining', script: 'demo-line-stacker-down', user: 'Irina' });
    await instructor.ok({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'Irina' });
    expect((await instructor.trainOk<TrainingState>({ type: 'trainingState' })).phase).toBe('lobby'); // as the instructor's page does on entering

    // Join by code on B: the exercise runs in A only; B relays it.
    const alice = await client(servers.b);
    const wrong = await alice.train({ type: 'joinTraining', code: 'ZZZZZZ', name: 'Alice' });
    expect(wrong.ok === false && wrong.error.refusal?.key).toBe('unknownCode');
    const joined = await alice.trainOk<JoinResult>({ type: 'joinTraining', code: started.code, name: 'Alice' });
    expect(joined).toMatchObject({ sessionId: started.sessionId, role: 'viewer' });
    expect(servers.b.manager.get(started.sessionId)).toBeUndefined();
    await alice.until(() => alice.snapshots.some((s) => s.session.id === started.sessionId), 10_000, "the exercise's snapshot on B");
    // A's roster checks names across processes too: a second "alice" on B is refused, in the trainee's language.
    const twin = await client(servers.b);
    const taken = await twin.train({ type: 'joinTraining', code: started.code, name: 'alice' });
    expect(taken.ok === false && taken.error.refusal).toEqual({ key: 'nameTaken', params: { name: 'alice' } });

    // The instructor's roster on A lists the trainee connected to B, pushed without asking.
    const listsAlice = () => instructor.training.some((n) => n.type === 'roster' && n.trainees.some((t) => t.clientId === joined.clientId && t.user === 'Alice'));
    await instructor.until(listsAlice, 10_000, 'the roster push on A');
    const onA = await instructor.trainOk<TrainingState>({ type: 'trainingState' });
    expect(onA.trainees.map((t) => t.user)).toEqual(['Alice']);
    // The controller token makes an instructor on B too (A checks it): the instructor's view, with the code and the roster.
    const deputy = await client(servers.b);
    expect((await deputy.ok<JoinResult>({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'Irina' })).role).toBe('owner');
    const onB = await deputy.trainOk<TrainingState>({ type: 'trainingState' });
    expect(onB.code).toBe(started.code);
    expect(onB.you?.role).toBe('instructor');
    expect(onB.trainees.map((t) => t.clientId)).toEqual([joined.clientId]);

    // Roles hold: a trainee on B may not run the exercise; the trainee's own state keeps the secrets.
    const notMine = await alice.train({ type: 'beginExercise' });
    expect(notMine.ok === false && notMine.error.refusal?.key).toBe('instructorOnly');
    const mine = await alice.trainOk<TrainingState>({ type: 'trainingState' });
    expect(mine.you).toMatchObject({ clientId: joined.clientId, name: 'Alice', role: 'trainee', granted: false });
    expect(mine.code).toBeUndefined();
    expect(mine.script.reference).toEqual([]);

    await instructor.trainOk({ type: 'beginExercise' });
    await alice.until(() => alice.training.some((n) => n.type === 'phase' && n.phase === 'running'), 10_000, 'the start on B');

    // Not granted yet: refused on B, with the key and the sentences the client shows (English and Russian).
    const act = { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 30 } as const;
    const early = await alice.train({ type: 'act', act });
    expect(early.ok).toBe(false);
    if (early.ok) return;
    expect(early.error.code).toBe('forbidden');
    expect(early.error.refusal).toEqual({ key: 'notGranted', params: {} });
    expect(refusalText(early.error.refusal!, 'ru', null)).toBe('Инструктор ещё не разрешил вам действия: дождитесь разрешения или попросите инструктора.');
    expect(refusalText(early.error.refusal!, 'en', null)).toMatch(/^The instructor has not given you actions yet/);

    // The instructor on A grants the trainee on B by the client id the roster shows; the trainee is told on B.
    await instructor.trainOk({ type: 'grantActions', clientId: joined.clientId, grant: true });
    await alice.until(() => alice.training.some((n) => n.type === 'you' && n.you.granted), 10_000, 'the grant on B');
    const entry = await alice.trainOk<TrainingLogEntry>({ type: 'act', act });
    expect(entry).toMatchObject({ by: 'Alice', role: 'trainee', item: { op: 'action', act } });
    await alice.until(() => alice.training.some((n) => n.type === 'action' && n.entry.seq === entry.seq), 10_000, 'the own action notice on B');

    // The action is in the exercise on A: the instructor is told, its log holds it, the debrief counts it.
    await instructor.until(() => instructor.training.some((n) => n.type === 'action' && n.entry.by === 'Alice'), 10_000, 'the action notice on A');
    const after = await instructor.trainOk<TrainingState>({ type: 'trainingState' });
    expect(after.log.filter((e) => e.item.op === 'action').map((e) => [e.by, e.role, e.seq])).toEqual([['Alice', 'trainee', entry.seq]]);
    const debrief = await instructor.trainOk<Debrief>({ type: 'debrief' });
    expect(debrief.trainees).toEqual([{ user: 'Alice', team: null, actions: 1 }]);

    // B's session list (socket and REST) shows the exercise as A's does: running, one trainee.
    const wanted = { scriptId: 'demo-line-stacker-down', phase: 'running', trainees: 1, replayOf: null };
    const restOnB = async () => ((await (await fetch(`${servers.b.url}/api/sessions`)).json()) as { sessions: SessionInfo[] }).sessions.find((s) => s.id === started.sessionId)?.training;
    let listed: SessionInfo['training'];
    // B re-reads the registry when its copy is over a second old.
    for (const end = Date.now() + 10_000; JSON.stringify(listed) !== JSON.stringify(wanted) && Date.now() < end; await sleep(200)) listed = await restOnB();
    expect(listed).toEqual(wanted);
    expect((await alice.ok<SessionInfo[]>({ type: 'listSessions' })).find((s) => s.id === started.sessionId)?.training).toEqual(wanted);

    // The trainee leaves B: off A's roster.
    alice.close();
    const rosters = () => instructor.training.flatMap((n) => (n.type === 'roster' ? [n.trainees] : []));
    await instructor.until(() => rosters().at(-1)?.length === 0, 10_000, 'the leave on A');
    expect((await instructor.trainOk<TrainingState>({ type: 'trainingState' })).trainees).toEqual([]);

    // A trainee on B sees the end: the ended notice carries the run id.
    const bob = await client(servers.b);
    const bobJoined = await bob.trainOk<JoinResult>({ type: 'joinTraining', code: started.code, name: 'Bob' });
    expect(bobJoined.sessionId).toBe(started.sessionId);
    await instructor.trainOk({ type: 'endExercise' });
    await bob.until(() => bob.training.some((n) => n.type === 'ended' && n.runId === started.sessionId), 10_000, 'the end on B');
    const late = await (await client(servers.b)).train({ type: 'joinTraining', code: started.code, name: 'Carol' });
    expect(late.ok === false && late.error.refusal?.key).toBe('unknownCode');
  }, 120_000);

  it("a session on A watched only from B is not idle on A; once B's viewers leave it is", async () => {
    const owner = await client(servers.a);
    const created = await owner.ok<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 60, user: 'owner' });
    const viewer = await client(servers.b);
    await viewer.ok({ type: 'joinSession', sessionId: created.sessionId });
    owner.close(); // nobody is in it on A now; B relays it to its viewer
    // Three idle limits later (the sweep runs every IDLE_MS / 4) it still runs and B's viewer still gets frames.
    await sleep(3 * IDLE_MS);
    expect(servers.a.manager.get(created.sessionId)).toBeDefined();
    const seen = viewer.frames.length;
    await viewer.until(() => viewer.frames.length > seen + 3, 10_000, 'frames on B after three idle limits');
    // B's viewer leaves: B stops relaying, A's next frame reaches no one, and the idle limit runs from then.
    await viewer.ok({ type: 'leaveSession' });
    for (const end = Date.now() + 5 * IDLE_MS; servers.a.manager.get(created.sessionId) !== undefined && Date.now() < end; ) await sleep(100);
    expect(servers.a.manager.get(created.sessionId)).toBeUndefined();
  }, 60_000);
});
