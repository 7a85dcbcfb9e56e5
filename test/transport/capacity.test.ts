/**
 * Conveyor accumulation and fleet throughput against theory, the static bound
 * with transport, and layouts: a longer layout never carries more.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../server/experiments/runner.ts';
import { staticCapacity } from '../../server/kpi/capacity.ts';
import { buildModel, constant, exponential, nodeField, type DistInput, type NodeInput } from '../validation/helpers.ts';

const run = (model: ReturnType<typeof buildModel>, horizonS: number, seed = 1) => runReplication(model, { horizonS, warmupS: 0, seed }, 0).report;

describe('conveyor accumulation', () => {
  it('a blocked head stops releasing; parts queue up to capacity and the feeder then blocks', () => {
    // Parts every 1 s onto a 10 m belt at 1 m/s holding 5; the machine after it takes 100 s per part.
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: constant(1), to: 'belt', layout: { x: 0, z: 0 } },
      { id: 'belt', type: 'conveyor', speedMps: 1, lengthM: 10, capacity: 5, to: 'm' },
      { id: 'm', type: 'machine', cycle: constant(100), to: 'out', layout: { x: 10, z: 0 } },
      { id: 'out', type: 'sink', layout: { x: 20, z: 0 } },
    ]);
    const r = run(model, 10_010);
    expect(nodeField(r, 'belt', 'maxLevel')).toBe(5);
    // The first part reaches m at 11 s; m then finishes one every 100 s: 100 parts by 10,011 s, 99 by 10,010 s.
    expect(r.sinks.out.count).toBe(99);
    expect(nodeField(r, 'belt', 'avgLevel')).toBeGreaterThan(4.9);
    expect(nodeField(r, 'belt', 'headBlockedShare')).toBeGreaterThan(0.98);
  });

  it('spacing limits the rate to speed / spacing, and capacity to whole spacings on its length', () => {
    // Parts offered every 0.1 s; 1 m/s with 2 m between parts passes one every 2 s; 10 m holds 5.
    const belt = (lengthM: number) =>
      buildModel([
        { id: 'src', type: 'source', interarrival: constant(0.1), to: 'belt', layout: { x: 0, z: 0 } },
        { id: 'belt', type: 'conveyor', speedMps: 1, lengthM, spacingM: 2, to: 'out' },
        { id: 'out', type: 'sink', layout: { x: 9, z: 0 } },
      ]);
    const r = run(belt(10), 1000);
    expect(nodeField(r, 'belt', 'capacity')).toBe(5);
    // Entries at 0.1, 2.1, 4.1, …; each arrives 10 s later: arrivals ≤ 1000 s are those entering ≤ 990 s.
    expect(r.sinks.out.count).toBe(Math.floor((990 - 0.1) / 2) + 1);
    expect(staticCapacity(belt(10)).nodes.belt.jobsPerHour).toBeCloseTo(1800, 9);
    // 9 m hold only 4 whole spacings: each part rides 9 s, so by Little's law 4 / 9 parts per second.
    const short = run(belt(9), 1000);
    expect(nodeField(short, 'belt', 'capacity')).toBe(4);
    expect(Math.abs(short.sinks.out.count - (4 / 9) * 1000)).toBeLessThanOrEqual(4);
    expect(staticCapacity(belt(9)).nodes.belt.jobsPerHour).toBeCloseTo((4 / 9) * 3600, 9);
  });
});

/** One saturated machine (cycle 1 s) feeding a fleet that carries to a sink `distanceM` away. */
function fleet(distanceM: number, extra: Record<string, unknown> = {}, machineCycle: DistInput = constant(1)): ReturnType<typeof buildModel> {
  return buildModel([
    { id: 'raw', type: 'source', to: 'm', layout: { x: -10, z: 0 } },
    { id: 'm', type: 'machine', cycle: machineCycle, to: 'agv', layout: { x: 0, z: 0 } } as NodeInput,
    { id: 'agv', type: 'vehicles', count: 1, speedMps: 1.5, loadS: 20, unloadS: 10, to: 'out', layout: { x: 0, z: 0 }, ...extra } as NodeInput,
    { id: 'out', type: 'sink', layout: { x: distanceM, z: 0 } },
  ]);
}

