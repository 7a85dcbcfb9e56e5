import { describe, expect, it } from 'vitest';
import { ModelSchema, type Model, type ModelInput } from '../../server/protocol/model.ts';
import { computeKpis, type RunStats } from '../../server/kpi/kpis.ts';
import { staticCapacity } from '../../server/kpi/capacity.ts';
import { findBottleneck } from '../../server/kpi/bottleneck.ts';

const states = (s: Partial<Record<'working' | 'idle' | 'blocked' | 'setup' | 'down' | 'offShift', number>>) => ({ working: 0, idle: 0, blocked: 0, setup: 0, down: 0, offShift: 0, ...s });

/** Source → stacker (assembly of 2 inputs) → formation (batch) → eol → modules → sink, for hand checks. */
const input: ModelInput = {
  name: 'hand',
  product: { whPerCell: 100, cellsFrom: 'eol', modulesFrom: 'modules', cellsPerModule: 10, currency: 'EUR' },
  areas: [{ id: 'a' }, { id: 'b' }],
  nodes: [
    { id: 'cat', type: 'source', qty: 10, to: 'stack', area: 'a' },
    { id: 'an', type: 'source', qty: 10, to: 'stack', area: 'a' },
    { id: 'stack', type: 'assembly', inputs: { cat: 1, an: 1 }, qty: 10, yield: 0.9, cycle: { dist: 'constant', value: 100 }, nominalCycleS: 80, to: 'form', area: 'a' },
    { id: 'form', type: 'batch', servers: 2, batch: { size: 5 }, cycle: { dist: 'constant', value: 1000 }, nominalCycleS: 1000, to: 'eol', area: 'b' },
    { id: 'eol', type: 'machine', yield: 0.5, scrapCost: 3, cycle: { dist: 'constant', value: 10 }, to: 'modules', area: 'b',
      failures: { ttf: { dist: 'exponential', mean: 900 }, ttr: { dist: 'constant', value: 100 } } },
    { id: 'modules', type: 'assembly', inputs: { eol: 10 }, countUnits: true, cycle: { dist: 'constant', value: 5 }, to: 'out', area: 'b' },
    { id: 'out', type: 'sink', area: 'b' },
  ],
};
const model: Model = ModelSchema.parse(input);

const run: RunStats = {
  horizonS: 2 * 86400,
  warmupS: 86400,
  system: { avgTimeInSystemS: 500, leadTimeP95S: 900 },
  sinks: { out: { count: 40, units: 40, leadTimeMeanS: 700, leadTimeP95S: 1200 } },
  nodes: {
    stack: { type: 'assembly', completed: 864, unitsProcessed: 8640, scrapped: 864, states: states({ working: 0.5, setup: 0.1, down: 0.1, idle: 0.3 }) },
    form: { type: 'batch', completed: 600, unitsProcessed: 6000, scrapped: 0, states: states({ working: 0.5, idle: 0.3, offShift: 0.2 }) },
    eol: { type: 'machine', completed: 600, unitsProcessed: 6000, scrapped: 3000, states: states({ working: 0.2, idle: 0.8 }) },
    modules: { type: 'assembly', completed: 300, unitsProcessed: 300, scrapped: 0, states: states({ working: 0.9, idle: 0.1 }) },
  },
  monitor: { wipByNode: { stack: 1, form: 10, eol: 1, modules: 0, out: 0, cat: 0, an: 0 }, wipByArea: { a: 1, b: 11 }, sampleS: 600, windowS: 3600,
    windows: [
      { startS: 0, bottleneck: 'modules', activeShare: 0.9 },
      { startS: 3600, bottleneck: 'modules', activeShare: 0.9 },
      { startS: 7200, bottleneck: 'stack', activeShare: 0.8 },
      { startS: 10800, bottleneck: 'modules', activeShare: 0.9 },
    ] },
};

