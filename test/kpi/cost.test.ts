import { describe, expect, it } from 'vitest';
import { ModelSchema, type ModelInput } from '../../server/protocol/model.ts';
import { annuityFactor } from '../../server/protocol/economics.ts';
import { computeKpis, type RunStats } from '../../server/kpi/kpis.ts';

const constant = (value: number) => ({ dist: 'constant' as const, value });
const states = (s: Record<string, number>) => ({ working: 0, idle: 0, blocked: 0, setup: 0, down: 0, offShift: 0, ...s });

/** A source of 10-unit parts → `cell` (makes 1 kWh cells, 10 % to grade B) → `pack` (on a half-day calendar) → sinks. */
const input: ModelInput = {
  name: 'cost by hand',
  // A-grade cells are those delivered towards module making (`modulesFrom`); the 10 % routed to the b-grade sink are not.
  product: { whPerCell: 1000, cellsFrom: 'cell', modulesFrom: 'pack', currency: 'EUR' },
  calendars: { half: { periodS: 86400, shifts: [{ startS: 0, endS: 43200 }] } },
  areas: [{ id: 'hall', capex: 2000, operators: 0.5, baseKw: 10 }],
  economics: { electricityPerKwh: 0.1, labourPerHour: 20, annuity: { years: 10, rate: 0.08 }, plantCapex: 1000 },
  nodes: [
    { id: 'raw', type: 'source', qty: 10, materialCost: 2, to: 'cell', area: 'hall' },
    { id: 'cell', type: 'machine', cycle: constant(10), capex: 1000, operators: 1, scrapCost: 3, power: { workingKw: 36 },
      to: [{ id: 'pack', p: 0.9 }, { id: 'b-grade', p: 0.1 }], area: 'hall' },
    { id: 'pack', type: 'machine', servers: 2, calendar: 'half', cycle: constant(10), capex: 500, operators: 2, to: 'out', area: 'hall' },
    { id: 'b-grade', type: 'sink', area: 'hall' },
    { id: 'out', type: 'sink', area: 'hall' },
  ],
};
const model = ModelSchema.parse(input);

/** One measured day (86,400 s): 100 parts of 10 units released, 1,000 cells in, 100 scrapped, 900 good, 90 to grade B. */
const run: RunStats = {
  horizonS: 2 * 86400,
  warmupS: 86400,
  system: { avgTimeInSystemS: 100, leadTimeP95S: 200 },
  sinks: { 'b-grade': { count: 90, units: 90 }, out: { count: 810, units: 810 } },
  nodes: {
    raw: { type: 'source', completed: 100, scrapped: 0 },
    cell: { type: 'machine', completed: 1000, unitsProcessed: 1000, scrapped: 100, states: states({ working: 0.25, idle: 0.75 }) },
    pack: { type: 'machine', completed: 810, unitsProcessed: 810, scrapped: 0, states: states({ working: 0.1, idle: 0.4, offShift: 0.5 }) },
  },
};

describe('cost KPIs on a hand-computed day', () => {
  const k = computeKpis(model, run);
  const c = k.cost!;
  // One measured day and `cell` has no calendar: a count in the window × 365 is its count per year.
  const perYear = 365;

  it('A-grade cells and energy', () => {
    // good cells 1,000 − 100 = 900, less 90 to the grade-B sink = 810 A-grade cells of 1 kWh
    // energy: cell 0.25 × 24 h × 36 kW = 216 kWh; hall 10 kW × 24 h = 240 kWh; total 456 kWh
    expect(k.energy!.kwh).toBeCloseTo(456, 9);
    expect(k.energy!.kwhPerKwhCell).toBeCloseTo(456 / 810, 12);
  });

  it('capex and its annuity', () => {
    // 1,000 × 1 server + 500 × 2 servers + hall 2,000 + plant 1,000 = 5,000
    expect(c.capex).toBe(5000);
    // annuity factor 0.08 / (1 − 1.08^−10): 1.08^10 = 2.158925, 1/… = 0.463193, 0.08 / 0.536807 = 0.1490295
    expect(annuityFactor(10, 0.08)).toBeCloseTo(0.1490295, 6);
    expect(annuityFactor(5, 0)).toBe(0.2);
    expect(c.perYear.capex).toBeCloseTo(5000 * 0.1490295, 3);
  });

  it('labour: positions × on-shift hours × price', () => {
    // cell 1 × 8,760 h + pack 2 × 4,380 h (half-day calendar) + hall 0.5 × 8,760 h = 21,900 h × €20
    expect(c.operators).toBe(3.5);
    expect(c.perYear.labour).toBeCloseTo(21900 * 20, 6);
  });

  it('energy, materials and scrap per year; scrap is not added to the total', () => {
    expect(c.perYear.energy).toBeCloseTo(456 * perYear * 0.1, 6); // €16,644
    expect(c.perYear.materials).toBeCloseTo(100 * 10 * 2 * perYear, 6); // €730,000
    expect(c.perYear.scrap).toBeCloseTo(100 * 3 * perYear, 6); // €109,500
    const total = 5000 * annuityFactor(10, 0.08) + 21900 * 20 + 456 * perYear * 0.1 + 100 * 10 * 2 * perYear;
    expect(c.perYear.total).toBeCloseTo(total, 6);
    // € per A-grade kWh: 810 kWh × 365 a year
    expect(c.eurPerKwh).toBeCloseTo(total / (810 * perYear), 9);
  });

  it('no economics block → cost is null', () => {
    const { economics: _e, ...rest } = input;
    expect(computeKpis(ModelSchema.parse(rest), run).cost).toBeNull();
  });
});