describe('vehicle fleet throughput', () => {
  it('one vehicle with a deterministic round trip carries 1 / round trip, and the static bound says so', () => {
    // Round trip = load 20 + 60 m loaded + unload 10 + 60 m back = 30 + 120 / 1.5 = 110 s.
    const model = fleet(60);
    const T = 110_000;
    const r = run(model, T);
    // The first trip starts at 1 s (the first part) and needs no empty leg; then one delivery every 110 s.
    expect(r.sinks.out.count).toBe(Math.floor((T - 1 - 70) / 110) + 1);
    const cap = staticCapacity(model);
    expect(cap.bottleneck?.id).toBe('agv');
    expect(cap.nodes.agv.jobsPerHour).toBeCloseTo(3600 / 110, 9);
    // The machine waits for the vehicle: it works 1 s of every 110 s and is blocked the rest.
    expect((r.nodes.m.states as Record<string, number>).blocked).toBeCloseTo(109 / 110, 2);
  });

  it('n vehicles carry n parts per round trip once parts can wait beside the feeder; several parts per trip multiply it', () => {
    const T = 110_000;
    // Without pickup places the one-server machine holds one part at a time, so only one vehicle can be
    // called at a time: per part, 1 s cycle + an idle vehicle's 60 m from the drop (40 s) + 20 s loading.
    const held = run(fleet(60, { count: 3 }), T).sinks.out.count;
    expect(Math.abs(held - T / 61)).toBeLessThanOrEqual(3);
    const three = run(fleet(60, { count: 3, pickupPlaces: 3 }), T).sinks.out.count;
    expect(Math.abs(three - (3 * T) / 110)).toBeLessThanOrEqual(3);
    // Four parts per trip from pickup places beside the machine (it makes one per second, so four are ready).
    const batched = run(fleet(60, { perTrip: 4, pickupPlaces: 4 }), T).sinks.out.count;
    expect(Math.abs(batched - (4 * T) / 110)).toBeLessThanOrEqual(4);
  });

  it('a longer layout never carries more when transport is the constraint (same seed)', () => {
    const made = [20, 40, 80, 160].map((d) => run(fleet(d, { count: 2 }, exponential(30)), 200_000, 7).sinks.out.count);
    for (let i = 1; i < made.length; i++) expect(made[i]).toBeLessThanOrEqual(made[i - 1]);
    expect(made[3]).toBeLessThan(made[0]);
  });

  it('the static bound stays above the simulated rate with several feeders, destinations and vehicles', () => {
    // Two saturated machines 30 m apart feed 3 vehicles; trips go to a near (p 0.7) or far (p 0.3) sink.
    const model = buildModel([
      { id: 'raw', type: 'source', to: [{ id: 'a', p: 0.5 }, { id: 'b', p: 0.5 }], layout: { x: -10, z: 0 } },
      { id: 'a', type: 'machine', cycle: exponential(5), to: 'agv', layout: { x: 0, z: 0 } },
      { id: 'b', type: 'machine', cycle: exponential(5), to: 'agv', layout: { x: 0, z: 30 } },
      { id: 'agv', type: 'vehicles', count: 3, speedMps: 1, loadS: 10, unloadS: 10, to: [{ id: 'near', p: 0.7 }, { id: 'far', p: 0.3 }], layout: { x: 5, z: 15 } },
      { id: 'near', type: 'sink', layout: { x: 40, z: 15 } },
      { id: 'far', type: 'sink', layout: { x: 120, z: 15 } },
    ]);
    const cap = staticCapacity(model);
    expect(cap.bottleneck?.id).toBe('agv');
    for (const seed of [1, 2, 3]) {
      const r = run(model, 500_000, seed);
      const perHour = ((r.sinks.near.count + r.sinks.far.count) * 3600) / 500_000;
      // The bound assumes the expected share 0.3 of far trips; 4 binomial standard deviations of that share
      // over the trips made shorten the mean trip by at most 4σ x (far − near trip difference, 160 m).
      const trips = r.sinks.near.count + r.sinks.far.count;
      const slackS = 4 * Math.sqrt((0.3 * 0.7) / trips) * 160;
      const meanTripBound = (3 * 3600) / cap.nodes.agv.jobsPerHour;
      expect(perHour).toBeLessThanOrEqual((3 * 3600) / (meanTripBound - slackS));
      expect(perHour).toBeGreaterThan(0.8 * cap.nodes.agv.jobsPerHour);
    }
  });
});