describe('computeKpis on a hand-computed run (1 measured day)', () => {
  const k = computeKpis(model, run);

  it('counts good cells at cellsFrom, modules and GWh/yr', () => {
    expect(k.measuredS).toBe(86400);
    expect(k.cellsPerDay).toBe(3000); // 6000 processed − 3000 scrapped at eol
    expect(k.modulesPerDay).toBe(300); // qty 1 per module
    expect(k.packsPerDay).toBeNull();
    // 3000 cells/day × 100 Wh × 365 days (no calendar) = 0.1095 GWh
    expect(k.gwhPerYear).toBeCloseTo((3000 * 100 * 365) / 1e9, 12);
  });

  it('yields: the cell chain stops at the two-input stacker; inputs are sources (yield 1)', () => {
    expect(k.yield.byNode).toEqual({ stack: 0.9, form: 1, eol: 0.5, modules: 1 });
    expect(k.yield.cell).toBeCloseTo(0.45, 12);
    expect(k.yield.inputs).toEqual({ cat: 1, an: 1 });
    expect(k.yield.overall).toBeCloseTo(0.45, 12);
  });

  it('scrap by node with cost where the model knows it', () => {
    expect(k.scrapByNode.eol).toEqual({ units: 3000, share: 0.5, cost: 9000 });
    expect(k.scrapByNode.stack).toEqual({ units: 864, share: 0.1, cost: null });
    expect(k.scrapCostTotal).toBe(9000);
  });

  it('OEE = availability × performance × quality against nominalCycleS', () => {
    // stack: operating 1 − 0.1 − 0.1 = 0.8 of 86,400 s; 864 jobs × 80 s = 69,120 s → P = 1.0
    expect(k.oee.stack.availability).toBeCloseTo(0.8, 12);
    expect(k.oee.stack.performance).toBeCloseTo(69120 / (0.8 * 86400), 12);
    expect(k.oee.stack.quality).toBeCloseTo(0.9, 12);
    expect(k.oee.stack.oee).toBeCloseTo(0.8 * 1 * 0.9, 12);
    // form: on shift 0.8, no losses → A = 1; 600 parts / 5 = 120 batches × 1000 s over 2 × 0.8 × 86,400 s
    expect(k.oee.form.availability).toBe(1);
    expect(k.oee.form.performance).toBeCloseTo(120000 / (2 * 0.8 * 86400), 12);
    // eol has no nominalCycleS: the mean cycle (10 s) is the reference
    expect(k.oee.eol.nominalFrom).toBe('cycle-mean');
    expect(k.oee.eol.performance).toBeCloseTo((600 * 10) / 86400, 12);
  });

  it('lead time from the pack/module sink when the product names one, else the system', () => {
    expect(k.leadTimeS).toEqual({ mean: 500, p95: 900, sink: null }); // no packsFrom in this model
  });

  it('WIP by area in parts and cell-equivalents', () => {
    expect(k.wipByArea?.parts).toEqual({ a: 1, b: 11 });
    // Nominal cells, before yield losses: a tray in formation or eol is the 10 cells it was made as (10 + 1 trays),
    // the tray held in the stacker likewise; a cathode or an anode part would be half a tray each (none held here).
    expect(k.wipByArea?.cellEquivalents.b).toBeCloseTo(11 * 10, 9);
    expect(k.wipByArea?.cellEquivalents.a).toBeCloseTo(1 * 10, 9);
    expect(k.wipByArea?.totalCellEquivalents).toBeCloseTo(120, 9);
  });

  it('bottleneck by the active-period method, with its shifts between windows', () => {
    const b = findBottleneck(model, run)!;
    expect(b.id).toBe('modules'); // active 0.9 vs stack 0.7, form 0.5/0.8, eol 0.2
    expect(b.ranking.map((r) => r.id)).toEqual(['modules', 'stack', 'form', 'eol']);
    expect(b.ranking[2].activeShare).toBeCloseTo(0.5 / 0.8, 12);
    expect(b.shifts).toEqual([
      { atS: 7200, from: 'modules', to: 'stack' },
      { atS: 10800, from: 'stack', to: 'modules' },
    ]);
    expect(b.windowShare).toEqual({ modules: 0.75, stack: 0.25 });
  });
});

describe('staticCapacity on hand-computed cases', () => {
  const cap = staticCapacity(model);

  it('converts every station to good cells/h through yields, kits and batches', () => {
    // (precision 6: a tray of 10 loses all its cells at the stacker with probability 0.1^10, a 1e-10 effect)
    // Per good cell at eol: eol gets 2 units per good cell; a tray of stack carries 10 × 0.9 = 9 units.
    // stack: 36 kits/h × 9 units × 0.5 = 162 cells/h
    expect(cap.nodes.stack.cellsPerHour).toBeCloseTo(162, 6);
    // form: 2 × 5 trays / 1000 s = 36 trays/h × 9 × 0.5 = 162 cells/h
    expect(cap.nodes.form.cellsPerHour).toBeCloseTo(162, 6);
    // eol: A = 900 / 1000 = 0.9 → 324 trays/h × 4.5 = 1458 cells/h
    expect(cap.nodes.eol.availability).toBeCloseTo(0.9, 12);
    expect(cap.nodes.eol.cellsPerHour).toBeCloseTo(1458, 6);
    // modules: 720 modules/h × 10 cells = 7200 cells/h
    expect(cap.nodes.modules.cellsPerHour).toBeCloseTo(7200, 6);
    expect(cap.cellsPerHour).toBeCloseTo(162, 6);
    expect(cap.gwhPerYear).toBeCloseTo((162 * 8760 * 100) / 1e9, 9);
    expect(cap.modulesPerDay).toBeCloseTo((162 * 24) / 10, 6);
  });

  it('applies setups and the shift calendar', () => {
    const m = ModelSchema.parse({
      ...input,
      calendars: { half: { periodS: 86400, shifts: [{ startS: 0, endS: 43200 }] } },
      nodes: input.nodes.map((n) => (n.id === 'eol' ? { ...n, calendar: 'half', setup: { everyParts: 4, time: { dist: 'constant', value: 20 } } } : n)),
    });
    const eol = staticCapacity(m).nodes.eol;
    // busy per tray = 10 / 0.9 + 20 / 4 = 16.11 s; half the day on shift
    expect(eol.onShare).toBe(0.5);
    expect(eol.jobsPerHour).toBeCloseTo((3600 / (10 / 0.9 + 5)) * 0.5, 9);
    expect(eol.setupShare).toBeCloseTo(5 / (10 / 0.9 + 5), 12);
  });
});

describe('lead time before the first pack ships', () => {
  it('is NaN (null in JSON), not zero days', () => {
    const withPacks = ModelSchema.parse({ ...input, product: { ...input.product, packsFrom: 'modules' } });
    const empty = { ...run, sinks: { out: { count: 0, units: 0, leadTimeMeanS: Number.NaN, leadTimeP95S: Number.NaN } } };
    const k = computeKpis(withPacks, empty);
    expect(k.leadTimeS.sink).toBe('out');
    expect(k.leadTimeS.mean).toBeNaN();
    expect(k.leadTimeS.p95).toBeNaN();
    expect(computeKpis(withPacks, run).leadTimeS).toEqual({ mean: 700, p95: 1200, sink: 'out' });
  });
});
