/**
 * The people and phases of an exercise without a server: the lifecycle's rules, the
 * roster (names, teams, grants per trainee and per team, team KPIs), the training
 * secrets of each receiver's state, and refusals said in Russian and English.
 */
import { describe, expect, it } from 'vitest';
import { TrainingLifecycle } from '../../server/live/training-lifecycle.ts';
import { TrainingRoster } from '../../server/live/training-roster.ts';
import { ExerciseClock } from '../../server/live/exercise-clock.ts';
import { entryVisible, exerciseTitle, newJoinCode, trainingStateFor, type Exercise } from '../../server/live/training-exercise.ts';
import { ModelCatalog } from '../../server/live/model-catalog.ts';
import { Plant } from '../../server/plant/plant.ts';
import { applyAction, TrainingError } from '../../server/training/effects.ts';
import { TrainingRun } from '../../server/training/training-run.ts';
import { loadTrainingScript } from '../../server/training/script-files.ts';
import { REFUSAL_KEYS, type Refusal } from '../../server/protocol/training-refusals.ts';
import type { TrainingLogEntry } from '../../server/protocol/training-messages.ts';
import { refusalText } from '../../client/src/training/refusal-text.ts';

const catalog = new ModelCatalog();
const load = (m: string, s: string | undefined) => catalog.load(m, s).model;

function refusalOf(fn: () => unknown): Refusal | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof TrainingError) return err.refusal;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('lifecycle', () => {
  it('lobby → running → ended, each step once; trainees act only while running', () => {
    const l = new TrainingLifecycle();
    expect(l.phase).toBe('lobby');
    expect(refusalOf(() => l.requireRunning('act'))?.key).toBe('notStarted');
    l.begin();
    expect(l.phase).toBe('running');
    expect(() => l.begin()).toThrow(/running already/);
    l.requireRunning('act');
    expect(l.end()).toBe(true);
    expect(l.end()).toBe(false); // the horizon and the button may race: one end
    expect(refusalOf(() => l.requireRunning('act'))?.key).toBe('exerciseEnded');
    expect(refusalOf(() => l.begin())?.key).toBe('exerciseEnded');
  });
});

describe('roster', () => {
  it('names are unique (case-insensitive) among those present; a reconnect under the same name keeps the grant', () => {
    const r = new TrainingRoster(null);
    r.join('c1', 'Alice', undefined);
    expect(refusalOf(() => r.join('c2', 'alice', undefined))).toEqual({ key: 'nameTaken', params: { name: 'alice' } });
    r.grant({ clientId: 'c1' }, true);
    r.keepPresent((id) => id !== 'c1'); // Alice's connection dropped
    expect(r.size).toBe(0);
    const back = r.join('c3', 'Alice', undefined);
    expect(back).toMatchObject({ clientId: 'c3', granted: true, present: true });
    expect(r.list().map((t) => t.clientId)).toEqual(['c3']);
  });

  it('teams: required, checked, granted as a whole, counted per team', () => {
    const r = new TrainingRoster(['red', 'blue']);
    expect(refusalOf(() => r.join('c0', 'Zed', undefined))).toEqual({ key: 'teamRequired', params: { teams: 'red, blue' } });
    expect(refusalOf(() => r.join('c0', 'Zed', 'green'))?.key).toBe('unknownTeam');
    r.join('a', 'Ann', 'red');
    r.join('b', 'Ben', 'red');
    r.join('c', 'Cat', 'blue');
    expect(r.grant({ team: 'red' }, true).map((t) => t.name)).toEqual(['Ann', 'Ben']);
    r.counted('a', true);
    r.counted('b', true);
    r.counted('b', false);
    r.counted('c', false);
    expect(r.teamKpis()).toEqual([
      { team: 'red', members: 2, granted: 2, actions: 2, refused: 1 },
      { team: 'blue', members: 1, granted: 0, actions: 0, refused: 1 },
    ]);
  });

  it('join codes avoid the look-alike characters and codes in use', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(newJoinCode((c) => seen.has(c)));
    expect(seen.size).toBe(200);
    for (const c of seen) expect(c).toMatch(/^[A-HJ-KMNP-Z2-9]{6}$/);
    expect(exerciseTitle('Demo', 'Irina', new Date('2026-12-06T21:40:12Z'))).toBe('Demo — Irina, 2026-12-06 21:40 UTC');
  });
});

