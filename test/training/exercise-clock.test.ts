/**
 * The exercise clock: a prompt pauses the plant at exactly its sim time; the hold ends on
 * the instructor's resume or after the prompt's timeout (fake wall timers, no waiting);
 * holds, skips and delays leave the simulation deterministic in simulated time.
 */
import { describe, expect, it } from 'vitest';
import { ExerciseClock, type WallTimers } from '../../server/live/exercise-clock.ts';
import { SessionEngine } from '../../server/live/session-engine.ts';
import { TrainingHost, type TrainingHold } from '../../server/live/training-engine.ts';
import { ModelCatalog } from '../../server/live/model-catalog.ts';
import { Plant } from '../../server/plant/plant.ts';
import { TrainingRun } from '../../server/training/training-run.ts';
import { loadTrainingScript } from '../../server/training/script-files.ts';

const catalog = new ModelCatalog();
const { script, model } = loadTrainingScript('demo-line-stacker-down', (m, s) => catalog.load(m, s).model);

/** Timers driven by hand: `advance(ms)` fires what is due. */
function fakeTimers() {
  let now = 1_000_000;
  let due: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const timers: WallTimers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      due.push({ at: now + ms, fn, id: next });
      return next++;
    },
    clearTimeout: (id) => {
      due = due.filter((d) => d.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const ready = due.filter((d) => d.at <= now);
    due = due.filter((d) => d.at > now);
    for (const d of ready) d.fn();
  };
  return { timers, advance, pending: () => due.length };
}

describe('exercise clock (wall side)', () => {
  it('holds on a prompt until the timeout, then resumes once', () => {
    const { timers, advance } = fakeTimers();
    let resumed = 0;
    const clock = new ExerciseClock(60, 120, () => resumed++, timers);
    clock.hold(3, 600);
    expect(clock.view().held).toEqual({ eventIndex: 3, atS: 600, resumesAt: new Date(1_000_000 + 120_000).toISOString() });
    advance(119_999);
    expect(resumed).toBe(0);
    expect(clock.held).toBe(true);
    advance(1);
    expect(resumed).toBe(1);
    expect(clock.held).toBe(false);
    advance(1_000_000);
    expect(resumed).toBe(1);
  });

  it('the instructor resuming first cancels the timeout; a second prompt starts its own', () => {
    const { timers, advance, pending } = fakeTimers();
    let resumed = 0;
    const clock = new ExerciseClock(60, 30, () => resumed++, timers);
    clock.hold(0, 600);
    expect(clock.release()).toBe(true);
    expect(pending()).toBe(0);
    expect(clock.release()).toBe(false); // nothing held any more
    clock.hold(1, 3600);
    advance(20_000);
    clock.hold(2, 3700); // a prompt right after another: the timeout counts from the newest
    advance(20_000);
    expect(resumed).toBe(0);
    advance(10_000);
    expect(resumed).toBe(1);
  });
});

/** A paced engine with the script armed as in a live exercise (holds on), wall clock passed in. */
function exerciseEngine() {
  const engine = new SessionEngine(structuredClone(model), script.seed, 600);
  const holds: TrainingHold[] = [];
  const host = new TrainingHost(engine, script, null, () => undefined, (h) => holds.push(h), true);
  return { engine, holds, host };
}

/** Runs the engine as its worker would, a minute of wall time per slice, until it pauses (or `maxSlices`). */
function runUntilPaused(engine: SessionEngine, wall: { t: number }, maxSlices = 10_000): void {
  for (let i = 0; i < maxSlices && engine.running; i++) {
    wall.t += 60_000;
    engine.advance(wall.t, 1e9, () => 0);
  }
}

