import { describe, expect, it } from 'vitest';
import { ModelSchema, type ModelInput } from '../../server/protocol/model.ts';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';

/** Trays of `qty` cells every 10 s into an assembly of `need` units (or parts) per module. */
function line(qty: number, need: number, countUnits: boolean): ModelInput {
  return {
    name: 'units',
    nodes: [
      { id: 'trays', type: 'source', interarrival: { dist: 'constant', value: 10 }, qty, to: 'store' },
      { id: 'store', type: 'buffer', capacity: null, to: 'module' },
      { id: 'module', type: 'assembly', inputs: { store: need }, countUnits, cycle: { dist: 'constant', value: 1 }, to: 'out' },
      { id: 'out', type: 'sink' },
    ],
  };
}

function modulesAfter(model: ModelInput, t: number) {
  const plant = new Plant(ModelSchema.parse(model), 1, 0);
  plant.runUntil(t);
  return plantReport(plant);
}

describe('assembly that counts units', () => {
  it('builds one module per 24 cells whatever the tray size: trays of 10 over 1,000 s', () => {
    // Trays arrive at 10, 20, …, 1000 s: 100 trays = 1,000 cells. Module k is complete
    // when tray ceil(24k/10) arrives (at 10·ceil(2.4k) s) and leaves 1 s later, so by
    // t = 1000 the modules whose kit closed by t = 999 s are out: k ≤ 41 (24·41 = 984 cells).
    const r = modulesAfter(line(10, 24, true), 1000);
    expect(r.sinks.out.count).toBe(41);
  });

  it('keeps the remainder of a split tray for the next kit (trays of 30, need 24)', () => {
    // After n trays, 30n cells; modules started = floor(30n/24). 40 trays (t = 400) → 50 modules, the last leaves at 401.
    const r = modulesAfter(line(30, 24, true), 402);
    expect(r.sinks.out.count).toBe(50);
  });

  it('still counts parts when countUnits is off (the default)', () => {
    const r = modulesAfter(line(10, 24, false), 1000);
    // 24 trays per module: trays 24, 48, 72, 96 → 4 modules.
    expect(r.sinks.out.count).toBe(4);
    expect(ModelSchema.parse(line(10, 24, false)).nodes[2]).toMatchObject({ countUnits: false });
  });
});
