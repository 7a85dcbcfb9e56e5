import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { ci95HalfWidth } from './aggregate.ts';

/** A KPI over the replications of one alternative. */
export interface KpiSummary {
  n: number;
  mean: number;
  /** Half-width of the 95 % confidence interval of the mean (Student t, n − 1 df); null with fewer than 2 values. */
  ci95: number | null;
  sd: number | null;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): KpiSummary | null {
  if (values.length === 0) return null;
  const n = values.length;
  return {
    n,
    mean: mean(values as number[]),
    ci95: n >= 2 ? ci95HalfWidth(values) : null,
    sd: n >= 2 ? sampleStandardDeviation(values as number[]) : null,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** Difference a − b of one KPI between two alternatives. */
export interface Difference {
  a: string;
  b: string;
  kpi: string;
  n: number;
  mean: number;
  ci95: number | null;
  /** The interval excludes zero: the alternatives differ at the 95 % level. */
  significant: boolean;
}

/**
 * Paired difference over the replications both alternatives ran. Replication r
 * of every alternative uses the same random streams (common random numbers), so
 * the pairs share their noise and the interval of the difference is narrow.
 * Pairs where either side lacks the KPI are skipped.
 */
export function pairedDifference(
  a: { name: string; values: ReadonlyMap<number, number> },
  b: { name: string; values: ReadonlyMap<number, number> },
  kpi: string,
): Difference | null {
  const diffs: number[] = [];
  for (const [r, va] of [...a.values].sort((x, y) => x[0] - y[0])) {
    const vb = b.values.get(r);
    if (vb !== undefined) diffs.push(va - vb);
  }
  if (diffs.length === 0) return null;
  const s = summarize(diffs)!;
  const significant = s.ci95 !== null && Math.abs(s.mean) > s.ci95;
  return { a: a.name, b: b.name, kpi, n: s.n, mean: s.mean, ci95: s.ci95, significant };
}

/**
 * Difference of means treating the two samples as independent (Welch's t):
 * what the interval would be without common random numbers.
 */
export function independentDifference(a: readonly number[], b: readonly number[]): { mean: number; ci95: number } {
  const sa = summarize(a)!;
  const sb = summarize(b)!;
  const va = (sa.sd ?? 0) ** 2 / sa.n;
  const vb = (sb.sd ?? 0) ** 2 / sb.n;
  const df = (va + vb) ** 2 / (va ** 2 / (sa.n - 1) + vb ** 2 / (sb.n - 1));
  return { mean: sa.mean - sb.mean, ci95: tQuantile(0.975, df) * Math.sqrt(va + vb) };
}
