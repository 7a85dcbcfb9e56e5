import { currencyOf } from '../protocol/model.ts';
import { sinkLabels, type NodeLabel } from '../protocol/node-labels.ts';
import type { Executor } from './executors.ts';
import type { ExperimentPlan } from './plan.ts';
import { pairedDifference, summarize, type Difference, type KpiSummary } from './statistics.ts';
import type { Outcome, PilotOutcome, ReplicationOutcome, SeriesOutcome, Task } from './task.ts';
import { FIXED_WARMUP_METHOD } from './warmup.ts';
import { analyseWarmup, type WarmupAnalysis } from './welch.ts';

export interface PointResult {
  name: string;
  /** The alternative's Russian name, when its scenario file gives one (`nameRu`). */
  nameRu?: string;
  parameters?: Record<string, unknown>;
  replications: number;
  kpis: Record<string, KpiSummary | null>;
  /** Per KPI, the value of each replication (index = replication; null where not measured). */
  samples: Record<string, (number | null)[]>;
}

export interface BestAlternative {
  name: string;
  kpi: string;
  goal: 'max' | 'min';
  mean: number;
  ci95: number | null;
  /** Better than every other alternative with a paired 95 % interval excluding zero. */
  clearlyBest: boolean;
  runnerUp: string | null;
}

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
  /** Reasons to distrust the result (a run too short for its transient), per alternative. */
  warnings: string[];
  seed: number;
  replications: number | null;
  precision: (ExperimentPlan['precision'] & { reached: boolean }) | null;
  kpis: string[];
  rankBy: { kpi: string; goal: 'max' | 'min' };
  points: PointResult[];
  differences: Difference[];
  best: BestAlternative | null;
  warmup: WarmupAnalysis | null;
  engine: { replications: number; events: number; cpuSeconds: number; elapsedSeconds: number; executor: string };
}

export interface ExperimentProgress {
  done: number;
  /** Grows between rounds when a precision target asks for more replications. */
  total: number;
  phase: 'replications' | 'warm-up pilot';
}

/** All pairs up to this many alternatives; beyond it, each against the best (a 5×5 sweep would give 300 pairs). */
const ALL_PAIRS_UP_TO = 8;

