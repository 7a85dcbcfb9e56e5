import { describe, expect, it } from 'vitest';
import gammaFn from '@stdlib/math-base-special-gamma';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';
import { lognormalParams, makeSampler, type DistributionSpec } from '../../server/engine/distributions.ts';
import { distributionMean } from '../../server/protocol/distribution-mean.ts';
import { RandomStreams } from '../../server/engine/random.ts';
import { Z, binomialHalfWidth, dkwEpsilon, ksDistance, moments } from '../validation/statistics.ts';

const N = 100_000;

function sample(spec: DistributionSpec, n = N, name: string = spec.dist): number[] {
  const draw = makeSampler(spec, new RandomStreams(2024).stream(name));
  return Array.from({ length: n }, draw);
}

/** Normal truncated below at 0: mean and variance from the standard formulas (Johnson & Kotz). */
function truncatedNormal(mu: number, sigma: number) {
  const alpha = -mu / sigma;
  const lambda = normalPdf(alpha, 0, 1) / (1 - normalCdf(alpha, 0, 1));
  return {
    mean: mu + sigma * lambda,
    variance: sigma * sigma * (1 + alpha * lambda - lambda * lambda),
    cdf: (x: number) => (x <= 0 ? 0 : (normalCdf(x, mu, sigma) - normalCdf(0, mu, sigma)) / (1 - normalCdf(0, mu, sigma))),
  };
}

function triangularCdf(a: number, c: number, b: number) {
  return (x: number) => (x <= a ? 0 : x >= b ? 1 : x <= c ? (x - a) ** 2 / ((b - a) * (c - a)) : 1 - (b - x) ** 2 / ((b - a) * (b - c)));
}

function erlangCdf(k: number, mean: number) {
  const rate = k / mean;
  return (x: number) => {
    if (x <= 0) return 0;
    let term = 1;
    let sum = 1;
    for (let i = 1; i < k; i++) sum += term *= (rate * x) / i;
    return 1 - Math.exp(-rate * x) * sum;
  };
}

const tn = truncatedNormal(1, 1);
const ln = lognormalParams(10, 5);
const g1 = gammaFn(1 + 1 / 1.5);
const g2 = gammaFn(1 + 2 / 1.5);

/** Theoretical mean, variance and (where closed-form) CDF of each distribution kind. */
const cases: { spec: DistributionSpec; mean: number; variance: number; cdf?: (x: number) => number }[] = [
  { spec: { dist: 'exponential', mean: 2 }, mean: 2, variance: 4, cdf: (x) => 1 - Math.exp(-x / 2) },
  { spec: { dist: 'uniform', min: 1, max: 4 }, mean: 2.5, variance: 9 / 12, cdf: (x) => Math.min(1, Math.max(0, (x - 1) / 3)) },
  // Asymmetric on purpose: mean and variance are symmetric in (min, mode, max), the CDF is not.
  { spec: { dist: 'triangular', min: 1, mode: 2, max: 6 }, mean: 3, variance: (1 + 4 + 36 - 2 - 6 - 12) / 18, cdf: triangularCdf(1, 2, 6) },
  { spec: { dist: 'normal', mean: 1, sd: 1 }, mean: tn.mean, variance: tn.variance, cdf: tn.cdf },
  { spec: { dist: 'normal', mean: 50, sd: 5 }, mean: 50, variance: 25, cdf: (x) => normalCdf(x, 50, 5) },
  { spec: { dist: 'lognormal', mean: 10, sd: 5 }, mean: 10, variance: 25, cdf: (x) => (x <= 0 ? 0 : normalCdf(Math.log(x), ln.mu, ln.sigma)) },
  { spec: { dist: 'gamma', shape: 2.5, scale: 3 }, mean: 7.5, variance: 2.5 * 9 },
  { spec: { dist: 'weibull', shape: 1.5, scale: 4 }, mean: 4 * g1, variance: 16 * (g2 - g1 * g1), cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-((x / 4) ** 1.5))) },
  { spec: { dist: 'erlang', k: 3, mean: 6 }, mean: 6, variance: 36 / 3, cdf: erlangCdf(3, 6) },
  { spec: { dist: 'empirical', values: [1, 2, 5], probs: [0.2, 0.5, 0.3] }, mean: 0.2 + 1 + 1.5, variance: 0.2 + 2 + 7.5 - 2.7 ** 2 },
];

describe('distribution samplers', () => {
  for (const { spec, mean, variance, cdf } of cases) {
    describe(`${spec.dist} ${JSON.stringify(spec)}`, () => {
      const xs = sample(spec);
      const m = moments(xs);

      it('distributionMean gives the theoretical mean', () => {
        expect(distributionMean(spec)).toBeCloseTo(mean, 10);
      });

      it('sample mean is within 4 standard errors (sigma/sqrt(n)) of the theoretical mean', () => {
        expect(Math.abs(m.mean - mean)).toBeLessThan(Z * Math.sqrt(variance / N));
      });

      it('sample variance is within 4 standard errors (sqrt((m4 - s^4)/n)) of the theoretical variance', () => {
        const se = Math.sqrt((m.m4 - m.variance ** 2) / N);
        expect(Math.abs(m.variance - variance)).toBeLessThan(Z * se);
      });

      it('never draws a negative duration', () => {
        expect(xs.every((x) => x >= 0)).toBe(true);
      });

      if (cdf !== undefined) {
        it('empirical CDF stays within the DKW band of the theoretical CDF', () => {
          expect(ksDistance(xs, cdf)).toBeLessThan(dkwEpsilon(N));
        });
      }
    });
  }

  it('empirical draws each value with its probability and never a zero-probability value', () => {
    const spec: DistributionSpec = { dist: 'empirical', values: [3, 4, 7, 9], probs: [0.1, 0, 0.6, 0.3] };
    const xs = sample(spec);
    spec.values.forEach((v, i) => {
      const hits = xs.filter((x) => x === v).length;
      expect(Math.abs(hits - N * spec.probs[i])).toBeLessThanOrEqual(binomialHalfWidth(N, spec.probs[i]));
    });
  });

  it('lognormal parameters reproduce the mean and sd of the variate', () => {
    const { mu, sigma } = lognormalParams(10, 5);
    expect(Math.exp(mu + (sigma * sigma) / 2)).toBeCloseTo(10, 12);
    expect(Math.sqrt((Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma))).toBeCloseTo(5, 12);
  });

  it('degenerate parameters give constants', () => {
    const u = new RandomStreams(1).stream('d');
    expect(makeSampler({ dist: 'constant', value: 4.5 }, u)()).toBe(4.5);
    expect(makeSampler({ dist: 'uniform', min: 2, max: 2 }, u)()).toBe(2);
    expect(makeSampler({ dist: 'triangular', min: 3, mode: 3, max: 3 }, u)()).toBe(3);
    expect(makeSampler({ dist: 'normal', mean: 5, sd: 0 }, u)()).toBe(5);
    expect(makeSampler({ dist: 'lognormal', mean: 5, sd: 0 }, u)()).toBe(5);
    expect(distributionMean({ dist: 'normal', mean: 5, sd: 0 })).toBe(5);
  });

  it('a sampler is reproducible from its stream', () => {
    const spec: DistributionSpec = { dist: 'gamma', shape: 0.7, scale: 2 };
    expect(sample(spec, 50, 'g')).toEqual(sample(spec, 50, 'g'));
  });
});
