import { pairedDifference, summarize, type Difference, type KpiSummary } from './statistics.ts';
import type { ReplicationOutcome } from './task.ts';

export interface PointResult {
  name: string;
  /** The alternative's Russian name, when its scenario file gives one (`nameRu`). */
  nameRu?: string;
  parameters?: Record<string, unknown>;
  /** Replications that finished (all asked for, unless the result is partial). */
  replications: number;
  kpis: Record<string, KpiSummary | null>;
  /**
   * Per KPI, the value of each replication: index = replication number (its random streams),
   * null where it was not measured or, in a partial result, did not finish.
   */
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

/** All pairs up to this many alternatives; beyond it, each against the best (a 5×5 sweep would give 300 pairs). */
const ALL_PAIRS_UP_TO = 8;

/**
 * One alternative's finished replications as a result. Samples are placed at their replication
 * number, not packed: a stopped experiment may have finished replications 0, 1 and 3 of one
 * alternative and 0, 2 and 3 of another, and common random numbers pair only equal numbers.
 */
export function pointResult(point: { name: string; nameRu?: string; parameters?: Record<string, unknown> }, outcomes: ReadonlyMap<number, ReplicationOutcome>, kpis: string[]): PointResult {
  const slots = outcomes.size === 0 ? 0 : Math.max(...outcomes.keys()) + 1;
  const samples: Record<string, (number | null)[]> = {};
  const summaries: Record<string, KpiSummary | null> = {};
  for (const kpi of kpis) {
    samples[kpi] = Array.from({ length: slots }, (_, r) => {
      const metrics = outcomes.get(r)?.metrics;
      return metrics !== undefined && kpi in metrics ? metrics[kpi] : null;
    });
    summaries[kpi] = summarize(samples[kpi].filter((v): v is number => v !== null));
  }
  return { name: point.name, ...(point.nameRu === undefined ? {} : { nameRu: point.nameRu }), ...(point.parameters ? { parameters: point.parameters } : {}), replications: outcomes.size, kpis: summaries, samples };
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

/** Paired differences of the ranking KPI: every pair of a few alternatives, else each against the best. */
export function differences(points: PointResult[], kpi: string, goal: 'max' | 'min'): Difference[] {
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

export function bestAlternative(points: PointResult[], kpi: string, goal: 'max' | 'min'): BestAlternative | null {
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
