import type { Model } from '../protocol/model.ts';
import { routeTargets } from '../protocol/model.ts';
import type { PlantOutput } from '../protocol/plant-kpis.ts';
import { ShiftPattern } from '../engine/index.ts';
import { calendarOf } from '../kpi/calendar-share.ts';
import type { Plant } from '../plant/plant.ts';
import { Sink } from '../plant/sink.ts';
import { Station } from '../plant/station.ts';

const DAY_S = 86_400;
/** The headline rate looks back this far: a week smooths breakdowns and batch rhythms (formation racks, ovens). */
export const OUTPUT_WINDOW_S = 7 * DAY_S;
/** Spacing of the cumulative samples the window is read from; an hour is far below the window's length. */
export const OUTPUT_SAMPLE_S = 3600;
/** Completed days kept for the daily-output trend. */
export const OUTPUT_DAYS_KEPT = 30;

/** On-shift time of one station: its share of the calendar and the seconds on shift between two times. */
export interface ShiftClock {
  yearShare: number;
  onSeconds(t0: number, t1: number): number;
}

const ALWAYS_ON: ShiftClock = { yearShare: 1, onSeconds: (t0, t1) => Math.max(0, t1 - t0) };

/** The shift clock of `nodeId` from the model's calendars (its own, else its area's); always on without one. */
export function shiftClockOf(model: Model, nodeId: string | undefined): ShiftClock {
  const node = model.nodes.find((n) => n.id === nodeId);
  const id = node === undefined ? undefined : calendarOf(model, node);
  const def = id === undefined ? undefined : model.calendars[id];
  if (def === undefined) return ALWAYS_ON;
  const pattern = new ShiftPattern(def.periodS, def.shifts);
  if (pattern.alwaysOn) return ALWAYS_ON;
  return {
    yearShare: pattern.onShare,
    onSeconds(t0, t1) {
      let on = 0;
      for (let t = t0; t < t1; ) {
        const next = Math.min(t1, pattern.nextChange(t));
        if (pattern.isOn(t)) on += next - t;
        t = next;
      }
      return on;
    },
  };
}

interface Sample {
  t: number;
  cells: number;
}

/**
 * A-grade cells reaching the module feed since the plant started: the good units
 * out of `product.cellsFrom` minus those its routing sends straight to a sink
 * beside the way on (grade B); a cell step whose only exits are sinks (a line
 * without modules) counts all its good cells. Counters of the blocks themselves,
 * read without building a report. Null when the model names no cell station.
 */
export function moduleFeedCells(model: Model, plant: Plant): number | null {
  const from = model.product?.cellsFrom;
  const spec = from === undefined ? undefined : model.nodes.find((n) => n.id === from);
  const node = from === undefined ? undefined : plant.node(from);
  if (spec === undefined || !(node instanceof Station)) return null;
  let cells = node.unitsProcessed - node.scrapped;
  if (spec.type === 'sink') return cells;
  const targets = routeTargets(spec.to).map(({ id }) => plant.node(id));
  if (targets.every((t) => t instanceof Sink)) return cells;
  for (const t of targets) if (t instanceof Sink) cells -= t.units;
  return cells;
}

/**
 * The plant's recent output from cumulative samples: the rate over the last
 * 7 simulated days and the cells of each completed day. Pure bookkeeping over
 * (time, cumulative count) pairs, so it is tested without a plant. A sample at
 * an earlier time than the last one means a new plant (a reset): history restarts.
 */
export class OutputWindow {
  private samples: Sample[] = [];
  private nextSampleAt = 0;

  constructor(
    private readonly windowS = OUTPUT_WINDOW_S,
    private readonly sampleS = OUTPUT_SAMPLE_S,
    private readonly daysKept = OUTPUT_DAYS_KEPT,
  ) {}

  /** Records the cumulative count at `t` when a sample is due (every sampleS); cheap to call often. */
  observe(t: number, cells: number): void {
    const last = this.samples.at(-1);
    if (last !== undefined && t < last.t) {
      this.samples = [];
      this.nextSampleAt = 0;
    }
    if (t < this.nextSampleAt) return;
    this.samples.push({ t, cells });
    this.nextSampleAt = (Math.floor(t / this.sampleS) + 1) * this.sampleS;
    const keepFrom = t - Math.max(this.windowS, (this.daysKept + 1) * DAY_S) - this.sampleS;
    let drop = 0;
    while (drop < this.samples.length - 2 && this.samples[drop + 1].t < keepFrom) drop++;
    if (drop > 0) this.samples.splice(0, drop);
  }

  /** Cumulative count at time t, linear between samples (clamped to the first and last). */
  private countAt(t: number): number {
    const s = this.samples;
    if (t <= s[0].t) return s[0].cells;
    for (let i = 1; i < s.length; i++) {
      if (s[i].t >= t) {
        const f = (t - s[i - 1].t) / (s[i].t - s[i - 1].t || 1);
        return s[i - 1].cells + f * (s[i].cells - s[i - 1].cells);
      }
    }
    return s[s.length - 1].cells;
  }

  /**
   * The output at `now` (with the cumulative count now): cells per day over the
   * window (shorter while the plant is younger than 7 days), GWh/yr at that pace
   * over 365 calendar days, and the cells of each completed day, oldest first.
   */
  read(now: number, cellsNow: number, whPerCell: number | null, shifts: ShiftClock = ALWAYS_ON): PlantOutput {
    this.observe(now, cellsNow);
    // The count now is exact: read through it, then drop it again unless it was due as a sample.
    const tail = this.samples.at(-1)!.t < now;
    if (tail) this.samples.push({ t: now, cells: cellsNow });
    try {
      return this.readSamples(now, cellsNow, whPerCell, shifts);
    } finally {
      if (tail) this.samples.pop();
    }
  }

  private readSamples(now: number, cellsNow: number, whPerCell: number | null, shifts: ShiftClock): PlantOutput {
    const start = Math.max(0, now - this.windowS, this.samples[0].t);
    const spanS = now - start;
    const cells = cellsNow - this.countAt(start);
    const cellsPerDay = spanS > 0 ? (cells * DAY_S) / spanS : null;
    const daily: PlantOutput['daily'] = [];
    const lastDay = Math.floor(now / DAY_S);
    for (let d = Math.max(0, lastDay - this.daysKept); d < lastDay; d++) {
      if (d * DAY_S < this.samples[0].t) continue; // before the history began (a reset)
      daily.push({ dayStartS: d * DAY_S, cells: Math.round(this.countAt((d + 1) * DAY_S) - this.countAt(d * DAY_S)) });
    }
    // A year holds yearShare × 365 days on shift (the default plant: 350, two 7.5-day shutdowns);
    // the window's rate per on-shift day is carried over to them, as computeKpis does for the whole run.
    const windowOnShare = spanS > 0 ? shifts.onSeconds(start, now) / spanS : 0;
    const gwhPerYear = cellsPerDay === null || whPerCell === null || !(windowOnShare > 0) ? null : (((cellsPerDay / windowOnShare) * 365 * shifts.yearShare) * whPerCell) / 1e9;
    return { windowS: spanS, cells, cellsPerDay, windowOnShare, yearOnShare: shifts.yearShare, gwhPerYear, daily };
  }
}
