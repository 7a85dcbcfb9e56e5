import { currencyOf } from '../protocol/model.ts';
import { sinkLabels, type NodeLabel } from '../protocol/node-labels.ts';
import { stopReasonOf, type Executor } from './executors.ts';
import type { ExperimentPlan } from './plan.ts';
import type { ExperimentPartial } from '../protocol/partial-result.ts';
import type { RunCount } from '../protocol/experiment-progress.ts';
import { resultWarnings, warningsAbout, type RunWarning } from '../protocol/warnings.ts';
import { bestAlternative, differences, pointResult, type BestAlternative, type PointResult } from './experiment-compare.ts';
import { summarize, type Difference } from './statistics.ts';
import type { Outcome, PilotOutcome, ReplicationOutcome, SeriesOutcome, Task } from './task.ts';
import { FIXED_WARMUP_METHOD } from './warmup.ts';
import { analyseWarmup, type WarmupAnalysis } from './welch.ts';

export type { BestAlternative, PointResult };

/** The experiment's outcome: the `--json` document and what the API stores. */
export interface ExperimentResult {
  experiment: string;
  question?: string;
  model: string;
  /**
   * The currency of every money KPI above (the base alternative's `product.currency`); a
   * result stored before it was recorded has none, and the page then names no currency.
   */
  currency: string;
  /** Labels of the alternatives' sinks by id, for naming `sinks.<id>.*` KPIs; absent in results stored before they were recorded. */
  sinkLabels: Record<string, NodeLabel>;
  horizonS: number;
  /** The warm-up every replication used: given, or the longest MSER-5 warm-up of the alternatives' pilots. */
  warmupS: number;
  /** 'fixed', or how the warm-up was found. */
  warmupMethod: string;
  /** Reasons to distrust the result (a run too short for its transient), per alternative, in English. */
  warnings: string[];
  /** The same warnings coded (server/protocol/warnings.ts), each naming its alternative in `of`; absent in results stored before. */
  warningCodes: RunWarning[];
  seed: number;
  replications: number | null;
  precision: (ExperimentPlan['precision'] & { reached: boolean }) | null;
  kpis: string[];
  rankBy: { kpi: string; goal: 'max' | 'min' };
  points: PointResult[];
  differences: Difference[];
  best: BestAlternative | null;
  warmup: WarmupAnalysis | null;
  /**
   * What the result cost. `replications` are the runs whose numbers are above (as a partial result counts
   * them); the MSER-5 warm-up pilots and the Welch check's runs measured nothing in it and are counted apart
   * (absent in results stored before, whose `replications` counted them too). Events and times cover every run.
   */
  engine: { replications: number; pilotRuns?: number; checkRuns?: number; events: number; cpuSeconds: number; elapsedSeconds: number; executor: string };
  /** Only on a run stopped before it finished: what finished, per alternative (points, differences and best use only that). */
  partial?: ExperimentPartial;
}

/** Replications done and planned (as a partial result counts them); pilot and check runs apart, when there are any. */
export interface ExperimentProgress {
  done: number;
  /** Grows between rounds when a precision target asks for more replications. */
  total: number;
  phase: 'replications' | 'warm-up pilot';
  /** MSER-5 warm-up pilots (warm-up `auto`). */
  pilots?: RunCount;
  /** The Welch warm-up check's runs. */
  checks?: RunCount;
}

/**
 * The progress of an experiment that has not run anything yet: the replications asked for per
 * alternative (the first round of a precision target) and, with warm-up `auto`, the pilots. A
 * job stopped before it began (a cancel, a timeout) so reads "0 / 500", not "0 / 0".
 */
export function initialExperimentProgress(plan: Pick<ExperimentPlan, 'points' | 'replications' | 'precision' | 'warmupS'>): ExperimentProgress {
  const total = plannedReplications(plan).reduce((a, n) => a + n, 0);
  if (plan.warmupS !== 'auto') return { done: 0, total, phase: 'replications' };
  return { done: 0, total, phase: 'warm-up pilot', pilots: { done: 0, total: plan.points.length } };
}

/** Replications asked for per alternative before any has run: the given count, or a precision target's first round. */
function plannedReplications(plan: Pick<ExperimentPlan, 'points' | 'replications' | 'precision'>): number[] {
  return plan.points.map(() => plan.replications ?? plan.precision!.minReplications);
}

