/**
 * Training runs: the same script and actions give the same KPIs; a logged run
 * replays identically however the clock is sliced; scripts that do not
 * validate name the field.
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import { PlantSampler } from '../../server/live/plant-sampler.ts';
import { ModelCatalog } from '../../server/live/model-catalog.ts';
import { ValidationError } from '../../server/protocol/errors.ts';
import type { TraineeAction, TrainingScript } from '../../server/protocol/training.ts';
import { TrainingRun } from '../../server/training/training-run.ts';
import { runHeadless } from '../../server/training/debrief.ts';
import { trainingKpis } from '../../server/training/scoreboard.ts';
import { checkScriptAgainstModel, loadTrainingScript, parseTrainingScript, trainingScriptIds } from '../../server/training/script-files.ts';

const catalog = new ModelCatalog();
const load = (m: string, s: string | undefined) => catalog.load(m, s).model;
const { script, model } = loadTrainingScript('demo-line-stacker-down', load);

const actions: { at: number; act: TraineeAction }[] = [
  { at: 3700, act: { action: 'dispatchCrew', nodeId: 'stacker' } }, // refused: the crew is already on its way
  { at: 15_000, act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 35 } },
  { at: 15_500, act: { action: 'switchRecipe', nodeId: 'stacker', cycle: { dist: 'lognormal', mean: 68, sd: 6 }, setupS: 900 } },
];

/** Drives a plant like the live pacer: uneven slices, actions applied between slices at whatever time the clock reached. */
function liveLikeRun(slice: number, untilS: number, sampleAt: number[]) {
  const plant = new Plant(model, script.seed, 0);
  const run = new TrainingRun(script);
  run.attach(plant);
  const sampler = new PlantSampler(plant);
  const samples: unknown[] = [];
  let next = 0;
  let sample = 0;
  let t = 0;
  while (plant.now < untilS) {
    t = Math.min(untilS, t + 977.3);
    const target = Math.min(t, sampleAt[sample] ?? Infinity);
    plant.runUntil(target, slice);
    if (sample < sampleAt.length && plant.now >= sampleAt[sample] && plant.sim.nextEventTime() > sampleAt[sample]) {
      const s = sampler.sample();
      samples.push({ t: s.t, ev: s.ev, st: [...s.st], lv: [...s.lv], ct: [...s.ct], sc: [...s.sc] });
      sample++;
    }
    while (next < actions.length && plant.now >= actions[next].at) {
      try {
        run.apply({ op: 'action', act: actions[next].act }, 'alice', 'controller', new Date(0).toISOString());
      } catch {
        // refused actions are not logged, as in a live session
      }
      next++;
    }
    if (plant.now < target) t = plant.now; // the slice was cut by the event budget: carry on from here
  }
  return { plant, run, samples };
}

function replaySamples(log: TrainingRun['log'], untilS: number, sampleAt: number[]) {
  const plant = new Plant(model, script.seed, 0);
  const run = new TrainingRun(script);
  run.attach(plant);
  run.replayExact(log);
  const sampler = new PlantSampler(plant);
  const samples: unknown[] = [];
  for (const at of sampleAt) {
    plant.runUntil(at);
    const s = sampler.sample();
    samples.push({ t: s.t, ev: s.ev, st: [...s.st], lv: [...s.lv], ct: [...s.ct], sc: [...s.sc] });
  }
  plant.runUntil(untilS);
  return { plant, run, samples };
}

describe('training runs', () => {
  const untilS = 30_000;
  const sampleAt = [5000, 14_400, 20_000, 29_000];

  it('same script + same actions ⇒ same KPIs (two independent live-like runs, different slicing)', () => {
    const a = liveLikeRun(500, untilS, []);
    const b = liveLikeRun(50_000, untilS, []);
    expect(a.run.log.map((e) => e.item)).toEqual(b.run.log.map((e) => e.item));
    expect(a.run.log.length).toBe(2); // the premature dispatch was refused and not logged
    expect(trainingKpis(a.plant, script.measureAt)).toEqual(trainingKpis(b.plant, script.measureAt));
  });

  it('actions change the run (the test can fail)', () => {
    const acted = liveLikeRun(500, untilS, []);
    const none = runHeadless(model, script, script.seed, { mode: 'exact', log: [], untilS });
    expect(trainingKpis(acted.plant, script.measureAt).goodUnits).not.toBe(none.kpis.goodUnits);
  });

  it('replay from the log reproduces the frames and the KPIs exactly', () => {
    const live = liveLikeRun(313, untilS, sampleAt);
    const replay = replaySamples(live.run.log, untilS, sampleAt);
    expect(replay.run.log).toEqual(live.run.log);
    expect(replay.samples).toEqual(live.samples);
    expect(replay.plant.sim.eventsFired).toBe(live.plant.sim.eventsFired);
    expect(trainingKpis(replay.plant, script.measureAt)).toEqual(trainingKpis(live.plant, script.measureAt));
    expect(replay.run.fired).toEqual(live.run.fired);
  });

  it('a replayed log that does not fit the run is detected, not silently applied elsewhere', () => {
    const live = liveLikeRun(313, untilS, []);
    const wrong = live.run.log.map((e) => ({ ...e, ev: e.ev + 5_000_000 }));
    const plant = new Plant(model, script.seed, 0);
    const run = new TrainingRun(script);
    run.attach(plant);
    run.replayExact(wrong);
    expect(() => plant.runUntil(untilS)).toThrow(/replay diverged/);
  });
});

