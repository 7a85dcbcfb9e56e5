/**
 * Yield algebra. Every unit in a finished cycle passes independently with
 * probability `yield` (binomially for qty > 1), so given N units processed the
 * scrapped count is Binomial(N, 1 − y) and units out of a line = units in × Πy.
 * Tolerances: 4 binomial standard deviations, plus the few units that are
 * legitimately still inside the line when the run stops (bounded exactly by the
 * WIP at the end × units per part).
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import type { Station } from '../../server/plant/station.ts';
import { buildModel, exponential, nodeField } from './helpers.ts';
import { binomialHalfWidth } from './statistics.ts';

const QTY = 10;

function twoStepLine(seed: number) {
  const model = buildModel([
    { id: 'src', type: 'source', interarrival: exponential(1), qty: QTY, to: 'm1' },
    { id: 'm1', type: 'machine', cycle: exponential(0.4), yield: 0.9, to: 'm2' },
    { id: 'm2', type: 'machine', cycle: exponential(0.4), yield: 0.8, to: 'out' },
    { id: 'out', type: 'sink' },
  ]);
  const plant = new Plant(model, seed, 0);
  plant.runUntil(100_000);
  return { plant, report: plantReport(plant) };
}

describe('yield with qty > 1 (binomial scrap)', () => {
  const { plant, report } = twoStepLine(21);
  const unitsIn = nodeField(report, 'src', 'completed') * QTY;
  const inLineUnits = plant.ctx.wip.current * QTY; // parts still between source and sink at the end

  it('each step scraps Binomial(units processed, 1 − yield)', () => {
    for (const [id, y] of [['m1', 0.9], ['m2', 0.8]] as const) {
      const station = plant.node(id) as Station;
      const processed = station.unitsProcessed; // includes the ≤ QTY units of a cycle still running
      const scrapped = nodeField(report, id, 'scrapped');
      expect(processed).toBeGreaterThan(50_000);
      expect(Math.abs(scrapped - (1 - y) * processed)).toBeLessThanOrEqual(binomialHalfWidth(processed, 1 - y) + QTY);
    }
  });

  it('expected units out = units in × 0.9 × 0.8', () => {
    const y = 0.9 * 0.8;
    expect(Math.abs(report.sinks.out.units - y * unitsIn)).toBeLessThanOrEqual(binomialHalfWidth(unitsIn, y) + inLineUnits);
  });

  it('units are conserved: in = out + scrapped + still in the line; scrapped units reach no sink', () => {
    const scrapped = nodeField(report, 'm1', 'scrapped') + nodeField(report, 'm2', 'scrapped');
    const unaccounted = unitsIn - report.sinks.out.units - scrapped;
    expect(unaccounted).toBeGreaterThanOrEqual(0);
    expect(unaccounted).toBeLessThanOrEqual(inLineUnits);
  });
});

describe('parts losing all their units leave the system', () => {
  // qty 3, yield 0.5: a part is scrapped whole with probability 0.5³ = 1/8; a
  // surviving part carries k units with P(k | k ≥ 1) = C(3,k)/7.
  const model = buildModel([
    { id: 'src', type: 'source', interarrival: exponential(1), qty: 3, to: 'm' },
    { id: 'm', type: 'machine', cycle: exponential(0.5), yield: 0.5, to: 'out' },
    { id: 'out', type: 'sink' },
  ]);
  const plant = new Plant(model, 4, 0);
  const arriving = [0, 0, 0, 0];
  plant.ctx.onTransfer = (_from, to, qty) => {
    if (to === 'out') arriving[qty]++;
  };
  plant.runUntil(60_000);
  const report = plantReport(plant);
  const cycles = nodeField(report, 'm', 'completed');

  it('sink receives 7/8 of the finished parts', () => {
    expect(Math.abs(report.sinks.out.count - (7 / 8) * cycles)).toBeLessThanOrEqual(binomialHalfWidth(cycles, 7 / 8));
  });

  it('units per surviving part follow Binomial(3, 0.5) conditioned on ≥ 1', () => {
    const n = report.sinks.out.count;
    expect(arriving[1] + arriving[2] + arriving[3]).toBe(n);
    for (const [k, p] of [[1, 3 / 7], [2, 3 / 7], [3, 1 / 7]] as const) {
      expect(Math.abs(arriving[k] - n * p), `${k} units`).toBeLessThanOrEqual(binomialHalfWidth(n, p));
    }
  });

  it('whole-part scrap leaves WIP: the count returns to what is physically in the plant', () => {
    const m = plant.node('m')!;
    expect(plant.ctx.wip.current).toBe(m.contents);
  });
});

describe('yield 1 scraps nothing', () => {
  it('every unit reaches the sink', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: exponential(1), qty: 4, to: 'm' },
      { id: 'm', type: 'machine', cycle: exponential(0.5), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 2, 0);
    plant.runUntil(5000);
    const r = plantReport(plant);
    expect(nodeField(r, 'm', 'scrapped')).toBe(0);
    expect(r.sinks.out.units).toBe(4 * r.sinks.out.count);
    expect(r.sinks.out.count + plant.ctx.wip.current).toBe(nodeField(r, 'src', 'completed'));
  });
});
