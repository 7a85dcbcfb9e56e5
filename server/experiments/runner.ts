import type { Model } from '../protocol/model.ts';
import { Plant } from '../plant/plant.ts';
import { compileModel, isCompiled, type CompiledModel } from '../plant/compiled-model.ts';
import { plantReport, type ReplicationReport } from '../plant/report.ts';
import { computeKpis, type Kpis } from '../kpi/index.ts';
import { averageReports } from './aggregate.ts';
import { chooseWarmup, FIXED_WARMUP_METHOD, type WarmupChoice, type WarmupSetting } from './warmup.ts';
import { resultWarnings, runWarning, type RunWarning } from '../protocol/warnings.ts';
import { leastFlowTime } from './flow-time.ts';

export interface RunSettings {
  horizonS: number;
  warmupS: number;
  seed: number;
  replications: number;
  /** Report windows of this length from t = 0 of the run (independent of warm-up), as `periods[]`. */
  periodS?: number;
}

/** One reporting window of a run: what the sinks received and the plant KPIs in [startS, endS). */
export interface PeriodResult {
  startS: number;
  endS: number;
  sinks: ReplicationReport['sinks'];
  kpis: Kpis;
}

/** Settings as asked for: the warm-up may be 'auto' (MSER-5, see warmup.ts). */
export interface RunRequestSettings extends Omit<RunSettings, 'warmupS'> {
  warmupS: WarmupSetting;
}

export interface ReplicationResult {
  replication: number;
  report: ReplicationReport;
  events: number;
  wallSeconds: number;
  periods?: PeriodResult[];
  /** This replication's plant KPIs when the thread that ran it computed them already (batch runs: off the main thread). */
  kpis?: Kpis;
}

/** The CLI's `--json` document and the REST API's run result. */
export interface RunResult extends ReplicationReport {
  model: string;
  scenario?: string;
  horizonS: number;
  /** Statistics were reset at this time (given, or found by MSER-5). */
  warmupS: number;
  /** 'fixed', or how the warm-up was found (AUTO_WARMUP_METHOD). */
  warmupMethod: string;
  /** Reasons to distrust the result (e.g. a run too short for its transient), in English; empty when none. */
  warnings: string[];
  /** The same warnings coded (server/protocol/warnings.ts), in the same order, for a page in another language. */
  warningCodes: RunWarning[];
  replications: number;
  seed: number;
  engine: { events: number; wallSeconds: number };
  /**
   * Plant KPIs (server/kpi): computed per replication, then averaged field by field
   * like the report, with `<field>CI95` siblings from two replications on. Strings
   * and lists (bottleneck.id, ranking) are the first replication's; bottleneck.byReplication
   * names every replication's bottleneck.
   */
  kpis: Kpis;
  /** With `periodS`: one entry per window, averaged over replications like the rest. */
  periods?: PeriodResult[];
}

export function validateSettings(s: RunSettings | RunRequestSettings): void {
  if (!(s.horizonS > 0) || !Number.isFinite(s.horizonS)) throw new RangeError(`horizon must be a positive duration, got ${s.horizonS}`);
  if (s.warmupS !== 'auto' && (!(s.warmupS >= 0) || s.warmupS >= s.horizonS)) throw new RangeError(`warm-up must be >= 0 and shorter than the horizon (${s.horizonS} s), got ${s.warmupS}`);
  if (!Number.isInteger(s.replications) || s.replications < 1) throw new RangeError(`replications must be a whole number >= 1, got ${s.replications}`);
  if (!Number.isSafeInteger(s.seed) || s.seed < 0) throw new RangeError(`seed must be a whole number >= 0, got ${s.seed}`);
  if (s.periodS !== undefined && (!(s.periodS > 0) || !Number.isFinite(s.periodS))) throw new RangeError(`period must be a positive duration, got ${s.periodS}`);
  if (s.periodS !== undefined && s.horizonS / s.periodS > MAX_PERIODS) throw new RangeError(`period gives more than ${MAX_PERIODS} windows over the horizon; choose a longer period`);
}

const MAX_PERIODS = 1000;

/** Runs one replication: warm-up, statistics reset, then the rest of the horizon. */
export function runReplication(source: Model | CompiledModel, settings: Omit<RunSettings, 'replications'>, replication: number): ReplicationResult {
  const model = isCompiled(source) ? source : compileModel(source);
  const plant = new Plant(model, settings.seed, replication);
  const t0 = performance.now();
  if (settings.warmupS > 0) {
    plant.runUntil(settings.warmupS);
    plant.resetStats();
  }
  plant.runUntil(settings.horizonS);
  const report = plantReport(plant);
  const periods = settings.periodS === undefined ? undefined : runPeriods(model, settings as Required<typeof settings>, replication);
  const wallSeconds = (performance.now() - t0) / 1000;
  return { replication, report, events: plant.sim.eventsFired, wallSeconds, ...(periods ? { periods } : {}) };
}

