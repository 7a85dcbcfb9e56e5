/**
 * The bottleneck KPI finds every kind of constraint, on plants whose true
 * constraint is known by hand; the static bound applies calendars to stores.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR, loadModelFile, loadModelWithScenario } from '../../server/files/model-files.ts';
import { applyScenario, ScenarioSchema } from '../../server/protocol/scenario.ts';
import type { Model } from '../../server/protocol/model.ts';
import { runModel, runReplication } from '../../server/experiments/runner.ts';
import { computeKpis } from '../../server/kpi/kpis.ts';
import { staticCapacity } from '../../server/kpi/capacity.ts';
import { bottleneckReason } from '../../server/kpi/bottleneck.ts';
import { buildModel, constant, exponential } from '../validation/helpers.ts';

const DAY = 86400;
const kpisOf = (model: Model, horizonS: number, warmupS = 0, seed = 1) => {
  const r = runReplication(model, { horizonS, warmupS, seed }, 0).report;
  return { report: r, kpis: computeKpis(model, { ...r, horizonS, warmupS }) };
};

/** Unlimited supply → m1 (10 s) → store of 20 places, 400 s dwell → m2 (10 s) → out. */
function storeLine(calendar?: { periodS: number; shifts: { startS: number; endS: number }[] }): Model {
  return buildModel(
    [
      { id: 'raw', type: 'source', to: 'm1' },
      { id: 'm1', type: 'machine', cycle: constant(10), to: 'store', ...(calendar ? { calendar: 'day' } : {}) },
      { id: 'store', type: 'delay', time: constant(400), capacity: 20, to: 'm2' },
      { id: 'm2', type: 'machine', cycle: constant(10), to: 'out' },
      { id: 'out', type: 'sink' },
    ],
    calendar ? { calendars: { day: calendar } } : {},
  );
}

