import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * A difference alternative − base with its 95 % interval. `method` says how the
 * interval was computed, so the page can say it in a footnote:
 *  - paired: the runs share seeds (common random numbers), replication r of both
 *    sides saw the same random streams, so the per-replication differences are the
 *    sample (Student t on them, n − 1 df);
 *  - welch: only means, CI half-widths and replication counts are known, so the
 *    sides are treated as independent samples (Welch–Satterthwaite df). With common
 *    random numbers this interval is wider than the paired one: conservative.
 */
export interface Difference {
  mean: number;
  /** 95 % half-width; null when the data cannot give one (fewer than two replications). */
  half: number | null;
  lo: number | null;
  hi: number | null;
  /** The interval excludes 0. */
  significant: boolean;
  method: 'paired' | 'welch';
}

function finish(mean: number, half: number | null, method: Difference['method']): Difference {
  if (half === null || !Number.isFinite(half)) return { mean, half: null, lo: null, hi: null, significant: false, method };
  const lo = mean - half;
  const hi = mean + half;
  return { mean, half, lo, hi, significant: lo > 0 || hi < 0, method };
}

/** Paired difference over replications (same index = same random streams); pairs with a missing side are skipped. */
export function pairedDifference(alt: readonly (number | null)[], base: readonly (number | null)[]): Difference | null {
  const d: number[] = [];
  for (let r = 0; r < Math.min(alt.length, base.length); r++) {
    const a = alt[r];
    const b = base[r];
    if (a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b)) d.push(a - b);
  }
  if (d.length === 0) return null;
  const n = d.length;
  const mean = d.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return finish(mean, null, 'paired');
  const variance = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return finish(mean, tQuantile(0.975, n - 1) * Math.sqrt(variance / n), 'paired');
}

/** A side known only by its summary: mean, 95 % CI half-width (Student t, n − 1 df) and replications. */
export interface Summary {
  mean: number;
  ci: number | null;
  n: number;
}

/**
 * Welch's interval from two summaries. The standard error of each mean is
 * recovered from its half-width: se = ci / t(0.975, n − 1).
 */
export function welchDifference(alt: Summary, base: Summary): Difference {
  const mean = alt.mean - base.mean;
  if (alt.ci === null || base.ci === null || alt.n < 2 || base.n < 2) return finish(mean, null, 'welch');
  const va = (alt.ci / tQuantile(0.975, alt.n - 1)) ** 2;
  const vb = (base.ci / tQuantile(0.975, base.n - 1)) ** 2;
  const se = Math.sqrt(va + vb);
  // Both sides exactly repeatable (zero spread): the difference is known exactly.
  if (se === 0) return finish(mean, 0, 'welch');
  const df = (va + vb) ** 2 / (va ** 2 / (alt.n - 1) + vb ** 2 / (base.n - 1));
  return finish(mean, tQuantile(0.975, df) * se, 'welch');
}
