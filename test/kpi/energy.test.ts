import { describe, expect, it } from 'vitest';
import { ModelSchema, type ModelInput } from '../../server/protocol/model.ts';
import { powerIn } from '../../server/protocol/economics.ts';
import { runModel } from '../../server/experiments/runner.ts';
import { parseOrThrow, ValidationError } from '../../server/protocol/errors.ts';

const constant = (value: number) => ({ dist: 'constant' as const, value });

/**
 * Two deterministic lines in one hall, measured from 3,000 s to 33,000 s (30,000 s):
 * - line 1: a part every 300 s → `paced` (1 server, 100 s cycle, no calendar) → sink.
 *   Each 300 s period holds 100 s of work whatever its phase, and the window is 100 whole
 *   periods: working 10,000 s, idle 20,000 s (shares 1/3, 2/3).
 * - line 2: unlimited supply → `shifted` (2 servers, 100 s cycle) on a calendar on 0–2,450 s of
 *   every 3,000 s → sink. Never starved or blocked, so each server works whenever on shift:
 *   10 periods × 2,450 s = 24,500 s working, 10 × 550 s = 5,500 s off shift (a cycle cut by the
 *   shift end waits off shift and resumes, so no cycle straddles into working time off shift).
 */
const input: ModelInput = {
  name: 'energy by hand',
  product: { whPerCell: 1000, cellsFrom: 'paced' },
  calendars: { part: { periodS: 3000, shifts: [{ startS: 0, endS: 2450 }] } },
  areas: [{ id: 'hall', baseKw: 100 }],
  nodes: [
    { id: 'feed', type: 'source', interarrival: constant(300), to: 'paced', area: 'hall' },
    { id: 'paced', type: 'machine', cycle: constant(100), power: { workingKw: 30, idleKw: 6 }, to: 'out1', area: 'hall' },
    { id: 'out1', type: 'sink', area: 'hall' },
    { id: 'supply', type: 'source', to: 'shifted', area: 'hall' },
    { id: 'shifted', type: 'machine', servers: 2, calendar: 'part', cycle: constant(100), power: { workingKw: 12, offShiftKw: 0.5 }, to: 'out2', area: 'hall' },
    { id: 'out2', type: 'sink', area: 'hall' },
  ],
};

describe('energy metered from state times on deterministic stations', () => {
  const model = ModelSchema.parse(input);
  const run = runModel(model, { horizonS: 33000, warmupS: 3000, seed: 1, replications: 1 });
  const e = run.kpis.energy!;

  it('has the hand-computed state shares', () => {
    const paced = run.nodes.paced.states as Record<string, number>;
    expect(paced.working).toBeCloseTo(1 / 3, 12);
    expect(paced.idle).toBeCloseTo(2 / 3, 12);
    const shifted = run.nodes.shifted.states as Record<string, number>;
    expect(shifted.working).toBeCloseTo(24500 / 30000, 12);
    expect(shifted.offShift).toBeCloseTo(5500 / 30000, 12);
  });

  it('kWh per station, per area and in total equal the hand arithmetic', () => {
    // paced: (10,000 s × 30 kW + 20,000 s × 6 kW) / 3,600 = 420,000 / 3,600 = 116.667 kWh
    expect(e.byNode.paced).toBeCloseTo(420000 / 3600, 9);
    // shifted: 2 servers × (24,500 s × 12 kW + 5,500 s × 0.5 kW) / 3,600 = 593,500 / 3,600 = 164.861 kWh
    expect(e.byNode.shifted).toBeCloseTo(593500 / 3600, 9);
    // hall base: 100 kW × 30,000 s / 3,600 = 833.333 kWh, drawn whatever the stations do
    expect(e.baseByArea.hall).toBeCloseTo(3000000 / 3600, 9);
    const total = (420000 + 593500 + 3000000) / 3600; // 1,114.86 kWh
    expect(e.byArea.hall).toBeCloseTo(total, 9);
    expect(e.kwh).toBeCloseTo(total, 9);
  });

  it('kWh per kWh of cells: 100 cells of 1 kWh leave `paced` in the window', () => {
    // completions at 3,100, 3,400, …, 32,800 s: 100 cells × 1 kWh
    expect(run.kpis.cellsPerDay! * (30000 / 86400)).toBeCloseTo(100, 9);
    expect(e.kwhPerKwhCell).toBeCloseTo((420000 + 593500 + 3000000) / 3600 / 100, 9);
  });

  it('a state without power falls back to idleKw, then to 0', () => {
    expect(powerIn({ workingKw: 30, idleKw: 6 }, 'blocked')).toBe(6);
    expect(powerIn({ workingKw: 30, idleKw: 6 }, 'down')).toBe(6);
    expect(powerIn({ workingKw: 12, offShiftKw: 0.5 }, 'idle')).toBe(0);
    expect(powerIn({ workingKw: 12, offShiftKw: 0.5 }, 'offShift')).toBe(0.5);
  });

  it('no power data → energy is null', () => {
    const plain = ModelSchema.parse({ ...input, areas: [{ id: 'hall' }], nodes: input.nodes.map(({ power: _p, ...n }: Record<string, unknown>) => n) });
    expect(runModel(plain, { horizonS: 3300, warmupS: 300, seed: 1, replications: 1 }).kpis.energy).toBeNull();
  });

  it('refuses bad power data naming the field', () => {
    const bad = structuredClone(input) as { nodes: Record<string, unknown>[]; areas: Record<string, unknown>[] };
    bad.nodes[1].power = { workingKw: -1, standbyKw: 3 };
    bad.areas[0].baseKw = 'lots';
    let lines: string[] = [];
    try {
      parseOrThrow(ModelSchema, bad, 'model');
    } catch (err) {
      lines = (err as ValidationError).problems;
    }
    expect(lines).toContain('nodes[1].power.workingKw: must be >= 0');
    expect(lines).toContain('nodes[1].power.standbyKw: unknown field');
    expect(lines.some((l) => l.startsWith('areas[0].baseKw:'))).toBe(true);
  });
});