describe('bottleneck: every kind of constraint', () => {
  it('a capacity-limited store caps the line at capacity / dwell (Little): 20 / 400 s = 180 parts/h, half the machines’ 360/h', () => {
    const model = storeLine();
    const cap = staticCapacity(model);
    expect(cap.bottleneck?.id).toBe('store');
    expect(cap.cellsPerHour).toBeCloseTo(180, 9);
    const T = 20 * 3600;
    const { report, kpis } = kpisOf(model, T);
    // Deterministic: the store fills with 20 parts by 200 s; from then one part leaves every 20 s
    // (the first at 410 s), each replaced at once by the part m1 holds; the last reaches `out` 10 s later.
    expect(Math.abs(report.sinks.out.count - Math.floor((T - 420) / 20 + 1))).toBeLessThanOrEqual(1);
    const b = kpis.bottleneck!;
    expect(b.id).toBe('store');
    expect(b.kind).toBe('store');
    expect(b.measure).toBe('occupied');
    // Every place is held by a dwelling part except the instants between a departure and m1's hand-over.
    expect(b.share).toBeGreaterThan(0.99);
    // m1 works 10 s of every 20 s (blocked the rest), m2 likewise (starved the rest).
    expect(b.ranking.find((r) => r.id === 'm1')!.share).toBeCloseTo(0.5, 1);
    expect(bottleneckReason(b)).toMatch(/^store \(store\) — places occupied 1\d\d? % of on-shift time, full \d+ %$/);
  });

  it('a fleet of one vehicle whose round trip caps output is named, not the machine it blocks', () => {
    // Machine 1 s per part; one AGV: load 20 s + 60 m loaded + unload 10 s + 60 m back at 1.5 m/s = 110 s per part.
    const model = buildModel([
      { id: 'raw', type: 'source', to: 'm', layout: { x: -10, z: 0 } },
      { id: 'm', type: 'machine', cycle: constant(1), to: 'agv', layout: { x: 0, z: 0 } },
      { id: 'agv', type: 'vehicles', count: 1, speedMps: 1.5, loadS: 20, unloadS: 10, to: 'out', layout: { x: 0, z: 0 } },
      { id: 'out', type: 'sink', layout: { x: 60, z: 0 } },
    ]);
    expect(staticCapacity(model).bottleneck?.id).toBe('agv');
    const b = kpisOf(model, 110_000).kpis.bottleneck!;
    expect(b.id).toBe('agv');
    expect(b.kind).toBe('fleet');
    expect(b.measure).toBe('working');
    expect(b.share).toBeGreaterThan(0.99);
    // The machine works 1 s of every 110 s.
    expect(b.ranking.find((r) => r.id === 'm')!.share).toBeLessThan(0.02);
  });

  it('a conveyor whose places cap the line is named: 5 places / 10 s ride = 0.5 parts/s, machines 1 part/s', () => {
    const model = buildModel([
      { id: 'raw', type: 'source', to: 'm1', layout: { x: -10, z: 0 } },
      { id: 'm1', type: 'machine', cycle: constant(1), to: 'belt', layout: { x: 0, z: 0 } },
      { id: 'belt', type: 'conveyor', speedMps: 1, lengthM: 10, capacity: 5, to: 'm2' },
      { id: 'm2', type: 'machine', cycle: constant(1), to: 'out', layout: { x: 10, z: 0 } },
      { id: 'out', type: 'sink', layout: { x: 20, z: 0 } },
    ]);
    expect(staticCapacity(model).bottleneck?.id).toBe('belt');
    const { report, kpis } = kpisOf(model, 20_000);
    // By Little's law 5 riding parts / 10 s: one part every 2 s reaches m2, which is free again after 1 s.
    expect(Math.abs(report.sinks.out.count - 20_000 / 2)).toBeLessThanOrEqual(10);
    const b = kpis.bottleneck!;
    expect(b).toMatchObject({ id: 'belt', kind: 'conveyor', measure: 'occupied' });
    expect(b.share).toBeGreaterThan(0.95);
  });

  it('a plain machine bottleneck is still named (fast feeder, small buffer, slow machine)', () => {
    const model = buildModel([
      { id: 'raw', type: 'source', to: 'a' },
      { id: 'a', type: 'machine', cycle: exponential(40), to: 'buf' },
      { id: 'buf', type: 'buffer', capacity: 3, to: 'm' },
      { id: 'm', type: 'machine', cycle: exponential(60), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const b = kpisOf(model, 10 * DAY).kpis.bottleneck!;
    expect(b.id).toBe('m');
    expect(b.kind).toBe('station');
    // Seen from m the line is a birth–death chain on the parts in buf, m and a's held part (0..5), births at
    // 1/40, deaths at 1/60, r = 1.5: m starves with P(0) = (r − 1) / (r^6 − 1) = 0.5 / 10.39 = 0.048, so it is
    // active 95.2 % of the time (±0.03 covers 10 days of correlated samples with room).
    expect(b.share).toBeGreaterThan(0.952 - 0.03);
    expect(b.share).toBeLessThan(0.952 + 0.03);
    expect(b.blockedPath).toEqual([]);
  });

  it('the default plant with an aging store sized at the old 42.5 k trays names aging (as the bound does)', () => {
    const base = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
    const model = applyScenario(base, ScenarioSchema.parse({ model: 'default-plant', question: 'a too-small aging store', set: { aging: { capacity: 42_500 } } }));
    // 42,500 trays / 14 d = 126.5 trays/h < the ≈135 trays/h the stackers feed at their bound.
    expect(staticCapacity(model).bottleneck?.id).toBe('aging');
    const b = kpisOf(model, 75 * DAY, 45 * DAY).kpis.bottleneck!;
    expect(b.id).toBe('aging');
    expect(b.kind).toBe('store');
    expect(b.share).toBeGreaterThan(0.97);
  });

  it('the expansion stage with one rack AGV names the fleet (as the bound does)', () => {
    const { model: expansion } = loadModelWithScenario('default-plant', 'scenarios/expansion-stage.json');
    const model = applyScenario(expansion, ScenarioSchema.parse({ model: 'default-plant', question: 'one rack AGV', set: { 'rack-agv': { count: 1 } } }));
    expect(staticCapacity(model).bottleneck?.id).toBe('rack-agv');
    const b = kpisOf(model, 60 * DAY, 40 * DAY).kpis.bottleneck!;
    expect(b.id).toBe('rack-agv');
    expect(b.kind).toBe('fleet');
    expect(b.share).toBeGreaterThan(0.97);
  });
});

describe('static bound: calendars on stores', () => {
  it('a store fed by a station on an 8 h shift per day limits only while that shift runs: 180/h x 8/24 = 60/h', () => {
    const model = storeLine({ periodS: DAY, shifts: [{ startS: 0, endS: 8 * 3600 }] });
    const cap = staticCapacity(model);
    expect(cap.nodes.store.onShare).toBeCloseTo(1 / 3, 12);
    expect(cap.nodes.store.jobsPerHour).toBeCloseTo(60, 9);
    // m1 itself: 360/h x 1/3 = 120/h; m2 (no calendar) 360/h: the store is the bound.
    expect(cap.bottleneck?.id).toBe('store');
    expect(cap.cellsPerHour).toBeCloseTo(60, 9);
    // Hand count per day: the store is empty at each shift start (it drains within 400 s of the shift end).
    // m1 fills its 20 places by 200 s; the first part leaves at 410 s and one every 20 s after, each replaced
    // by m1's held part: 1 + floor((28,800 − 410) / 20) = 1,420 entries; m1's part finished at the shift end
    // enters at the next departure: 20 + 1,420 + 1 = 1,441 parts a day, each out 410 s later, against the
    // bound's 60 x 24 = 1,440 (C + (S − T) C / T = S C / T: exact but for that one part).
    const days = 10;
    const { report } = kpisOf(model, days * DAY);
    expect(Math.abs(report.sinks.out.count - days * 1441)).toBeLessThanOrEqual(days);
    expect(report.sinks.out.count / days).toBeLessThanOrEqual(cap.cellsPerHour * 24 + 1);
  });

  it('the default plant: the aging store bound counts its feeders’ 350 of 365 days', () => {
    const model = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
    const aging = model.nodes.find((n) => n.id === 'aging')!;
    if (aging.type !== 'delay' || aging.capacity === null) throw new Error('aging must be a finite store');
    const cap = staticCapacity(model);
    expect(cap.nodes.aging.onShare).toBeCloseTo(350 / 365, 9);
    expect(cap.nodes.aging.jobsPerHour).toBeCloseTo(((aging.capacity * 3600) / (14 * DAY)) * (350 / 365), 6);
  });
});

describe('run-level sanity', () => {
  it('runModel reports the bottleneck with kind, measure and share', () => {
    const r = runModel(storeLine(), { horizonS: 3 * 3600, warmupS: 0, seed: 1, replications: 2 });
    expect(r.kpis.bottleneck).toMatchObject({ id: 'store', kind: 'store', measure: 'occupied' });
  });
});
