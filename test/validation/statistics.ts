/**
 * Statistical yardsticks shared by the validation tests. Every tolerance in the
 * suite is built here from a standard error and a stated z, never from a
 * previous run's output.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** The z used throughout: a correct engine fails a 4-sigma check with probability ~6e-5. */
export const Z = 4;

/** Two-sided tail probability of a standard normal beyond ±z. */
export function twoSidedAlpha(z = Z): number {
  return 2 * (1 - normalCdf(z, 0, 1));
}

export interface Estimate {
  mean: number;
  /** Standard error of the mean. */
  se: number;
  /** Acceptance half-width: the t quantile with the same tail mass as ±z, times se. */
  half: number;
  n: number;
}

/**
 * Mean of independent observations (replications, batches) with its standard
 * error estimated from their spread. The half-width uses Student t with n − 1
 * degrees of freedom at the tail mass of ±Z, so small n is not over-trusted.
 */
export function estimate(values: readonly number[], z = Z): Estimate {
  const n = values.length;
  if (n < 2) throw new Error('need at least two observations for a standard error');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const se = Math.sqrt(variance / n);
  const half = tQuantile(1 - twoSidedAlpha(z) / 2, n - 1) * se;
  return { mean, se, half, n };
}

/** Mean, variance (n − 1) and fourth central moment of a sample. */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number; m4: number } {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const mean = s / n;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] - mean) ** 2;
    s2 += d;
    s4 += d * d;
  }
  return { mean, variance: s2 / (n - 1), m4: s4 / n };
}

/**
 * Dvoretzky–Kiefer–Wolfowitz: P(sup|F_n − F| > ε) ≤ 2·exp(−2nε²), so with
 * ε = sqrt(ln(2/α) / 2n) a correct sampler exceeds it with probability ≤ α.
 */
export function dkwEpsilon(n: number, alpha = twoSidedAlpha()): number {
  return Math.sqrt(Math.log(2 / alpha) / (2 * n));
}

/** Largest gap between the empirical CDF of `xs` and `cdf`. */
export function ksDistance(xs: readonly number[], cdf: (x: number) => number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, Math.abs((i + 1) / n - f), Math.abs(f - i / n));
  }
  return d;
}

/** Binomial check: |observed − n·p| within z standard deviations of Binomial(n, p). */
export function binomialHalfWidth(n: number, p: number, z = Z): number {
  return z * Math.sqrt(n * p * (1 - p));
}

/**
 * Pearson's χ² of observed counts against expected ones, bins with an expectation under 5
 * pooled into their neighbour (the usual validity condition); returns the statistic and
 * its degrees of freedom.
 */
export function chiSquare(observed: number[], expected: number[]): { x2: number; df: number } {
  const bins: { o: number; e: number }[] = [];
  let o = 0;
  let e = 0;
  for (let k = 0; k < expected.length; k++) {
    o += observed[k] ?? 0;
    e += expected[k];
    if (e >= 5) {
      bins.push({ o, e });
      o = 0;
      e = 0;
    }
  }
  if (e > 0 && bins.length > 0) {
    bins[bins.length - 1].o += o;
    bins[bins.length - 1].e += e;
  }
  return { x2: bins.reduce((s, b) => s + (b.o - b.e) ** 2 / b.e, 0), df: bins.length - 1 };
}

/**
 * The χ² quantile for upper-tail probability 10⁻⁶ (z = 4.753), by the Wilson–Hilferty cube
 * approximation: a false alarm at most once in a million seeds.
 */
export function chiSquareCritical(df: number): number {
  const z = 4.753;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}