export async function runExperiment(plan: ExperimentPlan, executor: Executor, onProgress?: (p: ExperimentProgress) => void): Promise<ExperimentResult> {
  const started = performance.now();
  const byPoint: Map<number, ReplicationOutcome>[] = plan.points.map(() => new Map());
  const series: SeriesOutcome[] = [];
  let done = 0;
  let total = 0;
  let events = 0;
  let cpuSeconds = 0;
  const pilots: PilotOutcome[] = [];
  const collect = (o: Outcome) => {
    done++;
    events += o.events;
    cpuSeconds += o.wallSeconds;
    if (o.kind === 'replication') byPoint[o.point].set(o.replication, o);
    else if (o.kind === 'pilot') pilots.push(o);
    else series.push(o);
    onProgress?.({ done, total, phase: o.kind === 'replication' ? 'replications' : 'warm-up pilot' });
  };
  // 'auto': one MSER-5 pilot per alternative first; all replications then use the longest warm-up found,
  // so every alternative is measured over the same window (paired differences stay like for like).
  let warmupS = plan.warmupS === 'auto' ? 0 : plan.warmupS;
  if (plan.warmupS === 'auto') {
    const tasks: Task[] = plan.points.map((p, point) => ({ kind: 'pilot', point, replication: 0, model: p.model, horizonS: plan.horizonS, seed: plan.seed }));
    total += tasks.length;
    await executor.run(tasks, collect);
    warmupS = Math.max(0, ...pilots.map((p) => p.warmupS));
  }
  const warnings = pilots.sort((a, b) => a.point - b.point).flatMap((p) => p.warnings.map((w) => `${plan.points[p.point].name}: ${w}`));
  const runRound = async (wanted: number[], extra: Task[] = []) => {
    const tasks: Task[] = [...extra];
    wanted.forEach((n, point) => {
      for (let r = byPoint[point].size; r < n; r++) tasks.push(replicationTask(plan, point, r, warmupS));
    });
    total += tasks.length;
    onProgress?.({ done, total, phase: 'replications' });
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
    warnings,
    seed: plan.seed,
    replications: plan.replications ?? null,
    precision: plan.precision === undefined ? null : { ...plan.precision, reached: byPoint.every((m) => precisionMet(valuesOf(m, plan.precision!.kpi), plan.precision!)) },
    kpis: plan.kpis,
    rankBy: rank,
    points,
    differences: differences(points, rank.kpi, rank.goal),
    best: bestAlternative(points, rank.kpi, rank.goal),
    warmup: warmupAnalysis(plan, series, warmupS),
    engine: { replications: done, events, cpuSeconds, elapsedSeconds: (performance.now() - started) / 1000, executor: executor.description },
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

function pointResult(point: ExperimentPlan['points'][number], outcomes: Map<number, ReplicationOutcome>, kpis: string[]): PointResult {
  const ordered = [...outcomes.values()].sort((a, b) => a.replication - b.replication);
  const samples: Record<string, (number | null)[]> = {};
  const summaries: Record<string, KpiSummary | null> = {};
  for (const kpi of kpis) {
    samples[kpi] = ordered.map((o) => (kpi in o.metrics ? o.metrics[kpi] : null));
    summaries[kpi] = summarize(samples[kpi].filter((v): v is number => v !== null));
  }
  return { name: point.name, ...(point.nameRu === undefined ? {} : { nameRu: point.nameRu }), ...(point.parameters ? { parameters: point.parameters } : {}), replications: ordered.length, kpis: summaries, samples };
}

function paired(p: PointResult, kpi: string) {
  const values = new Map<number, number>();
  p.samples[kpi].forEach((v, r) => v !== null && values.set(r, v));
  return { name: p.name, values };
}

function better(a: number, b: number, goal: 'max' | 'min'): boolean {
  return goal === 'max' ? a > b : a < b;
}

function ranked(points: PointResult[], kpi: string, goal: 'max' | 'min'): PointResult[] {
  return points.filter((p) => p.kpis[kpi] != null).sort((a, b) => (better(a.kpis[kpi]!.mean, b.kpis[kpi]!.mean, goal) ? -1 : 1));
}

function differences(points: PointResult[], kpi: string, goal: 'max' | 'min'): Difference[] {
  const out: Difference[] = [];
  if (points.length <= ALL_PAIRS_UP_TO) {
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) {
        const d = pairedDifference(paired(points[j], kpi), paired(points[i], kpi), kpi);
        if (d) out.push(d);
      }
    return out;
  }
  const best = ranked(points, kpi, goal)[0];
  if (best === undefined) return out;
  for (const p of points) {
    if (p === best) continue;
    const d = pairedDifference(paired(best, kpi), paired(p, kpi), kpi);
    if (d) out.push(d);
  }
  return out;
}

function bestAlternative(points: PointResult[], kpi: string, goal: 'max' | 'min'): BestAlternative | null {
  const order = ranked(points, kpi, goal);
  const best = order[0];
  if (best === undefined) return null;
  const clearlyBest = order.slice(1).every((other) => {
    const d = pairedDifference(paired(best, kpi), paired(other, kpi), kpi);
    return d !== null && d.significant && better(d.mean, 0, goal);
  });
  const s = best.kpis[kpi]!;
  return { name: best.name, kpi, goal, mean: s.mean, ci95: s.ci95, clearlyBest: order.length > 1 && clearlyBest, runnerUp: order[1]?.name ?? null };
}

function warmupAnalysis(plan: ExperimentPlan, series: SeriesOutcome[], warmupS: number): WarmupAnalysis | null {
  const w = plan.warmupReport;
  if (w === false || series.length === 0) return null;
  const runs = [...series].sort((a, b) => a.replication - b.replication).map((s) => s.values);
  return analyseWarmup(runs, { kpi: w.kpi, scenario: plan.points[0].name, horizonS: plan.horizonS, window: w.window, configuredWarmupS: warmupS });
}
