import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../server/protocol/errors.ts';
import { ExperimentSchema } from '../../server/protocol/experiment.ts';
import { SetParamSchema } from '../../server/protocol/commands.ts';
import * as L from '../../server/protocol/limits.ts';
import { ModelSchema } from '../../server/protocol/model.ts';
import { OptimizeSchema } from '../../server/protocol/optimize.ts';
import { RunRequestSchema } from '../../server/protocol/run-request.ts';
import type { z } from 'zod';

const problems = (schema: z.ZodType, input: unknown): string[] => {
  const r = schema.safeParse(input);
  return r.success ? [] : formatIssues(r.error.issues);
};

const exp = (mean: number) => ({ dist: 'exponential', mean });

/** A source, the node under test at nodes[1], and a sink (nodes[2]); `extra` nodes go after. */
function modelWith(node: Record<string, unknown>, extra: Record<string, unknown>[] = []) {
  return {
    name: 'limits',
    nodes: [{ id: 'src', type: 'source', interarrival: exp(60), to: 'n' }, { id: 'n', to: 'out', ...node }, { id: 'out', type: 'sink' }, ...extra],
  };
}

const machine = { type: 'machine', cycle: exp(30) };

describe('model limits: each refused naming the field, the limit itself accepted', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    ['servers', { ...machine, servers: L.MAX_SERVERS + 1 }, { ...machine, servers: L.MAX_SERVERS }, `nodes[1].servers: must be <= ${L.MAX_SERVERS}`],
    ['buffer capacity', { type: 'buffer', capacity: 1e9 }, { type: 'buffer', capacity: L.MAX_CAPACITY }, `nodes[1].capacity: must be <= ${L.MAX_CAPACITY}`],
    ['delay capacity', { type: 'delay', time: exp(5), capacity: 1e9 }, { type: 'delay', time: exp(5), capacity: L.MAX_CAPACITY }, `nodes[1].capacity: must be <= ${L.MAX_CAPACITY}`],
    ['split k', { type: 'split', k: 1e9 }, { type: 'split', k: L.MAX_SPLIT_PARTS }, `nodes[1].k: must be <= ${L.MAX_SPLIT_PARTS}`],
    ['split qty', { type: 'split', k: 2, qty: 1e15 }, { type: 'split', k: 2, qty: L.MAX_QTY }, `nodes[1].qty: must be <= ${L.MAX_QTY}`],
    ['batch size', { type: 'batch', cycle: exp(30), batch: { size: 1e9 } }, { type: 'batch', cycle: exp(30), batch: { size: L.MAX_BATCH_SIZE } }, `nodes[1].batch.size: must be <= ${L.MAX_BATCH_SIZE}`],
    ['interarrival of 1 µs', { ...machine, cycle: { dist: 'constant', value: 1e-6 } }, { ...machine, cycle: { dist: 'constant', value: L.MIN_MEAN_DURATION_S } }, 'nodes[1].cycle.value: gives a mean of 0.000001 s; must be >= 0.001 s (1 ms), or simulated time cannot advance'],
  ];
  it.each(cases)('%s', (_what, bad, atLimit, message) => {
    expect(problems(ModelSchema, modelWith(bad))).toEqual([message]);
    expect(problems(ModelSchema, modelWith(atLimit))).toEqual([]);
  });

  it('qty 1e15 on a source, fleets and places, and a 1e-300 s interarrival', () => {
    const base = modelWith(machine);
    base.nodes[0] = { ...base.nodes[0], qty: 1e15, interarrival: exp(1e-300) };
    expect(problems(ModelSchema, base).sort()).toEqual([`nodes[0].interarrival.mean: gives a mean of 1e-300 s; must be >= 0.001 s (1 ms), or simulated time cannot advance`, `nodes[0].qty: must be <= ${L.MAX_QTY}`]);
    // Each distribution reports its scale parameter: uniform's max, gamma's scale, empirical's values.
    const tiny = [
      [{ dist: 'uniform', min: 0, max: 1e-5 }, 'max'],
      [{ dist: 'gamma', shape: 2, scale: 1e-6 }, 'scale'],
      [{ dist: 'empirical', values: [0, 1e-4], probs: [0.5, 0.5] }, 'values'],
    ] as const;
    for (const [cycle, field] of tiny) expect(problems(ModelSchema, modelWith({ ...machine, cycle }))[0]).toMatch(new RegExp(`^nodes\\[1\\]\\.cycle\\.${field}: gives a mean of`));
    const fleet = modelWith({ type: 'vehicles', count: L.MAX_VEHICLES + 1, speedMps: 1, perTrip: L.MAX_BATCH_SIZE + 1, pickupPlaces: L.MAX_CAPACITY + 1 });
    // (The fleet's missing layout is reported too; only the limits matter here.)
    expect(problems(ModelSchema, fleet).filter((p) => p.includes('must be <='))).toEqual([`nodes[1].count: must be <= ${L.MAX_VEHICLES}`, `nodes[1].perTrip: must be <= ${L.MAX_BATCH_SIZE}`, `nodes[1].pickupPlaces: must be <= ${L.MAX_CAPACITY}`]);
  });

  it(`more than ${L.MAX_NODES} nodes`, () => {
    const nodes = Array.from({ length: L.MAX_NODES + 1 }, (_, i) => ({ id: `b${i}`, type: 'sink' }));
    expect(problems(ModelSchema, { name: 'big', nodes })).toContain(`nodes: must list at most ${L.MAX_NODES} nodes`);
  });
});

