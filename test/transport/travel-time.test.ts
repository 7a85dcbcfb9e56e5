/**
 * Travel times are distance / speed, with distances from the layout: exact,
 * deterministic hand-built cases (constant arrivals far apart, so nothing waits).
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../server/experiments/runner.ts';
import { buildModel, constant, nodeField } from '../validation/helpers.ts';

const run = (model: ReturnType<typeof buildModel>, horizonS = 10_000) => runReplication(model, { horizonS, warmupS: 0, seed: 1 }, 0).report;

describe('conveyor travel time', () => {
  it('= Manhattan distance between feeder and successor / speed when no length is given', () => {
    // Feeder at (0, 0), successor at (30, -40): 70 m along the aisles at 0.5 m/s = 140 s.
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: constant(1000), to: 'belt', layout: { x: 0, z: 0 } },
      { id: 'belt', type: 'conveyor', speedMps: 0.5, capacity: 10, to: 'out' },
      { id: 'out', type: 'sink', layout: { x: 30, z: -40 } },
    ]);
    const r = run(model);
    expect(nodeField(r, 'belt', 'lengthM')).toBe(70);
    expect(nodeField(r, 'belt', 'travelTimeS')).toBe(140);
    expect(r.sinks.out.count).toBe(9); // parts leave at 1000, 2000, … 9000 s and arrive 140 s later
    expect(r.sinks.out.leadTimeMeanS).toBeCloseTo(140, 9);
    expect(nodeField(r, 'belt', 'travelM')).toBe(9 * 70);
  });

  it('= length of its drawn path / speed, and lengthM overrides both', () => {
    const nodes = (belt: Record<string, unknown>) => [
      { id: 'src', type: 'source', interarrival: constant(1000), to: 'belt', layout: { x: 0, z: 0 } },
      { id: 'belt', type: 'conveyor', speedMps: 0.25, capacity: 10, to: 'out', ...belt },
      { id: 'out', type: 'sink', layout: { x: 100, z: 0 } },
    ] as Parameters<typeof buildModel>[0];
    // A 3-4-5 triangle then 7 m straight: 12 m.
    const drawn = run(buildModel(nodes({ path: [{ x: 0, z: 0 }, { x: 3, z: 4 }, { x: 10, z: 4 }] })));
    expect(drawn.sinks.out.leadTimeMeanS).toBeCloseTo(48, 9);
    const given = run(buildModel(nodes({ lengthM: 5, path: [{ x: 0, z: 0 }, { x: 3, z: 4 }, { x: 10, z: 4 }] })));
    expect(given.sinks.out.leadTimeMeanS).toBeCloseTo(20, 9);
  });
});

describe('vehicle travel time', () => {
  it('a part waits for the vehicle to come empty from its depot, then rides loaded: each leg = distance / speed', () => {
    // Depot at (0, 10), pickup at (0, 0), drop at (40, 30). Arrivals every 1000 s.
    // Per part: empty 10 m + load 15 s + loaded 70 m + unload 5 s; the vehicle then stays at the drop.
    // First part: 10/2 + 15 + 70/2 + 5 = 60 s; later parts: the vehicle comes from the drop, 70 m: 35 + 15 + 35 + 5 = 90 s.
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: constant(1000), to: 'agv', layout: { x: 0, z: 0 } },
      { id: 'agv', type: 'vehicles', count: 1, speedMps: 2, loadS: 15, unloadS: 5, to: 'out', layout: { x: 0, z: 10 } },
      { id: 'out', type: 'sink', layout: { x: 40, z: 30 } },
    ]);
    const r = run(model, 3500);
    expect(r.sinks.out.count).toBe(3);
    // Time in system starts when a part leaves its source, i.e. when it is loaded: the loaded leg + unloading.
    expect(r.sinks.out.leadTimeMeanS).toBeCloseTo(35 + 5, 9);
    expect(nodeField(r, 'agv', 'travelM')).toBeCloseTo(10 + 70 + 2 * (70 + 70), 9);
    expect(nodeField(r, 'agv', 'loadedTravelM')).toBeCloseTo(3 * 70, 9);
    expect(nodeField(r, 'agv', 'waitForTransportS')).toBeCloseTo((5 + 15 + 2 * (35 + 15)) / 3, 9);
    // Busy 60 + 90 + 90 s of 3500 s.
    expect(nodeField(r, 'agv', 'utilization')).toBeCloseTo(240 / 3500, 9);
  });

  it('parks at its depot when told to, and follows an explicit aisle instead of the Manhattan distance', () => {
    // Aisle from pickup (0,0) via (0,20) and (40,20) to the drop (40,0): 80 m instead of 40 m.
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: constant(1000), to: 'agv', layout: { x: 0, z: 0 } },
      { id: 'agv', type: 'vehicles', count: 1, speedMps: 1, park: 'home', paths: [{ from: 'src', to: 'out', via: [{ x: 0, z: 20 }, { x: 40, z: 20 }] }], to: 'out', layout: { x: 0, z: 0 } },
      { id: 'out', type: 'sink', layout: { x: 40, z: 0 } },
    ]);
    const r = run(model, 2500);
    // The depot is at the pickup, so every part waits 0 s and rides 80 s along the aisle; the aisle is
    // given for pickup → drop only, so the vehicle drives back to its depot the Manhattan way (40 m).
    expect(r.sinks.out.count).toBe(2);
    expect(r.sinks.out.leadTimeMeanS).toBeCloseTo(80, 9);
    expect(nodeField(r, 'agv', 'waitForTransportS')).toBe(0);
    expect(nodeField(r, 'agv', 'travelM')).toBeCloseTo(2 * (80 + 40), 9);
    expect((r.nodes.agv.vehicleStates as Record<string, number>).parking).toBeCloseTo(80 / 2500, 9);
  });
});