describe('training scripts', () => {
  it('ships scripts for the demo line and the default plant, all valid against their models', () => {
    expect(trainingScriptIds()).toEqual(expect.arrayContaining(['demo-line-stacker-down', 'cathode-coater-down']));
    for (const id of trainingScriptIds()) expect(() => loadTrainingScript(id, load)).not.toThrow();
  });

  const base = { name: 't', model: 'demo-line', horizonS: 1000, events: [] as unknown[] };
  const problems = (raw: unknown): string[] => {
    try {
      parseTrainingScript(raw);
    } catch (err) {
      if (err instanceof ValidationError) return err.problems;
      throw err;
    }
    return [];
  };

  it('schema errors name the field', () => {
    const events = [
      { at: 1, kind: 'prompt', prompt: { en: 'a', ru: 'б' } },
      { at: 2, kind: 'shortage', nodeId: 'kits', durationS: 10 },
      { at: -5, kind: 'breakdown', nodeId: 'stacker' },
      { at: 3, kind: 'explode', nodeId: 'stacker' },
      { at: 2000, kind: 'prompt', prompt: { en: 'late', ru: 'поздно' } },
      { at: 4, kind: 'yieldDrop', nodeId: 'eol', yield: 1.5 },
    ];
    const p = problems({ ...base, events, reference: [{ at: 1, act: { action: 'fly', nodeId: 'x' } }] });
    expect(p).toContain('events[2].at: must be >= 0');
    expect(p.some((l) => l.startsWith('events[3].kind:'))).toBe(true);
    expect(p).toContain('events[5].yield: must be <= 1');
    expect(p.some((l) => l.startsWith('reference[0].act.action:'))).toBe(true);
    // Cross-field checks run once every field is well-formed.
    expect(problems({ ...base, events: [events[4]] })).toEqual(['events[0].at: must be <= horizonS']);
    expect(problems({ ...base, crews: { stacker: 'nobody' } })).toContain('crews.stacker: no pool "nobody" in repairCrews');
  });

  it('checks against the model name the field too', () => {
    const s: TrainingScript = parseTrainingScript({
      ...base,
      measureAt: 'nowhere',
      events: [
        { at: 1, kind: 'breakdown', nodeId: 'no-such-machine' },
        { at: 2, kind: 'shortage', nodeId: 'stacker', durationS: 5 },
      ],
      reference: [{ at: 3, act: { action: 'setBufferCapacity', nodeId: 'stacker', capacity: 3 } }],
    });
    let err: unknown;
    try {
      checkScriptAgainstModel(s, model);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const lines = (err as ValidationError).problems;
    expect(lines).toContain('measureAt: no node "nowhere" in this model');
    expect(lines).toContain('events[0].nodeId: no node "no-such-machine" in this model');
    expect(lines.some((l) => l.startsWith('events[1].nodeId: "stacker" is a machine'))).toBe(true);
    expect(lines.some((l) => l.startsWith('reference[0].act.nodeId:'))).toBe(true);
  });
});

describe('replay stepped one event at a time', () => {
  it('applies each logged op at its place in the event sequence', () => {
    const live = liveLikeRun(313, 16_000, []);
    const plant = new Plant(model, script.seed, 0);
    const run = new TrainingRun(script);
    run.attach(plant);
    run.replayExact(live.run.log);
    while (plant.sim.eventsFired < live.plant.sim.eventsFired) plant.sim.step();
    expect(run.log).toEqual(live.run.log);
  });
});
