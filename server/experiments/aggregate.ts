import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleStandardDeviation } from 'simple-statistics';

/** Half-width of the 95 % confidence interval of the mean (Student t, n − 1 degrees of freedom). */
export function ci95HalfWidth(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  return (tQuantile(0.975, n - 1) * sampleStandardDeviation(values as number[])) / Math.sqrt(n);
}

/**
 * Averages replication reports field by field. Every numeric field becomes the
 * plain mean; with two or more replications it gains a sibling `<field>CI95`.
 * Values that are not numbers in every replication (NaN, missing) average the
 * replications that have them.
 */
export function averageReports<T>(reports: readonly T[]): T {
  return averageValue(reports as unknown[]) as T;
}

function averageValue(values: unknown[]): unknown {
  const first = values.find((v) => v !== undefined && v !== null);
  if (typeof first === 'number') {
    const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return nums.length > 0 ? mean(nums) : null;
  }
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const out: Record<string, unknown> = {};
    const keys = new Set(values.flatMap((v) => (v && typeof v === 'object' ? Object.keys(v) : [])));
    for (const key of keys) {
      const column = values.map((v) => (v as Record<string, unknown> | undefined)?.[key]);
      out[key] = averageValue(column);
      if (values.length >= 2 && typeof out[key] === 'number') {
        const nums = column.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
        out[`${key}CI95`] = nums.length >= 2 ? ci95HalfWidth(nums) : null;
      }
    }
    return out;
  }
  return first;
}