describe('live edits go through the same limits', () => {
  const edit = (field: string, value: unknown) => problems(SetParamSchema, { type: 'setParam', nodeId: 'n', field, value });
  it('servers 1e9, capacity 1e9 and interarrival 1e-300 are refused; the limits are accepted', () => {
    expect(edit('servers', 1e9)).toEqual([`value: must be <= ${L.MAX_SERVERS}`]);
    expect(edit('capacity', 1e9)).toEqual([`value: must be <= ${L.MAX_CAPACITY}`]);
    expect(edit('interarrival', exp(1e-300))).toEqual(['value.mean: gives a mean of 1e-300 s; must be >= 0.001 s (1 ms), or simulated time cannot advance']);
    expect(edit('servers', L.MAX_SERVERS)).toEqual([]);
    expect(edit('capacity', L.MAX_CAPACITY)).toEqual([]);
    expect(edit('interarrival', exp(L.MIN_MEAN_DURATION_S))).toEqual([]);
  });
});

describe('runs, experiments and optimisations: horizon and cost by arithmetic', () => {
  it('a run longer than ten years, or with more replications than the cap', () => {
    expect(problems(RunRequestSchema, { model: 'demo-line', horizonS: L.MAX_HORIZON_S + 1, replications: L.MAX_RUN_REPLICATIONS + 1 })).toEqual([
      `horizonS: must be <= ${L.MAX_HORIZON_S}`,
      `replications: must be <= ${L.MAX_RUN_REPLICATIONS}`,
    ]);
  });

  it('a 1000 × 1000 sweep is refused by its count (10^6 alternatives), before anything is listed', () => {
    const sweep = { parameters: [{ path: 'a.servers', from: 1, to: 1000, step: 1 }, { path: 'b.servers', from: 1, to: 1000, step: 1 }] };
    expect(problems(ExperimentSchema, { name: 'huge', model: 'demo-line', horizon: '1d', replications: 2, sweep })).toEqual([
      `sweep: gives 1000000 alternatives (1000 × 1000); must be <= ${L.MAX_ALTERNATIVES}`,
    ]);
  });

  it('alternatives × (replications + pilot) × horizon above the cap names the field that sets it', () => {
    // 4 scenarios × (1000 replications + 1 pilot) × 30 d = 120,120 simulated days > 100,000.
    const scenarios = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    expect(problems(ExperimentSchema, { name: 'long', model: 'demo-line', horizon: '30d', replications: 1000, scenarios, warmupReport: false })).toEqual([
      `replications: asks for 120120 simulated days (alternatives × (replications + pilot) × horizon); must be <= ${L.MAX_EXPERIMENT_SIM_DAYS}: fewer alternatives, replications or a shorter horizon`,
    ]);
    // The same with 800 replications: 4 × 801 × 30 = 96,120 days, accepted.
    expect(problems(ExperimentSchema, { name: 'ok', model: 'demo-line', horizon: '30d', replications: 800, scenarios, warmupReport: false })).toEqual([]);
    expect(problems(ExperimentSchema, { name: 'far', model: 'demo-line', horizon: L.MAX_HORIZON_S + 1, replications: 2, scenarios })).toEqual([`horizon: must be <= ${L.MAX_HORIZON_S}`]);
  });

  it('an optimisation: candidates × maxReplications × horizon', () => {
    // A 100 × 100 grid (> exhaustiveUpTo 512), so maxEvaluations 10000 candidates × 20 replications × 1 d = 200,000 days.
    const variables = [{ path: 'a.servers', from: 1, to: 100, step: 1 }, { path: 'b.servers', from: 1, to: 100, step: 1 }];
    const file = { model: 'demo-line', horizon: '1d', replications: 5, maxEvaluations: 10000, variables, objective: { maximize: 'kpis.gwhPerYear' } };
    expect(problems(OptimizeSchema, file)).toEqual([
      `maxEvaluations: asks for up to 200000 simulated days (candidates × maxReplications × horizon); must be <= ${L.MAX_EXPERIMENT_SIM_DAYS}: fewer evaluations or replications, or a shorter horizon`,
    ]);
    expect(problems(OptimizeSchema, { ...file, maxEvaluations: 64 })).toEqual([]);
  });
});

describe('simulated time must be able to advance', () => {
  it('a routing loop of buffers and splits only is refused (parts would circle it at one instant)', () => {
    const model = {
      name: 'zero-time loop',
      nodes: [
        { id: 'src', type: 'source', interarrival: exp(60), to: 'a' },
        { id: 'a', type: 'buffer', capacity: null, to: 'b' },
        { id: 'b', type: 'split', k: 1, to: [{ id: 'a', p: 0.5 }, { id: 'm', p: 0.5 }] },
        { id: 'm', ...machine, to: 'out' },
        { id: 'out', type: 'sink' },
      ],
    };
    expect(problems(ModelSchema, model)).toEqual([
      'nodes[1].to: routing loop a → b → a has only buffers and splits, which take no time, so parts would circle it without simulated time passing; put a station, delay or conveyor in the loop',
    ]);
    // Through a delay, time passes on every lap: accepted.
    const delayed = { ...model, nodes: model.nodes.map((n) => (n.id === 'a' ? { id: 'a', type: 'delay', time: exp(5), to: 'b' } : n)) };
    expect(problems(ModelSchema, delayed)).toEqual([]);
  });
});