/**
 * The windows [0, p), [p, 2p), … of a replication. A second run of the same
 * replication (same seed and streams, so the same trajectory: resetting
 * statistics draws no random number) resets its statistics at every boundary,
 * so each window's report is exact and its KPIs come from the same computeKpis
 * as the whole run's.
 */
export function runPeriods(source: Model | CompiledModel, settings: Required<Omit<RunSettings, 'replications'>>, replication: number): PeriodResult[] {
  const plant = new Plant(source, settings.seed, replication);
  const model = plant.model;
  const periods: PeriodResult[] = [];
  for (let startS = 0; startS < settings.horizonS; startS += settings.periodS) {
    const endS = Math.min(startS + settings.periodS, settings.horizonS);
    plant.runUntil(endS);
    const report = plantReport(plant);
    periods.push({ startS, endS, sinks: report.sinks, kpis: computeKpis(model, { ...report, horizonS: endS, warmupS: startS }) });
    plant.resetStats();
  }
  return periods;
}

/** Combines replications into one result: means, CI95 half-widths, engine totals. */
export function combineReplications(model: Model, settings: RunSettings, results: ReplicationResult[], scenario?: string, warmup?: WarmupChoice): RunResult {
  const averaged = averageReports(results.map((r) => r.report));
  const kpis = replicationKpis(model, settings, results);
  return {
    model: model.name,
    ...(scenario === undefined ? {} : { scenario }),
    horizonS: settings.horizonS,
    warmupS: settings.warmupS,
    warmupMethod: warmup?.method ?? FIXED_WARMUP_METHOD,
    ...resultWarnings(runWarnings(model, settings.horizonS, averaged.sinks, warmup?.warnings ?? [])),
    replications: settings.replications,
    seed: settings.seed,
    ...averaged,
    engine: {
      events: results.reduce((a, r) => a + r.events, 0) + (warmup?.events ?? 0),
      wallSeconds: results.reduce((a, r) => a + r.wallSeconds, 0) + (warmup?.wallSeconds ?? 0),
    },
    kpis,
    ...(results[0]?.periods ? { periods: results[0].periods.map((_, i) => averageReports(results.map((r) => r.periods![i]))) } : {}),
  };
}

/** The plant KPIs of one replication's report. */
export function replicationKpi(model: Model, settings: Pick<RunSettings, 'horizonS' | 'warmupS'>, result: ReplicationResult): Kpis {
  return computeKpis(model, { ...result.report, horizonS: settings.horizonS, warmupS: settings.warmupS });
}

/** computeKpis of each replication, then their mean and CI95 (one replication: its KPIs as they are). */
export function replicationKpis(model: Model, settings: Pick<RunSettings, 'horizonS' | 'warmupS'>, results: readonly ReplicationResult[]): Kpis {
  const each = results.map((r) => r.kpis ?? replicationKpi(model, settings, r));
  if (each.length === 1) return each[0];
  const kpis = averageReports(each);
  // The mean of a name is meaningless; say which station each replication found.
  if (kpis.bottleneck) Object.assign(kpis.bottleneck, { byReplication: each.map((k) => k.bottleneck?.id ?? null) });
  return kpis;
}

/**
 * Runs every replication in this thread and combines them. With warmupS 'auto' a
 * pilot of replication 0 over the whole horizon finds the MSER-5 warm-up first;
 * runs are deterministic per seed, so every replication then measures exactly
 * from that point (the pilot costs one more replication).
 */
export function runModel(model: Model, settings: RunSettings | RunRequestSettings, scenario?: string): RunResult {
  validateSettings(settings);
  // Compiled once: the pilot and every replication build their plant from it.
  const compiled = compileModel(model);
  const warmup = settings.warmupS === 'auto' ? chooseWarmup(compiled, settings) : undefined;
  const fixed: RunSettings = { ...settings, warmupS: warmup?.warmupS ?? (settings.warmupS as number) };
  const results: ReplicationResult[] = [];
  for (let r = 0; r < fixed.replications; r++) results.push(runReplication(compiled, fixed, r));
  return combineReplications(model, fixed, results, scenario, warmup);
}

/**
 * Why a run's figures may mislead: a horizon no part can cross (see flow-time.ts), the automatic
 * warm-up's warnings, and a measured window in which nothing reached a sink whatever the warm-up
 * (a fixed one chosen too long, a horizon only a little past the least flow time): every output
 * would read 0 without a word.
 */
function runWarnings(model: Model, horizonS: number, sinks: Record<string, { count: number }>, warmupWarnings: readonly RunWarning[]): RunWarning[] {
  const bound = leastFlowTime(model);
  const warnings = bound !== null && horizonS <= bound.seconds ? [runWarning('nothing-can-finish', { horizonS, leastS: bound.seconds })] : [];
  warnings.push(...warmupWarnings);
  const counts = Object.values(sinks);
  const empty = counts.length > 0 && counts.every((s) => s.count === 0);
  if (empty && !warnings.some((w) => w.code === 'nothing-can-finish' || w.code === 'no-output-after-warmup')) warnings.push(runWarning('no-output-after-warmup'));
  return warnings;
}
