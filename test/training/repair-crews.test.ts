/**
 * Repair crews: a failed server is repaired only once a crew of its pool has
 * arrived. Theory for the checks: two saturated machines with exponential TTF
 * (rate λ) and TTR (rate μ) sharing one crew are the machine-repairman CTMC
 * 0 ⇄ 1 ⇄ 2 down (up-rates 2λ, λ; down-rate μ), so each machine's availability
 * is (2π0 + π1)/2 with π1 = 2ρπ0, π2 = 2ρ²π0, ρ = λ/μ; with travel time T and
 * one machine the up share is MTTF / (MTTF + T + MTTR) by renewal-reward.
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import { Station } from '../../server/plant/station.ts';
import { DOWN, WORKING } from '../../server/plant/part.ts';
import { buildModel, constant, exponential, type NodeInput } from '../validation/helpers.ts';

type Failures = Extract<NodeInput, { type: 'machine' }>['failures'];
const line = (id: string, failures: Failures): NodeInput[] => [
  { id: `${id}-src`, type: 'source', to: id },
  { id, type: 'machine', cycle: constant(10), failures, to: `${id}-out` },
  { id: `${id}-out`, type: 'sink' },
];

function station(plant: Plant, id: string): Station {
  return plant.node(id) as Station;
}

describe('repair crews', () => {
  it('one crew, two simultaneous breakdowns: the second repair waits for the first', () => {
    const never = { ttf: constant(1e12), ttr: constant(1), crew: 'maint' };
    const model = buildModel([...line('a', never), ...line('b', never)], { repairCrews: { maint: { count: 1, travelS: 0 } } });
    const plant = new Plant(model, 1, 0);
    plant.runUntil(5);
    station(plant, 'a').breakFor(100);
    station(plant, 'b').breakFor(100);
    plant.runUntil(150);
    expect(station(plant, 'a').serverStates()[0]).not.toBe(DOWN); // repaired at 105
    expect(station(plant, 'b').serverStates()[0]).toBe(DOWN); // waits, repaired at 205
    expect(plant.ctx.crews.get('maint')!.busy).toBe(1);
    plant.runUntil(204);
    expect(station(plant, 'b').serverStates()[0]).toBe(DOWN);
    plant.runUntil(206);
    expect(station(plant, 'b').serverStates()[0]).not.toBe(DOWN);
    expect(plant.ctx.crews.get('maint')!.wait.max).toBeCloseTo(100, 9);
  });

  it('two crews repair both at once; a dispatch moves a waiting repair to the front', () => {
    const never = { ttf: constant(1e12), ttr: constant(1), crew: 'maint' };
    const nodes = [...line('a', never), ...line('b', never), ...line('c', never)];
    const two = new Plant(buildModel(nodes, { repairCrews: { maint: { count: 2, travelS: 0 } } }), 1, 0);
    two.runUntil(1);
    for (const id of ['a', 'b']) station(two, id).breakFor(50);
    two.runUntil(52);
    for (const id of ['a', 'b']) expect(station(two, id).serverStates()[0]).not.toBe(DOWN);

    const one = new Plant(buildModel(nodes, { repairCrews: { maint: { count: 1, travelS: 10 } } }), 1, 0);
    one.runUntil(1);
    for (const id of ['a', 'b', 'c']) station(one, id).breakFor(50);
    expect(one.ctx.crews.get('maint')!.prioritise('c')).toBe(1);
    one.runUntil(1 + 2 * 60 + 1); // a (already assigned at the failure), then c ahead of b
    expect(station(one, 'c').serverStates()[0]).not.toBe(DOWN);
    expect(station(one, 'b').serverStates()[0]).toBe(DOWN);
  });

  it('stations without a crew are unaffected (same trace as a model without pools)', () => {
    const f = { ttf: exponential(500), ttr: exponential(50) };
    const plain = new Plant(buildModel(line('a', f)), 5, 0);
    const pooled = new Plant(buildModel(line('a', f), { repairCrews: { maint: { count: 1, travelS: 30 } } }), 5, 0);
    plain.runUntil(50_000);
    pooled.runUntil(50_000);
    expect(pooled.sim.eventsFired).toBe(plain.sim.eventsFired);
    expect(station(pooled, 'a').completed).toBe(station(plain, 'a').completed);
  });

  it('availability with travel time matches MTTF / (MTTF + travel + MTTR)', () => {
    const model = buildModel(line('a', { ttf: exponential(900), ttr: exponential(100), crew: 'maint' }), { repairCrews: { maint: { count: 1, travelS: 50 } } });
    const plant = new Plant(model, 11, 0);
    plant.runUntil(3_000_000);
    const working = station(plant, 'a').stateTime.fractions(plant.now)[WORKING];
    expect(working).toBeCloseTo(900 / 1050, 2); // ≈ 2850 cycles: s.e. of the share ≈ 0.003
  });

  it('two machines, one crew: availability of the machine-repairman model, below the unlimited-crew value', () => {
    const f = { ttf: exponential(1000), ttr: exponential(200), crew: 'maint' };
    const model = buildModel([...line('a', f), ...line('b', f)], { repairCrews: { maint: { count: 1, travelS: 0 } } });
    const plant = new Plant(model, 21, 0);
    plant.runUntil(6_000_000);
    const rho = 200 / 1000;
    const p0 = 1 / (1 + 2 * rho + 2 * rho * rho);
    const theory = (2 * p0 + 2 * rho * p0) / 2; // 0.8108; unlimited crews would give 0.8333
    const measured = (['a', 'b'] as const).map((id) => station(plant, id).stateTime.fractions(plant.now)[WORKING]);
    const mean = (measured[0] + measured[1]) / 2;
    expect(Math.abs(mean - theory)).toBeLessThan(0.008);
    expect(mean).toBeLessThan(1000 / 1200 - 0.01);
  });
});
