/**
 * The ziggurat exponential (server/engine/exponential.ts) against the exponential law itself:
 * bin probabilities and moments written here from its CDF 1 − e^(−x), not from earlier runs.
 */
import { describe, expect, it } from 'vitest';
import { LAYER_AREA, TOP_LAYER_AREA, standardExponential, type UniformSource } from '../../server/engine/exponential.ts';
import { makeSampler } from '../../server/engine/distributions.ts';
import { RandomStreams } from '../../server/engine/random.ts';
import { Z, binomialHalfWidth, chiSquare, chiSquareCritical, moments } from '../validation/statistics.ts';

const DRAWS = 1_000_000;
/** Where the ziggurat's tail begins: draws beyond it come from a separate branch, so it is a bin edge. */
const TAIL_START = 7.697117470131050;

/**
 * Bin edges: 400 bins of equal probability, and edges at the tail's start and deeper into it
 * (P(X > R + 3) = e^(−R − 3) ≈ 2.3·10⁻⁵, about 23 draws), so a wrong tail branch shows.
 */
const EDGES = [...Array.from({ length: 399 }, (_, k) => -Math.log(1 - (k + 1) / 400)), TAIL_START, TAIL_START + 3].sort((a, b) => a - b);

function expectedCounts(n: number): number[] {
  const cdf = (x: number) => 1 - Math.exp(-x);
  const bounds = [0, ...EDGES, Number.POSITIVE_INFINITY];
  return bounds.slice(1).map((hi, i) => n * ((hi === Number.POSITIVE_INFINITY ? 1 : cdf(hi)) - cdf(bounds[i])));
}

function histogram(draws: Float64Array): number[] {
  const counts = new Array<number>(EDGES.length + 1).fill(0);
  for (const x of draws) {
    let lo = 0;
    let hi = EDGES.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < EDGES[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

function draws(seed: number, n = DRAWS): Float64Array {
  const stream = new RandomStreams(seed).generator('exp');
  return Float64Array.from({ length: n }, () => standardExponential(stream));
}

describe('standardExponential: Exp(1) by ziggurat', () => {
  it('its 256 layers have equal areas: the recurrence from R closes at the top of the curve', () => {
    // Marsaglia and Tsang's R and layer area are given to 16 digits; a mistyped digit leaves the top layer off by far more.
    expect(Math.abs(TOP_LAYER_AREA / LAYER_AREA - 1)).toBeLessThan(1e-9);
  });

  it('a million draws fit the exponential law (χ², 402 bins, false alarm 10⁻⁶)', () => {
    const { x2, df } = chiSquare(histogram(draws(11)), expectedCounts(DRAWS));
    expect(df).toBe(401);
    expect(x2).toBeLessThan(chiSquareCritical(df));
  });

  it('the same test refuses draws 3 % too long (its power: noncentrality n·0.03² ≈ 900)', () => {
    const long = draws(11).map((x) => x * 1.03);
    const { x2, df } = chiSquare(histogram(long), expectedCounts(DRAWS));
    expect(x2).toBeGreaterThan(chiSquareCritical(df));
  });

  it('beyond the tail start, as many draws as e^(−R) says, and their excess is Exp(1) again (memoryless)', () => {
    const n = 4_000_000;
    const excess = Array.from(draws(14, n)).filter((x) => x > TAIL_START).map((x) => x - TAIL_START);
    const p = Math.exp(-TAIL_START);
    expect(Math.abs(excess.length - n * p)).toBeLessThan(binomialHalfWidth(n, p));
    // Excess of Exp(1) has mean 1 and sd 1: Z standard errors of the mean of about 1,800 draws.
    expect(Math.abs(moments(excess).mean - 1)).toBeLessThan(Z / Math.sqrt(excess.length));
  });

  it('mean and variance are 1 within Z standard errors (the fourth central moment of Exp(1) is 9)', () => {
    const { mean, variance } = moments(draws(12));
    expect(Math.abs(mean - 1)).toBeLessThan(Z * Math.sqrt(1 / DRAWS));
    expect(Math.abs(variance - 1)).toBeLessThan(Z * Math.sqrt((9 - 1) / DRAWS));
  });

  it('takes one uniform for the share of draws the inner parts of the layers give, and as many in all as theory says', () => {
    // Layer edges from Marsaglia and Tsang's recurrence, written out here: x₁ = R, x_{i+1} = −ln(A/x_i + e^(−x_i)),
    // x₀ = A/e^(−R), x₂₅₆ = 0. A uniform lands in layer i's inner part with probability x_{i+1}/x_i: one
    // uniform, no other. Otherwise it takes one more (the wedge's height or the tail), and a try is
    // kept with probability 1/(256·A) (the curve's area over the ziggurat's).
    const x = [LAYER_AREA / Math.exp(-TAIL_START), TAIL_START];
    for (let i = 1; i < 255; i++) x.push(-Math.log(LAYER_AREA / x[i] + Math.exp(-x[i])));
    x.push(0);
    let inner = 0;
    for (let i = 0; i < 256; i++) inner += x[i + 1] / x[i] / 256;
    const perDraw = (2 - inner) * 256 * LAYER_AREA;
    expect(inner).toBeCloseTo(0.9778, 4);

    const stream = new RandomStreams(13).generator('exp');
    let uniforms = 0;
    const counting: UniformSource = { next: () => (uniforms++, stream.next()) };
    const n = 200_000;
    const counts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const before = uniforms;
      standardExponential(counting);
      counts[i] = uniforms - before;
    }
    const ones = counts.filter((c) => c === 1).length;
    expect(Math.abs(ones - n * inner)).toBeLessThan(binomialHalfWidth(n, inner));
    const { mean, variance } = moments(counts);
    expect(Math.abs(mean - perDraw)).toBeLessThan(Z * Math.sqrt(variance / n));
  });

  it('scenarios that differ only in the mean take the same uniforms and scale the same variates (common random numbers)', () => {
    const short = makeSampler({ dist: 'exponential', mean: 60 }, new RandomStreams(5).generator('ttf'));
    const long = makeSampler({ dist: 'exponential', mean: 90 }, new RandomStreams(5).generator('ttf'));
    for (let i = 0; i < 10_000; i++) {
      const a = short();
      const b = long();
      expect(Math.abs(b / a - 1.5)).toBeLessThan(1e-12);
    }
  });
});
