/**
 * Training over the live server: an instructor starts a script, two trainees
 * join and see its prompts; only the one granted may act; the debrief answers
 * over the socket and REST; the stored run replays to the same log and KPIs.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../server/protocol/messages.ts';
import type { TrainingCommand } from '../../server/protocol/training.ts';
import type { Debrief, TrainingLogEntry, TrainingNotice, TrainingState } from '../../server/protocol/training-messages.ts';
import { LiveClient } from '../live/live-client.ts';
import { useLiveTestServer } from '../live/test-server.ts';

const live = useLiveTestServer({ publicSession: false });

class Trainee extends LiveClient {
  readonly training: TrainingNotice[] = [];
  constructor(url: string) {
    super(url);
    this.socket.on('training', (n: TrainingNotice) => this.training.push(n));
  }
  train<R = unknown>(command: TrainingCommand): Promise<Reply<R>> {
    return this.socket.timeout(30_000).emitWithAck('train', command) as Promise<Reply<R>>;
  }
  async trainOk<R = unknown>(command: TrainingCommand): Promise<R> {
    const reply = await this.train<R>(command);
    if (!reply.ok) throw new Error(`${command.type} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.result;
  }
}

async function client(): Promise<Trainee> {
  const c = live.track(new Trainee(live.server.url));
  await c.connected();
  return c;
}

describe('training sessions', () => {
  it('instructor fires an event, two trainees see the prompt, the granted one acts, the other is refused; debrief and replay', async () => {
    const instructor = await client();
    const started = await instructor.trainOk<{ sessionId: string; controllerToken: string }>({ type: 'startTraining', script: 'demo-line-stacker-down', user: 'instructor' });
    await instructor.ok({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'instructor' });
    const state0 = await instructor.trainOk<TrainingState>({ type: 'trainingState' });
    expect(state0.script.events.length).toBeGreaterThan(3);

    const [alice, bob] = [await client(), await client()];
    const joinA = await alice.ok<{ clientId: string }>({ type: 'joinSession', sessionId: started.sessionId, user: 'alice' });
    await bob.ok({ type: 'joinSession', sessionId: started.sessionId, user: 'bob' });
    for (const t of [alice, bob]) await t.trainOk({ type: 'trainingState' }); // subscribes to prompts

    // Refusals: bad script field names the path; trainee without the grant; non-owner grant.
    const bad = await instructor.train({ type: 'startTraining', script: '../etc' } as TrainingCommand);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/^script: /);
    const refused = await alice.train({ type: 'act', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 30 } });
    expect(refused.ok === false && refused.error.code).toBe('forbidden');
    const notOwner = await bob.train({ type: 'grantActions', clientId: joinA.clientId, grant: true });
    expect(notOwner.ok === false && notOwner.error.code).toBe('forbidden');

    // The instructor fires the stacker breakdown early (event 1); both trainees see its prompt.
    await instructor.ok({ type: 'step', dtS: 100 });
    await instructor.trainOk({ type: 'fireEvent', index: 1 });
    for (const t of [alice, bob]) await t.until(() => t.training.some((n) => n.type === 'event' && n.event.index === 1 && n.event.prompt !== undefined), 10_000, 'the prompt');

    await instructor.trainOk({ type: 'grantActions', clientId: joinA.clientId, grant: true, team: 'red' });
    await instructor.ok({ type: 'step', dtS: 500 });
    const entry = await alice.trainOk<TrainingLogEntry>({ type: 'act', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 30 } });
    expect(entry).toMatchObject({ by: 'alice', role: 'viewer', at: 600 });
    expect(entry.wall).toMatch(/^\d{4}-/);
    const stillRefused = await bob.train({ type: 'act', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 5 } });
    expect(stillRefused.ok).toBe(false);
    await bob.until(() => bob.training.some((n) => n.type === 'action' && n.entry.by === 'alice'), 10_000, 'the action notice');
    await instructor.ok({ type: 'step', dtS: 20_000 });

    const debrief = await bob.trainOk<Debrief>({ type: 'debrief' });
    expect(debrief.untilS).toBe(20_600);
    expect(debrief.trainees).toEqual([{ user: 'alice', team: 'red', actions: 1 }]);
    expect(debrief.timeline.some((e) => e.by === 'alice')).toBe(true);
    expect(debrief.curves.session.length).toBeGreaterThan(10);
    const rest = await fetch(`${live.server.url}/api/training/${started.sessionId}/debrief`).then((r) => r.json() as Promise<Debrief>);
    expect(rest.runs).toEqual(debrief.runs);
    const state = await instructor.trainOk<TrainingState>({ type: 'trainingState' });

    // Stop (stored in the history); replay at max speed runs past the exercise with the same log;
    // a paused replay stepped to the same sim time gives the same KPIs.
    await live.server.manager.stop(started.sessionId, 'finished', 'exercise over');
    const stored = await fetch(`${live.server.url}/api/training/${started.sessionId}/debrief`).then((r) => r.json() as Promise<Debrief>);
    expect(stored.runs).toEqual(debrief.runs); // recomputed from the history in a worker thread
    const replayer = await client();
    const fast = await replayer.trainOk<{ sessionId: string; controllerToken: string }>({ type: 'replay', runId: started.sessionId, speed: 'max' });
    await replayer.ok({ type: 'joinSession', sessionId: fast.sessionId, token: fast.controllerToken });
    await replayer.until(() => (replayer.lastFrame?.t ?? 0) > 30_000, 20_000, 'the fast replay');
    const fastState = await replayer.trainOk<TrainingState>({ type: 'trainingState' });
    expect(fastState.log.map(({ wall: _w, ...e }) => e)).toEqual(state.log.map(({ wall: _w, ...e }) => e));
    const again = await replayer.trainOk<{ sessionId: string; controllerToken: string }>({ type: 'replay', runId: started.sessionId, speed: 1 });
    await replayer.ok({ type: 'joinSession', sessionId: again.sessionId, token: again.controllerToken });
    const paused = await replayer.ok<{ simTimeS: number }>({ type: 'pause' });
    await replayer.ok({ type: 'step', dtS: 20_600 - paused.simTimeS });
    const replayed = await replayer.trainOk<TrainingState>({ type: 'trainingState' });
    expect(replayed.log.map(({ wall: _w, ...e }) => e)).toEqual(state.log.map(({ wall: _w, ...e }) => e));
    const replayDebrief = await replayer.trainOk<Debrief>({ type: 'debrief' });
    expect(replayDebrief.runs.session).toEqual(debrief.runs.session);
  }, 120_000);
});
