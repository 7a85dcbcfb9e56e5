/**
 * Time-varying scenario parameters (`schedule`) and per-window results
 * (`periodS` → periods[]). Constant times: every count is a hand calculation.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSchema, applyScenario, type ScenarioInput } from '../../server/protocol/scenario.ts';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import { runModel } from '../../server/experiments/runner.ts';
import type { Model } from '../../server/protocol/model.ts';
import { buildModel, constant, exponential, nodeField, refusal } from './helpers.ts';

// An unlimited supply into one machine with a constant 10 s cycle.
const base = buildModel([
  { id: 'src', type: 'source', to: 'm' },
  { id: 'm', type: 'machine', servers: 1, cycle: constant(10), to: 'buf' },
  { id: 'buf', type: 'buffer', capacity: 5, to: 'd' },
  { id: 'd', type: 'delay', time: constant(1), to: 'out' },
  { id: 'out', type: 'sink' },
]);

const withSchedule = (schedule: ScenarioInput['schedule'], model: Model = base) =>
  applyScenario(model, ScenarioSchema.parse({ model: 'inline', question: 'q', schedule }));

function completedBy(model: Model, t: number): number {
  const plant = new Plant(model, 1, 0);
  plant.runUntil(t);
  return nodeField(plantReport(plant), 'm', 'completed');
}

describe('schedule: validated like `set`, errors name the scenario field', () => {
  it('refuses a bad value, an unknown node, a field that cannot change mid-run and times that do not increase', () => {
    const problems = refusal(() =>
      withSchedule([
        { at: '10s', set: { m: { servers: 2 } } },
        { at: '5s', set: { m: { servers: 0 } } },
      ]),
    );
    expect(problems).toContain('schedule[1].at: must be later than schedule[0].at (10 s)');
    expect(problems).toContain('schedule[1].set.m.servers: must be >= 1');
    expect(refusal(() => withSchedule([{ at: 10, set: { nope: { servers: 2 } } }]))).toContain('schedule[0].set.nope: unknown node id');
    expect(refusal(() => withSchedule([{ at: 10, set: { m: { setup: { everyParts: 5, time: constant(1) } } } }]))).toEqual([
      'schedule[0].set.m.setup: cannot change during a run (a machine can change servers, cycle, yield, failures)',
    ]);
    expect(refusal(() => withSchedule([{ at: 10, set: { out: { label: 'x', area: 'a' } } }]))[0]).toBe('schedule[0].set.out.area: cannot change during a run (nothing of a sink can)');
    expect(refusal(() => withSchedule([{ at: 10, set: { d: { time: { dist: 'constant', value: -1 } } } }]))[0]).toMatch(/^schedule\[0\]\.set\.d\.time/);
  });

  it('resolves each entry on top of the previous ones and keeps only real changes', () => {
    const model = withSchedule([
      { at: '1h', set: { m: { servers: 2 } } },
      { at: '2h', set: { m: { cycle: { dist: 'constant', value: 5 } }, buf: { capacity: 5 } } },
    ]);
    expect(model.schedule).toHaveLength(2);
    expect(model.schedule![0]).toMatchObject({ atS: 3600, nodes: [{ id: 'm', servers: 2 }] });
    expect(model.schedule![1].nodes.map((n) => n.id)).toEqual(['m']); // buf's capacity did not change
    expect(model.schedule![1].nodes[0]).toMatchObject({ servers: 2, cycle: { value: 5 } });
  });
});

describe('schedule: changes take effect in the running plant', () => {
  it('servers 1 → 2 at t = 1005: the new server starts at once', () => {
    // Server 1 ends cycles at 10, 20, …, 2000 (200); server 2 starts at 1005 and ends
    // at 1015, …, 1995 (99): 299 by t = 2000.
    expect(completedBy(withSchedule([{ at: 1005, set: { m: { servers: 2 } } }]), 2000)).toBe(299);
  });

  it('servers 2 → 1 at t = 1005: the busy server taken out finishes its cycle first', () => {
    // Both servers end cycles at 10, …, 1000 (200); at 1005 both are busy: one leaves after
    // its cycle ends at 1010 (1), the other runs on: 1010, …, 2000 (100). 301 by t = 2000;
    // utilisation stays 1 (member-time 2 × 1010 + 990, all of it working).
    const two = buildModel([
      { id: 'src', type: 'source', to: 'm' },
      { id: 'm', type: 'machine', servers: 2, cycle: constant(10), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const model = withSchedule([{ at: 1005, set: { m: { servers: 1 } } }], two);
    const plant = new Plant(model, 1, 0);
    plant.runUntil(2000);
    const r = plantReport(plant);
    expect(nodeField(r, 'm', 'completed')).toBe(301);
    expect(nodeField(r, 'm', 'utilization')).toBeCloseTo(1, 12);
  });

  it('a new cycle applies from the next cycle: 10 s → 5 s at 1005', () => {
    // Cycles end at 10, …, 1000 (100) and 1010 (started at 1000 with the old cycle), then every
    // 5 s: 1015, …, 2000 (198). 299 by t = 2000.
    expect(completedBy(withSchedule([{ at: 1005, set: { m: { cycle: constant(5) } } }]), 2000)).toBe(299);
  });

  it('failures can be switched on mid-run (availability ramps up or down)', () => {
    // From t = 1000 every 10 s of work is followed by a 10 s repair: the second half of
    // a 2000 s run completes half as many cycles (100 + 50).
    const model = withSchedule([{ at: 1000, set: { m: { failures: { ttf: constant(10), ttr: constant(10) } } } }]);
    expect(completedBy(model, 2000)).toBe(150);
  });
});

describe('periods[]: windows from t = 0, their counts add up to the run', () => {
  it('per-window sink counts and KPIs, independent of warm-up', () => {
    // Servers 1 → 2 at 1005 (as above): the sink receives a part 1 s after each cycle end.
    // Window [0, 1000]: cycles ending at 10 … 990 arrive by 1000 → 99 parts; the rest of
    // the 2000 s run, 299 − 1 (ending at 2000, still in the delay) − 99 = 199 parts.
    const model = withSchedule([{ at: 1005, set: { m: { servers: 2 } } }]);
    const result = runModel(model, { horizonS: 2000, warmupS: 0, seed: 1, replications: 1, periodS: 1000 });
    expect(result.periods!.map((p) => [p.startS, p.endS, p.sinks.out.count])).toEqual([
      [0, 1000, 99],
      [1000, 2000, 199],
    ]);
    expect(result.sinks.out.count).toBe(99 + 199);
    // Warm-up resets the whole run's statistics, not the windows.
    const warm = runModel(model, { horizonS: 2000, warmupS: 1500, seed: 1, replications: 1, periodS: 1000 });
    expect(warm.periods!.map((p) => p.sinks.out.count)).toEqual([99, 199]);
  });

  it('random run: window counts sum to the run total and replications average per window', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: exponential(2), to: 'm' },
      { id: 'm', type: 'machine', cycle: exponential(1), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const result = runModel(model, { horizonS: 10_000, warmupS: 0, seed: 4, replications: 1, periodS: 3000 });
    expect(result.periods!.map((p) => p.endS)).toEqual([3000, 6000, 9000, 10_000]);
    expect(result.periods!.reduce((a, p) => a + p.sinks.out.count, 0)).toBe(result.sinks.out.count);
    const three = runModel(model, { horizonS: 10_000, warmupS: 0, seed: 4, replications: 3, periodS: 5000 });
    expect(three.periods).toHaveLength(2);
    expect(typeof (three.periods![0].sinks.out as Record<string, unknown>).countCI95).toBe('number');
  });
});
