import type { Distribution } from './distribution.ts';

/**
 * The expected value of a model distribution: the one function the server (capacity,
 * KPIs) and the client (the inspect panel) use, so both show the same nameplate figures.
 * Pure arithmetic, no packages, because the client imports it.
 */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'exponential':
    case 'lognormal': // `mean` is the mean of the variate itself
    case 'erlang':
      return d.mean;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'normal':
      return truncatedNormalMean(d.mean, d.sd);
    case 'gamma':
      return d.shape * d.scale;
    case 'weibull':
      return d.scale * gamma(1 + 1 / d.shape);
    case 'empirical': {
      const total = d.probs.reduce((a, b) => a + b, 0);
      return d.values.reduce((acc, v, i) => acc + (v * d.probs[i]) / total, 0);
    }
  }
}

/**
 * Mean of a normal(μ, σ) truncated below at 0, as the sampler draws it:
 * μ + σ·φ(α)/(1 − Φ(α)) with α = −μ/σ, and 1 − Φ(α) = erfc(α/√2)/2.
 */
export function truncatedNormalMean(mean: number, sd: number): number {
  if (sd === 0) return Math.max(0, mean);
  const alpha = -mean / sd;
  const pdf = Math.exp(-(alpha * alpha) / 2) / Math.sqrt(2 * Math.PI);
  return mean + (sd * pdf) / (erfc(alpha / Math.SQRT2) / 2);
}

/**
 * Complementary error function, to ~1e-14 relative: the positive-term series
 * erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) below x = 2 (no cancellation), the
 * continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))) above.
 */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Γ(z) by the Lanczos approximation (g = 7, 9 terms), ~15 digits for the arguments a Weibull mean needs. */
export function gamma(z: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gamma(1 - z));
  const x = z - 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
}
