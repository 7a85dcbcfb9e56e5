import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { OptimizePlan } from './optimize-plan.ts';

/** One point of the grid and what its replications measured. */
export interface Candidate {
  id: number;
  /** Value index per variable. */
  indices: number[];
  values: Record<string, number>;
  /** Metric → value per replication (index = replication number; a run that could not measure it holds NaN). */
  samples: Map<string, number[]>;
  replications: number;
}

export type Status = 'holds' | 'uncertain' | 'fails';

export interface Estimate {
  n: number;
  mean: number;
  /** Half-width of the two-sided 95 % interval (0 with zero variance). */
  ci95: number;
  sd: number;
}

export function estimate(values: readonly number[]): Estimate | null {
  const x = values.filter((v) => Number.isFinite(v));
  if (x.length < values.length || x.length === 0) return null;
  const sd = x.length >= 2 ? sampleStandardDeviation(x) : 0;
  const n = x.length;
  return { n, mean: mean(x), sd, ci95: n >= 2 ? tQuantile(0.975, n - 1) * (sd / Math.sqrt(n)) : Number.POSITIVE_INFINITY };
}

export interface ConstraintCheck {
  kpi: string;
  min?: number;
  max?: number;
  confidence: number;
  mean: number | null;
  /** The one-sided bound at `confidence` that must lie inside the limit (lower bound for min, upper for max). */
  bound: number | null;
  status: Status;
}

/**
 * One-sided test at the requested confidence: a `min` constraint holds when
 * mean − t(conf, n−1)·sd/√n ≥ min, fails when mean + t·sd/√n < min, and is
 * uncertain in between (more replications decide). With zero variance (a
 * deterministic model) both ends are the mean, so it is decided at once.
 * A KPI a replication could not measure fails the constraint.
 */
export function checkConstraints(plan: OptimizePlan, c: Candidate): ConstraintCheck[] {
  return plan.constraints.map((con) => {
    const e = estimate(c.samples.get(con.metric) ?? []);
    if (e === null) return { kpi: con.kpi, min: con.min, max: con.max, confidence: con.confidence, mean: null, bound: null, status: 'fails' as Status };
    const half = e.n >= 2 ? tQuantile(con.confidence, e.n - 1) * (e.sd / Math.sqrt(e.n)) : Number.POSITIVE_INFINITY;
    let status: Status = 'holds';
    let bound = e.mean;
    const worse = (s: Status) => (s === 'fails' || status === 'fails' ? 'fails' : s === 'uncertain' || status === 'uncertain' ? 'uncertain' : 'holds');
    if (con.min !== undefined) {
      bound = e.mean - half;
      status = worse(bound >= con.min ? 'holds' : e.mean + half < con.min ? 'fails' : 'uncertain');
    }
    if (con.max !== undefined) {
      const upper = e.mean + half;
      if (con.min === undefined) bound = upper;
      status = worse(upper <= con.max ? 'holds' : e.mean - half > con.max ? 'fails' : 'uncertain');
    }
    return { kpi: con.kpi, min: con.min, max: con.max, confidence: con.confidence, mean: e.mean, bound, status };
  });
}

export function statusOf(checks: readonly ConstraintCheck[]): Status {
  if (checks.some((c) => c.status === 'fails')) return 'fails';
  return checks.some((c) => c.status === 'uncertain') ? 'uncertain' : 'holds';
}

/** The objective's value: the KPI's mean, or the weighted sum of the variables; null when a run could not measure it. */
export function objectiveOf(plan: OptimizePlan, c: Candidate): number | null {
  const o = plan.objective;
  if (o.weights !== undefined) return Object.entries(o.weights).reduce((acc, [path, w]) => acc + w * c.values[path], 0);
  return estimate(c.samples.get(o.metric!) ?? [])?.mean ?? null;
}

/** How far the means are outside the limits, as shares of the limits (to rank candidates that fail). */
function violation(checks: readonly ConstraintCheck[]): number {
  let v = 0;
  for (const c of checks) {
    if (c.mean === null) v += 1e9;
    else {
      if (c.min !== undefined && c.mean < c.min) v += (c.min - c.mean) / Math.max(Math.abs(c.min), 1e-12);
      if (c.max !== undefined && c.mean > c.max) v += (c.mean - c.max) / Math.max(Math.abs(c.max), 1e-12);
    }
  }
  return v;
}

/**
 * Whether `a` is better than `b`: meeting the constraints first (holds, then
 * uncertain, then fails), then the objective; candidates that fail compare by
 * how far they miss. Ties go to the lower id, so the order is total and the
 * search is reproducible.
 */
export function better(plan: OptimizePlan, a: Candidate, b: Candidate): boolean {
  const rank = (s: Status) => (s === 'holds' ? 0 : s === 'uncertain' ? 1 : 2);
  const ca = checkConstraints(plan, a);
  const cb = checkConstraints(plan, b);
  const ra = rank(statusOf(ca));
  const rb = rank(statusOf(cb));
  if (ra !== rb) return ra < rb;
  if (ra === 2) {
    const va = violation(ca);
    const vb = violation(cb);
    if (va !== vb) return va < vb;
  } else {
    const oa = objectiveOf(plan, a);
    const ob = objectiveOf(plan, b);
    if (oa !== ob) {
      if (oa === null) return false;
      if (ob === null) return true;
      return plan.objective.sense === 'minimize' ? oa < ob : oa > ob;
    }
  }
  return a.id < b.id;
}

/**
 * Whether the objective KPI of `a` cannot be told apart from `best`'s at 95 %:
 * the interval of the paired difference over their common replications (the
 * same random streams, so shared noise cancels) contains zero.
 */
export function closeTo(plan: OptimizePlan, a: Candidate, best: Candidate): boolean {
  const metric = plan.objective.metric;
  if (metric === undefined) return false;
  const xa = a.samples.get(metric) ?? [];
  const xb = best.samples.get(metric) ?? [];
  const n = Math.min(xa.length, xb.length);
  const d = estimate(Array.from({ length: n }, (_, r) => xa[r] - xb[r]));
  return d === null || Math.abs(d.mean) <= d.ci95;
}

/** Non-dominated points: no other point has at least the output at no more cost, and is strictly better in one. */
export function paretoFront<T extends { output: number; cost: number }>(points: readonly T[]): T[] {
  const front = points.filter((p) => !points.some((q) => q !== p && q.output >= p.output && q.cost <= p.cost && (q.output > p.output || q.cost < p.cost)));
  return [...front].sort((a, b) => a.output - b.output || a.cost - b.cost);
}