/**
 * Runs the experiment's replications on `executor`. With `signal` (the one the executor's runs
 * are aborted by: a cancel, a timeout, Ctrl-C), an abort does not throw: the result reports
 * the replications that finished before it, marked `partial`, with intervals and paired
 * differences over those alone.
 */
export async function runExperiment(plan: ExperimentPlan, executor: Executor, onProgress?: (p: ExperimentProgress) => void, signal?: AbortSignal): Promise<ExperimentResult> {
  const started = performance.now();
  const byPoint: Map<number, ReplicationOutcome>[] = plan.points.map(() => new Map());
  const series: SeriesOutcome[] = [];
  // Asked for so far per alternative (grows between rounds of a precision target): the "of how many" of a partial result.
  const planned = plannedReplications(plan);
  // Runs of each kind, finished and planned: replications are what a user counts; pilots and checks only prepare or judge them.
  const counts: Record<Task['kind'], RunCount> = { replication: { done: 0, total: 0 }, pilot: { done: 0, total: 0 }, series: { done: 0, total: 0 } };
  // Replications planned are those asked for per alternative (from the start, so a stop during the pilots reads "0 / 2" as its partial result "0 of 2").
  const plannedRuns = (tasks: Task[]) => {
    tasks.forEach((t) => t.kind !== 'replication' && counts[t.kind].total++);
    counts.replication.total = planned.reduce((a, n) => a + n, 0);
  };
  const report = () => {
    const { replication, pilot, series: check } = counts;
    onProgress?.({ done: replication.done, total: replication.total, phase, ...(pilot.total > 0 ? { pilots: { ...pilot } } : {}), ...(check.total > 0 ? { checks: { ...check } } : {}) });
  };
  let events = 0;
  let cpuSeconds = 0;
  const pilots: PilotOutcome[] = [];
  let phase: ExperimentProgress['phase'] = plan.warmupS === 'auto' ? 'warm-up pilot' : 'replications';
  let stopped = false;
  const collect = (o: Outcome) => {
    if (stopped) return; // a straggler after the stop is not part of the result
    counts[o.kind].done++;
    events += o.events;
    cpuSeconds += o.wallSeconds;
    if (o.kind === 'replication') byPoint[o.point].set(o.replication, o);
    else if (o.kind === 'pilot') pilots.push(o);
    else series.push(o);
    report();
  };
  // 'auto': one MSER-5 pilot per alternative first; all replications then use the longest warm-up found,
  // so every alternative is measured over the same window (paired differences stay like for like).
  let warmupS = plan.warmupS === 'auto' ? 0 : plan.warmupS;
  const warnings = () => pilots.sort((a, b) => a.point - b.point).flatMap((p) => warningsAbout(plan.points[p.point].name, p.warnings));
  let partial: ExperimentPartial | undefined;
  try {
    if (plan.warmupS === 'auto') {
      const tasks: Task[] = plan.points.map((p, point) => ({ kind: 'pilot', point, replication: 0, model: p.model, horizonS: plan.horizonS, seed: plan.seed }));
      plannedRuns(tasks);
      report();
      await executor.run(tasks, collect);
      warmupS = Math.max(0, ...pilots.map((p) => p.warmupS));
      phase = 'replications';
    }
    const runRound = async (wanted: number[], extra: Task[] = []) => {
      const tasks: Task[] = [...extra];
      wanted.forEach((n, point) => {
        for (let r = byPoint[point].size; r < n; r++) tasks.push(replicationTask(plan, point, r, warmupS));
        planned[point] = Math.max(planned[point], n);
      });
      plannedRuns(tasks);
      report();
      await executor.run(tasks, collect);
    };

    const pilot = warmupTasks(plan);
    if (plan.precision === undefined) {
      await runRound(plan.points.map(() => plan.replications!), pilot);
    } else {
      const target = plan.precision;
      await runRound(plan.points.map(() => target.minReplications), pilot);
      for (;;) {
        // Replications where the KPI was not measurable still count towards the maximum.
        const wanted = plan.points.map((_, i) => {
          const values = valuesOf(byPoint[i], target.kpi);
          return Math.min(target.maxReplications, byPoint[i].size + replicationsNeeded(values, target) - values.length);
        });
        if (wanted.every((n, i) => n <= byPoint[i].size)) break;
        await runRound(wanted);
      }
    }
  } catch (err) {
    if (!signal?.aborted) throw err;
    stopped = true;
    partial = { stoppedBy: stopReasonOf(signal.reason), phase, finished: byPoint.map((m) => m.size), planned };
  }

  const points = plan.points.map((p, i) => pointResult(p, byPoint[i], plan.kpis));
  const rank = plan.rankBy;
  return {
    experiment: plan.name,
    ...(plan.question === undefined ? {} : { question: plan.question }),
    model: plan.modelName,
    currency: currencyOf(plan.points[0].model),
    sinkLabels: sinkLabels(plan.points.map((p) => p.model)),
    horizonS: plan.horizonS,
    warmupS,
    warmupMethod: plan.warmupS === 'auto' ? (pilots[0]?.method ?? FIXED_WARMUP_METHOD) : FIXED_WARMUP_METHOD,
    ...resultWarnings(warnings()),
    seed: plan.seed,
    replications: plan.replications ?? null,
    precision: plan.precision === undefined ? null : { ...plan.precision, reached: byPoint.every((m) => precisionMet(valuesOf(m, plan.precision!.kpi), plan.precision!)) },
    kpis: plan.kpis,
    rankBy: rank,
    points,
    differences: differences(points, rank.kpi, rank.goal),
    best: bestAlternative(points, rank.kpi, rank.goal),
    warmup: warmupAnalysis(plan, series, warmupS),
    engine: { replications: counts.replication.done, pilotRuns: counts.pilot.done, checkRuns: counts.series.done, events, cpuSeconds, elapsedSeconds: (performance.now() - started) / 1000, executor: executor.description },
    ...(partial === undefined ? {} : { partial }),
  };
}

