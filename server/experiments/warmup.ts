import type { Model } from '../protocol/model.ts';
import { Plant } from '../plant/plant.ts';
import { isCompiled, type CompiledModel } from '../plant/compiled-model.ts';
import { Sink } from '../plant/sink.ts';
import { gradeARoutes, gradedCells } from '../kpi/index.ts';
import { mser5 } from './mser.ts';
import { runWarning, type RunWarning } from '../protocol/warnings.ts';

/** A warm-up in seconds, or 'auto': found by MSER-5 on the run's output. */
export type WarmupSetting = number | 'auto';

export const FIXED_WARMUP_METHOD = 'fixed';
export const AUTO_WARMUP_METHOD =
  'MSER-5 (White 1997): batch means of 5 observations of the A-grade cells leaving product.cellsFrom (units entering sinks without a product) ' +
  'per interval of horizon / 500 (at most 1 h), with the shift calendars\' cycles (periods up to a quarter of the horizon) taken out by their phase means over the second half, ' +
  'from a pilot run of replication 0 over the whole horizon; every replication then resets its statistics at that time';

/**
 * A shift pattern makes the output periodic (nothing on weekends); MSER would read a
 * quiet weekend at the end as a stable tail. Each calendar cycle that fits four times
 * in the run is removed by subtracting its phase means (taken over the second half,
 * where the run is assumed settled) and adding back their mean; the start-up stays.
 */
export function removeCycles(series: readonly number[], intervalS: number, periodsS: readonly number[]): number[] {
  let x = [...series];
  const n = x.length;
  for (const periodS of periodsS) {
    const k = Math.round(periodS / intervalS);
    if (k < 2 || k * 4 > n) continue;
    const sums = new Float64Array(k);
    const counts = new Float64Array(k);
    for (let i = Math.floor(n / 2); i < n; i++) {
      sums[i % k] += x[i];
      counts[i % k]++;
    }
    if (counts.some((c) => c === 0)) continue;
    const means = Array.from(sums, (s, j) => s / counts[j]);
    const level = means.reduce((a, b) => a + b, 0) / k;
    x = x.map((v, i) => v - means[i % k] + level);
  }
  return x;
}

export interface WarmupChoice {
  warmupS: number;
  method: string;
  warnings: RunWarning[];
  /** Cost of the pilot run. */
  events: number;
  wallSeconds: number;
}

/** Length of one observation of the output series. */
export function observationIntervalS(horizonS: number): number {
  return Math.min(3600, horizonS / 500);
}

/** Cumulative output the series is made of, read from a plant whose statistics are never reset. */
function cumulativeOutput(model: Model, plant: Plant): () => number {
  if (model.product !== undefined) {
    const ids = [model.product.cellsFrom, ...gradeARoutes(model).filter((t) => !t.gradeA).map((t) => t.id)];
    return () => {
      const nodes: Record<string, Record<string, unknown>> = {};
      for (const id of ids) nodes[id] = plant.node(id)!.report(plant.now);
      return gradedCells(model, nodes)?.a ?? 0;
    };
  }
  const sinks = plant.order.filter((n): n is Sink => n instanceof Sink);
  return () => sinks.reduce((a, s) => a + s.units, 0);
}

/** The output per observation interval of one run from empty over the horizon. */
export function outputSeries(source: Model | CompiledModel, horizonS: number, seed: number, replication: number): { series: number[]; intervalS: number; events: number; wallSeconds: number } {
  const plant = new Plant(source, seed, replication);
  const model = plant.model;
  const t0 = performance.now();
  const intervalS = observationIntervalS(horizonS);
  const count = Math.floor(horizonS / intervalS + 1e-9);
  const read = cumulativeOutput(model, plant);
  const series: number[] = [];
  let last = 0;
  for (let i = 1; i <= count; i++) {
    plant.runUntil(i * intervalS);
    const now = read();
    series.push(now - last);
    last = now;
  }
  return { series, intervalS, events: plant.sim.eventsFired, wallSeconds: (performance.now() - t0) / 1000 };
}

/**
 * MSER-5 warm-up from a pilot run of `replication`. Same seed and replication ⇒ the
 * same trajectory, so re-running with this warm-up measures exactly the series' tail.
 */
export function chooseWarmup(source: Model | CompiledModel, settings: { horizonS: number; seed: number }, replication = 0): WarmupChoice {
  const { series, intervalS, events, wallSeconds } = outputSeries(source, settings.horizonS, settings.seed, replication);
  const model = isCompiled(source) ? source.model : source;
  const periods = [...new Set(Object.values(model.calendars).map((c) => c.periodS))];
  const result = mser5(removeCycles(series, intervalS, periods));
  const warnings = [...result.warnings];
  // MSER-5 weighs only tails of 30 batches or more, so output that starts late may leave it at 0 without a word.
  const first = series.findIndex((x) => x !== 0);
  if (series.slice(result.truncation).every((x) => x === 0)) warnings.push(runWarning('no-output-after-warmup'));
  else if (first > series.length / 2 && !result.inSecondHalf) warnings.push(runWarning('first-output-late', { percent: Math.round((first / series.length) * 100) }));
  const warmupS = Math.min(result.truncation * intervalS, settings.horizonS - intervalS);
  return { warmupS, method: AUTO_WARMUP_METHOD, warnings, events, wallSeconds };
}
