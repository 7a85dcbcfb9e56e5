// The one mean function the server and the client share, against independent formulas:
// the truncated-normal mean μ + σφ(α)/(1 − Φ(α)), α = −μ/σ, evaluated with @stdlib's normal
// CDF/PDF (a second implementation), and Γ from @stdlib for the Weibull mean.
import gammaFn from '@stdlib/math-base-special-gamma';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';
import { describe, expect, it } from 'vitest';
import { distributionMean, erfc, truncatedNormalMean } from '../../server/protocol/distribution-mean.ts';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('distributionMean (server and client)', () => {
  it('is the analytic mean of a normal truncated at 0, for light to heavy truncation', () => {
    for (const [mu, sigma] of [[50, 5], [5, 1], [1, 1], [1, 3], [0.1, 2], [2, 0.5]]) {
      const alpha = -mu / sigma;
      const analytic = mu + (sigma * normalPdf(alpha, 0, 1)) / (1 - normalCdf(alpha, 0, 1));
      expect(relErr(distributionMean({ dist: 'normal', mean: mu, sd: sigma }), analytic)).toBeLessThan(1e-12);
    }
  });

  it('differs from the untruncated mean where truncation matters (the old client copy returned μ)', () => {
    // μ = σ = 1: 1 + φ(−1)/(1 − Φ(−1)) = 1 + 0.2419707/0.8413447 = 1.2876 (by hand).
    expect(truncatedNormalMean(1, 1)).toBeCloseTo(1.2876, 4);
    expect(truncatedNormalMean(5, 0)).toBe(5);
  });

  it('erfc matches 2·(1 − Φ(x√2)) over the range, in both tails', () => {
    for (const x of [-3, -1, -0.2, 0, 0.3, 1, 1.99, 2, 2.5, 4, 6]) {
      const expected = 2 * normalCdf(-x * Math.SQRT2, 0, 1);
      expect(relErr(erfc(x), expected)).toBeLessThan(1e-12);
    }
  });

  it('gives the theoretical means of the other kinds', () => {
    expect(distributionMean({ dist: 'constant', value: 4 })).toBe(4);
    expect(distributionMean({ dist: 'uniform', min: 40, max: 60 })).toBe(50);
    expect(distributionMean({ dist: 'triangular', min: 50, mode: 60, max: 80 })).toBeCloseTo(190 / 3, 12);
    expect(distributionMean({ dist: 'empirical', values: [10, 20], probs: [0.25, 0.75] })).toBe(17.5);
    expect(distributionMean({ dist: 'gamma', shape: 2, scale: 5 })).toBe(10);
    expect(distributionMean({ dist: 'erlang', k: 3, mean: 6 })).toBe(6);
    for (const shape of [0.5, 1, 1.5, 3]) expect(relErr(distributionMean({ dist: 'weibull', shape, scale: 30 }), 30 * gammaFn(1 + 1 / shape))).toBeLessThan(1e-12);
  });
});
