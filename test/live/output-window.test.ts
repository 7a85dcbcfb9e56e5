import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { goodUnitsOut } from '../../server/kpi/index.ts';
import { moduleFeedCells, OutputWindow, shiftClockOf } from '../../server/live/output-window.ts';
import { SessionEngine } from '../../server/live/session-engine.ts';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import { PlantOutputSchema } from '../../server/protocol/plant-kpis.ts';
import { ModelSchema, type Model } from '../../server/protocol/model.ts';

const DAY = 86400;
const load = (name: string): Model => ModelSchema.parse(JSON.parse(readFileSync(new URL(`../../models/${name}.json`, import.meta.url), 'utf8')));

/** Feeds a window with a cumulative count c(t), observed every `stepS` up to `untilS`. */
function feed(w: OutputWindow, c: (t: number) => number, untilS: number, stepS = 600): void {
  for (let t = 0; t <= untilS; t += stepS) w.observe(t, c(t));
}

describe('output window (the headline rate)', () => {
  it('at a constant rate r the 7-day rate is r per day and every completed day holds r', () => {
    const r = 0.9; // cells per second: 77,760 per day
    const w = new OutputWindow();
    feed(w, (t) => r * t, 10 * DAY);
    const out = PlantOutputSchema.parse(w.read(10 * DAY + 1800, r * (10 * DAY + 1800), 160));
    expect(out.windowS).toBe(7 * DAY);
    expect(out.cellsPerDay).toBeCloseTo(r * DAY, 6);
    // Always on shift: GWh/yr = cells/day × 365 × Wh per cell / 1e9 (77,760 × 365 × 160 / 1e9 = 4.541).
    expect(out.gwhPerYear).toBeCloseTo((r * DAY * 365 * 160) / 1e9, 9);
    expect(out.daily.map((d) => d.dayStartS)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => d * DAY));
    for (const d of out.daily) expect(d.cells).toBe(Math.round(r * DAY));
  });

  it('a plant younger than 7 days is measured over its age; a plant that starts empty shows the fill', () => {
    // Nothing for 3 days, then 1 cell/s: at day 5 the window is 5 days holding 2 days of output.
    const c = (t: number) => Math.max(0, t - 3 * DAY);
    const w = new OutputWindow();
    feed(w, c, 5 * DAY);
    const out = w.read(5 * DAY, c(5 * DAY), null);
    expect(out.windowS).toBe(5 * DAY);
    expect(out.cells).toBeCloseTo(2 * DAY, 6);
    expect(out.cellsPerDay).toBeCloseTo((2 * DAY) / 5, 6);
    expect(out.gwhPerYear).toBeNull(); // no Wh per cell, no energy
    expect(out.daily.map((d) => d.cells)).toEqual([0, 0, 0, DAY, DAY]);
  });

  it('forgets the old plant when time goes back (a reset)', () => {
    const w = new OutputWindow();
    feed(w, (t) => 2 * t, 9 * DAY);
    feed(w, (t) => t, 2 * DAY); // new plant, 1 cell/s
    const out = w.read(2 * DAY, 2 * DAY, 100);
    expect(out.windowS).toBe(2 * DAY);
    expect(out.cellsPerDay).toBeCloseTo(DAY, 6);
    expect(out.daily.map((d) => d.cells)).toEqual([DAY, DAY]);
  });

  it('GWh/yr carries the on-shift pace over the on-shift part of the year', () => {
    // A week of 5 working days then 2 off; output 1 cell/s while on. Over the week 3..10:
    // on-shift share 5/7, cells 5 days' worth, so cells/day = 5/7 × 86,400 and GWh/yr =
    // (cells per on-shift day) × 365 × 5/7 × Wh / 1e9 = 86,400 × 365 × 5/7 × 100 / 1e9.
    const model = load('demo-line');
    model.calendars = { week: { periodS: 7 * DAY, shifts: [{ startS: 0, endS: 5 * DAY }] } };
    const eol = model.nodes.find((n) => n.id === 'eol')! as { calendar?: string };
    eol.calendar = 'week';
    const clock = shiftClockOf(model, 'eol');
    expect(clock.yearShare).toBeCloseTo(5 / 7, 12);
    expect(clock.onSeconds(3 * DAY, 10 * DAY)).toBe(5 * DAY);
    const on = (t: number) => Math.floor(t / (7 * DAY)) * 5 * DAY + Math.min(t % (7 * DAY), 5 * DAY);
    const w = new OutputWindow();
    feed(w, on, 10 * DAY);
    const out = w.read(10 * DAY, on(10 * DAY), 100, clock);
    expect(out.windowOnShare).toBeCloseTo(5 / 7, 12);
    expect(out.cellsPerDay).toBeCloseTo((5 / 7) * DAY, 6);
    expect(out.gwhPerYear).toBeCloseTo((DAY * 365 * (5 / 7) * 100) / 1e9, 9);
    expect(shiftClockOf(load('demo-line'), 'eol').yearShare).toBe(1);
  });
});

describe('warm start', () => {
  it('a session warmed for 20 days shows the plant at day 20 with the output of days 13–20 from the first KPIs', () => {
    const model = load('demo-line');
    const engine = new SessionEngine(model, 3, 60);
    engine.warmUp(20 * DAY);
    expect(engine.plant.now).toBe(20 * DAY);
    const out = engine.plantKpis().output!;
    // Independently: a plain plant with the same seed, its end-of-line counters read at days 13 and 20
    // (the demo line's cell step ships straight to its only sink, so all good cells count).
    const plant = new Plant(model, 3, 0);
    plant.runUntil(13 * DAY);
    const at13 = goodUnitsOut(plantReport(plant).nodes.eol)!;
    plant.runUntil(19 * DAY);
    const at19 = goodUnitsOut(plantReport(plant).nodes.eol)!;
    plant.runUntil(20 * DAY);
    const at20 = goodUnitsOut(plantReport(plant).nodes.eol)!;
    expect(at20 - at13).toBeGreaterThan(0);
    expect(out.windowS).toBe(7 * DAY);
    expect(out.cells).toBe(at20 - at13);
    expect(out.cellsPerDay).toBeCloseTo((at20 - at13) / 7, 9);
    expect(out.gwhPerYear).toBeCloseTo(((at20 - at13) / 7) * 365 * model.product!.whPerCell / 1e9, 12);
    expect(moduleFeedCells(model, engine.plant)).toBe(at20);
    // The last completed day (day 19) holds exactly that day's cells: samples fall on the hour, days on sample times.
    expect(out.daily.at(-1)).toEqual({ dayStartS: 19 * DAY, cells: at20 - at19 });
    expect(out.daily).toHaveLength(20);
  });

  it('counts only A-grade cells at the module feed of the default plant: good end-of-line cells minus grade B', () => {
    const model = load('default-plant');
    const plant = new Plant(model, 1, 0);
    plant.runUntil(19 * DAY);
    const r = plantReport(plant);
    const a = moduleFeedCells(model, plant)!;
    expect(a).toBe(goodUnitsOut(r.nodes.eol)! - r.sinks['grade-b'].units);
    // The model sends 3 % of trays to grade B: the A share must be near 97 % (±1 point over > 1,000 trays).
    expect(a / goodUnitsOut(r.nodes.eol)!).toBeGreaterThan(0.96);
    expect(a / goodUnitsOut(r.nodes.eol)!).toBeLessThan(0.98);
  });
});