describe('exercise clock (engine side)', () => {
  it('stops exactly at each prompt and at the horizon, whatever the pace', () => {
    const { engine, holds } = exerciseEngine();
    const wall = { t: 0 };
    engine.execute({ type: 'play' }, wall.t);
    runUntilPaused(engine, wall);
    // Event 0 is a prompt at 600 s: one wall minute at 600× would reach 36,000 s; the clock stops at 600.
    expect(engine.plant.now).toBe(600);
    expect(holds).toEqual([{ reason: 'prompt', atS: 600, eventIndex: 0 }]);
    for (const [index, at] of script.events.map((e, i) => [i, e.at] as const).slice(1)) {
      engine.execute({ type: 'play' }, wall.t);
      runUntilPaused(engine, wall);
      expect(holds.at(-1)).toEqual({ reason: 'prompt', atS: at, eventIndex: index });
      expect(engine.plant.now).toBe(at);
    }
    engine.execute({ type: 'setSpeed', speed: 'max' }, wall.t);
    engine.execute({ type: 'play' }, wall.t);
    runUntilPaused(engine, wall);
    expect(holds.at(-1)).toEqual({ reason: 'horizon', atS: script.horizonS, eventIndex: null });
    expect(engine.plant.now).toBe(script.horizonS);
  });

  it('holding changes nothing in simulated time: the held run equals one straight run to the horizon', () => {
    const { engine } = exerciseEngine();
    const wall = { t: 0 };
    for (let i = 0; i < 20 && engine.plant.now < script.horizonS; i++) {
      engine.execute({ type: 'play' }, wall.t);
      runUntilPaused(engine, wall);
    }
    const straight = new Plant(structuredClone(model), script.seed, 0);
    new TrainingRun(script).attach(straight);
    straight.runUntil(script.horizonS);
    expect(engine.plant.now).toBe(script.horizonS);
    expect(engine.plant.sim.eventsFired).toBe(straight.sim.eventsFired);
    expect(engine.report()).toEqual(straightReport(straight));
  });
});

function straightReport(plant: Plant) {
  const engine = new SessionEngine(structuredClone(model), script.seed, 1);
  engine.plant = plant;
  return engine.report();
}

describe('skip and delay', () => {
  const wall = new Date(0).toISOString();
  function scripted() {
    const plant = new Plant(structuredClone(model), script.seed, 0);
    const run = new TrainingRun(script);
    run.attach(plant);
    plant.runUntil(1000);
    run.apply({ op: 'delay', eventIndex: 1, byS: 3600 }, 'irina', 'instructor', wall);
    run.apply({ op: 'skip', eventIndex: 2 }, 'irina', 'instructor', wall);
    plant.runUntil(40_000);
    return { plant, run };
  }

  it('a delayed event fires at its time plus the delay; a skipped one never; the plan says so', () => {
    const { run } = scripted();
    // Event 1 (stacker breakdown) is scripted at 3600 s: delayed by 3600 s it fires at 7200 s.
    expect(run.fired.find((r) => r.index === 1 && !r.ended)?.at).toBe(3600 + 3600);
    expect(run.fired.some((r) => r.index === 2)).toBe(false);
    expect(run.plan().map((p) => [p.index, p.at, p.status])).toEqual([
      [0, 600, 'fired'],
      [1, 7200, 'fired'],
      [2, 14_400, 'skipped'],
      [3, 21_600, 'fired'],
      [4, 36_000, 'fired'],
    ]);
    expect(() => run.apply({ op: 'skip', eventIndex: 2 }, 'irina', 'instructor', wall)).toThrow(/been skipped already/);
  });

  it('the log replays to the same events and state, sliced any way', () => {
    const first = scripted();
    for (const slice of [1, 97, 5000]) {
      const plant = new Plant(structuredClone(model), script.seed, 0);
      const run = new TrainingRun(script);
      run.attach(plant);
      run.replayExact(first.run.log);
      while (plant.now < 40_000) plant.runUntil(40_000, slice);
      expect(run.fired).toEqual(first.run.fired);
      expect(plant.sim.eventsFired).toBe(first.plant.sim.eventsFired);
      expect(straightReport(plant)).toEqual(straightReport(first.plant));
    }
  });
});