function replicationTask(plan: ExperimentPlan, point: number, replication: number, warmupS: number): Task {
  const { horizonS, seed, kpis } = plan;
  return { kind: 'replication', point, replication, model: plan.points[point].model, horizonS, warmupS, seed, kpis };
}

function warmupTasks(plan: ExperimentPlan): Task[] {
  const w = plan.warmupReport;
  if (w === false) return [];
  return Array.from({ length: w.replications }, (_, r) => ({
    kind: 'series' as const,
    point: 0,
    replication: r,
    model: plan.points[0].model,
    horizonS: plan.horizonS,
    seed: plan.seed,
    buckets: w.buckets,
    kpi: w.kpi,
  }));
}

function valuesOf(outcomes: Map<number, ReplicationOutcome>, kpi: string): number[] {
  return [...outcomes.values()].sort((a, b) => a.replication - b.replication).flatMap((o) => (kpi in o.metrics ? [o.metrics[kpi]] : []));
}

function targetHalfWidth(values: number[], p: NonNullable<ExperimentPlan['precision']>): number {
  const s = summarize(values);
  return p.halfWidth ?? p.relative! * Math.abs(s?.mean ?? 0);
}

function precisionMet(values: number[], p: NonNullable<ExperimentPlan['precision']>): boolean {
  const s = summarize(values);
  return s !== null && s.ci95 !== null && s.ci95 <= targetHalfWidth(values, p);
}

/**
 * Replications to run in total for one alternative: enough, by the usual
 * n·(h/h*)² estimate, to shrink the half-width h to the target h*, never fewer
 * than one more and never more than the maximum. Depends only on finished
 * replications, so every worker count takes the same path.
 */
export function replicationsNeeded(values: number[], p: NonNullable<ExperimentPlan['precision']>): number {
  const n = values.length;
  if (n >= p.maxReplications || precisionMet(values, p)) return n;
  const s = summarize(values);
  const h = s?.ci95 ?? Number.POSITIVE_INFINITY;
  const target = targetHalfWidth(values, p);
  const estimate = target > 0 && Number.isFinite(h) ? Math.ceil(n * (h / target) ** 2) : p.maxReplications;
  return Math.min(p.maxReplications, Math.max(n + 1, estimate));
}

function warmupAnalysis(plan: ExperimentPlan, series: SeriesOutcome[], warmupS: number): WarmupAnalysis | null {
  const w = plan.warmupReport;
  if (w === false || series.length === 0) return null;
  const runs = [...series].sort((a, b) => a.replication - b.replication).map((s) => s.values);
  return analyseWarmup(runs, { kpi: w.kpi, scenario: plan.points[0].name, horizonS: plan.horizonS, window: w.window, configuredWarmupS: warmupS });
}