describe('training secrets', () => {
  const { script } = loadTrainingScript('cathode-coater-down', load);
  const roster = new TrainingRoster(null);
  const alice = roster.join('ca', 'Alice', undefined);
  roster.join('cb', 'Bob', undefined);
  const ex: Exercise = {
    sessionId: 's1', scriptId: 'cathode-coater-down', script, replayOf: null, title: 't', titleRu: null, code: 'ABCDEF', instructor: 'Irina',
    lifecycle: new TrainingLifecycle(), clock: new ExerciseClock(60, 120, () => undefined), roster,
  };
  const entry = (seq: number, by: string, role: string, op: 'action' | 'fire'): TrainingLogEntry => ({
    seq, at: 100 * seq, ev: seq, wall: '', by, role,
    item: op === 'action' ? { op, act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 9 } } : { op, eventIndex: 1 },
  });
  const log = [entry(0, 'Alice', 'trainee', 'action'), entry(1, 'Bob', 'trainee', 'action'), entry(2, 'Irina', 'instructor', 'fire')];
  const snap = { log, fired: [], plan: [] };

  it("a trainee's state has no reference actions, no coming events, no code and no other trainee", () => {
    const state = trainingStateFor(ex, snap, { kind: 'trainee', trainee: alice });
    expect(script.reference.length).toBeGreaterThan(0); // the script has a secret to keep
    expect(state.script.reference).toEqual([]);
    expect(state.script.events).toEqual([]);
    expect(state.code).toBeUndefined();
    expect(state.plan).toBeUndefined();
    const text = JSON.stringify(state);
    expect(text).not.toContain('cb');
    expect(text).not.toContain('Bob');
    expect(state.log.map((e) => e.seq)).toEqual([0, 2]); // own action and the instructor's op
    expect(state.you).toEqual({ clientId: 'ca', name: 'Alice', role: 'trainee', team: null, granted: false });
    const observer = trainingStateFor(ex, snap, { kind: 'observer', clientId: 'x' });
    expect(observer.trainees).toEqual([]);
    expect(observer.log.map((e) => e.seq)).toEqual([2]);
  });

  it('the instructor sees everything', () => {
    const state = trainingStateFor(ex, snap, { kind: 'instructor', clientId: 'ci', name: 'Irina' });
    expect(state.script.reference).toEqual(script.reference);
    expect(state.code).toBe('ABCDEF');
    expect(state.trainees.map((t) => t.user)).toEqual(['Alice', 'Bob']);
    expect(state.log).toHaveLength(3);
    expect(entryVisible(log[1], { kind: 'trainee', trainee: alice })).toBe(false);
  });
});

describe('refusals in the trainee\'s language', () => {
  const { script, model } = loadTrainingScript('cathode-coater-down', load);

  it('a crew sent to a running machine: a code the client says in ru and en, with what to do instead', () => {
    const plant = new Plant(model, script.seed, 0);
    new TrainingRun(script).attach(plant);
    plant.runUntil(60); // every machine runs: none waits for a crew
    const why = refusalOf(() => applyAction(plant, { action: 'dispatchCrew', nodeId: 'cathode-coater' }));
    expect(why).toEqual({ key: 'crewNotWaiting', params: { nodeId: 'cathode-coater', pool: 'electrode' } });
    expect(refusalText(why!, 'en', model)).toBe('Cathode coater + dryer is not waiting for a crew: send the crew to a stopped machine.');
    expect(refusalText(why!, 'ru', model)).toBe('Линия нанесения и сушки катода не ждёт бригаду: направьте бригаду на остановленный станок.');
    const notBuffer = refusalOf(() => applyAction(plant, { action: 'setBufferCapacity', nodeId: 'cathode-coater', capacity: 3 }));
    expect(notBuffer?.key).toBe('notBuffer');
    expect(refusalText(notBuffer!, 'ru', model)).toMatch(/^Линия нанесения и сушки катода — не буфер: /);
  });

  it('every refusal key has a sentence in both languages that says what to do (after a colon)', () => {
    for (const key of REFUSAL_KEYS) {
      for (const locale of ['en', 'ru'] as const) {
        const text = refusalText({ key, params: { nodeId: 'n', code: 'C', teams: 't', team: 'x', name: 'N', servers: 2, dest: 'd', dests: 'e', limit: 10, index: 1 } }, locale, null);
        expect(text, `${key} ${locale}`).toMatch(/\S.*: \S/);
        expect(text).not.toContain('undefined');
      }
    }
  });
});
