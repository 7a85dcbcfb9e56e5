/**
 * Finished exercises over REST: the list, and each one's debrief computed in a
 * worker on first request (202 while computing, then 200), stored with the run,
 * and served at once after a server restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { ExerciseDebriefs } from '../../server/live/exercise-debriefs.ts';
import { HistoryStore } from '../../server/store/history-store.ts';
import { ExerciseDebriefSchema, ExerciseListSchema, type ExerciseDebrief } from '../../server/protocol/training-exercises.ts';
import { referenceLog, storeExercise } from './exercise-fixtures.ts';

const SCRIPT = 'demo-line-stacker-down';
const UNTIL = 30_000; // the exercise ended at 8 h 20 min of simulated time (before the script's 24 h horizon)
let dir = '';
let server: TwinServer;

const start = () => startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), experimentThreads: 0, publicSession: false });
const get = (path: string) => fetch(`${server.url}${path}`);

/** Polls the debrief until it is no longer 202; returns every status seen and the last body. */
async function debriefOf(runId: string): Promise<{ statuses: number[]; body: unknown }> {
  const statuses: number[] = [];
  for (let i = 0; i < 600; i++) {
    const res = await get(`/api/training/exercises/${runId}/debrief`);
    statuses.push(res.status);
    if (res.status !== 202) return { statuses, body: await res.json() };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the debrief of ${runId} never finished`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twin-exercises-'));
  const history = new HistoryStore(join(dir, 'twin.db'));
  // ex-ref: alice applied the reference actions at their times; ex-none: nobody acted;
  // a replay and a running session are not finished exercises.
  storeExercise(history, { id: 'ex-ref', scriptId: SCRIPT, seed: 7, simTimeS: UNTIL, log: referenceLog(SCRIPT, UNTIL), trainees: [['alice', 'red'], ['bob', 'blue']] });
  storeExercise(history, { id: 'ex-none', scriptId: SCRIPT, seed: 7, simTimeS: UNTIL, log: [] });
  storeExercise(history, { id: 'ex-replay', scriptId: SCRIPT, seed: 7, simTimeS: UNTIL, log: [], replayOf: 'ex-ref' });
  history.started({ id: 'ex-running', kind: 'session', model: 'demo-line', scenario: null, seed: 7, params: { training: { scriptId: SCRIPT, replayOf: null } } });
  history.close();
  server = await start();
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('finished exercises', () => {
  it('lists only ended exercises, with title, trainees and teams, newest first', async () => {
    const res = await get('/api/training/exercises');
    expect(res.status).toBe(200);
    const list = ExerciseListSchema.parse(await res.json());
    expect(list.map((e) => e.id).sort()).toEqual(['ex-none', 'ex-ref']);
    const ref = list.find((e) => e.id === 'ex-ref')!;
    expect(ref).toMatchObject({ scriptId: SCRIPT, title: 'Demo line: stacker breakdown and a rush order', state: 'finished', simTimeS: UNTIL, actions: 2, debrief: 'none' });
    expect(ref.trainees).toEqual([{ user: 'alice', team: 'red' }, { user: 'bob', team: 'blue' }]);
    expect((await get('/api/training/exercises?limit=0')).status).toBe(400);
  });

  it('answers 202 while the debrief is computed in a worker, then 200; it is stored with the run', async () => {
    const { statuses, body } = await debriefOf('ex-ref');
    expect(statuses[0]).toBe(202);
    expect(statuses.at(-1)).toBe(200);
    const ready: ExerciseDebrief = ExerciseDebriefSchema.parse(body);
    const d = ready.debrief;
    expect(d.untilS).toBe(UNTIL);
    // The trainees did exactly the reference actions at the reference times: replayed exactly,
    // their run is the reference run (same seed, same ops at the same sim times).
    expect(d.runs.session).toEqual(d.runs.reference);
    expect(d.curves.session).toEqual(d.curves.reference);
    // Every curve starts at zero and is cumulative (never falls; down hours are a share × span, so allow rounding).
    for (const curve of Object.values(d.curves)) {
      expect(curve[0]).toEqual([0, 0, 0, 0]);
      for (let i = 1; i < curve.length; i++) for (const c of [1, 2, 3]) expect(curve[i][c]).toBeGreaterThanOrEqual(curve[i - 1][c] - 1e-9);
      expect(curve.at(-1)![0]).toBe(UNTIL);
    }
    // Teams: red (alice) made both decisions, so red alone is the reference run; blue (bob) did nothing.
    expect(d.teams.map((t) => [t.team, t.members, t.actions])).toEqual([['blue', ['bob'], 0], ['red', ['alice'], 2]]);
    expect(d.teams.find((t) => t.team === 'red')!.kpis).toEqual(d.runs.reference);
    expect(d.teams.find((t) => t.team === 'blue')!.kpis).toEqual(d.runs.noActions);
    expect(d.timeline.filter((e) => e.by === 'alice').map((e) => [e.at, e.team])).toEqual([[14_500, 'red'], [14_500, 'red']]);
    const list = ExerciseListSchema.parse(await (await get('/api/training/exercises')).json());
    expect(list.find((e) => e.id === 'ex-ref')!.debrief).toBe('ready');
    const run = server.history.get('ex-ref')!;
    expect((run.result as { debrief?: unknown }).debrief).toEqual(JSON.parse(JSON.stringify(d)));
  }, 120_000);

  it('a run where nobody acted is the no-action run', async () => {
    const { body } = await debriefOf('ex-none');
    const d = ExerciseDebriefSchema.parse(body).debrief;
    expect(d.runs.session).toEqual(d.runs.noActions);
    expect(d.trainees).toEqual([]);
  }, 120_000);

  it('refuses replays, running sessions and unknown ids with 404', async () => {
    for (const id of ['ex-replay', 'ex-running', 'nope']) expect((await get(`/api/training/exercises/${id}/debrief`)).status).toBe(404);
  });

  it('serves the stored debrief at once after a restart', async () => {
    const before = ExerciseDebriefSchema.parse((await debriefOf('ex-ref')).body);
    await server.close();
    server = await start();
    const first = await get('/api/training/exercises/ex-ref/debrief');
    expect(first.status).toBe(200); // no 202: nothing is recomputed
    expect(ExerciseDebriefSchema.parse(await first.json()).debrief).toEqual(before.debrief);
  }, 60_000);
});

describe('the lifecycle hook', () => {
  it('shares one computation between calls, and reports a timeout as a failure', async () => {
    const history = new HistoryStore(':memory:');
    storeExercise(history, { id: 'x', scriptId: SCRIPT, seed: 7, simTimeS: 3600, log: [] });
    const slow = new ExerciseDebriefs({ history, timeoutMs: 1 }); // a worker cannot even start in 1 ms
    await expect(slow.compute('x')).rejects.toThrow(/longer than/);
    expect(slow.lookup('x').status).toBe('failed');
    const debriefs = new ExerciseDebriefs({ history });
    const [a, b] = [debriefs.compute('x'), debriefs.compute('x')];
    expect(debriefs.lookup('x').status).toMatch(/queued|computing/);
    expect(await a).toBe(await b);
    expect(debriefs.lookup('x').status).toBe('ready');
    await expect(debriefs.compute('missing')).rejects.toThrow(/no finished training exercise/);
    // The stored field sits beside the run's result; field names are never spliced into SQL unchecked.
    expect(Object.keys(history.get('x')!.result as object).sort()).toEqual(['debrief', 'simTimeS', 'training']);
    expect(() => history.setResultField('x', "a') --", 1)).toThrow(/not a plain field name/);
    expect(history.setResultField('nope', 'debrief', 1)).toBe(false);
    history.close();
  }, 60_000);
});
