import binomial from '@stdlib/random-base-binomial';
import type { UniformStream } from './random.ts';

/** Lots where the counted outcome's mean n·q reaches this go to @stdlib's BTPE sampler. */
const INVERSION_LIMIT = 10;
/** Lot sizes whose P(count = 0) is kept in a table (larger ones keep only the last). */
const NONE_TABLE_SIZE = 1025;

/**
 * How many of a lot's `n` units pass a step that each unit passes with probability `p`
 * (a yield): a Binomial(n, p) draw from `stream`.
 *
 * Trays and small lots (n·q < 10, q = min(p, 1 − p)) are drawn by inversion: one uniform u
 * per lot, and the scrapped count is the smallest k with u < P(scrapped ≤ k). @stdlib's small-lot
 * method counts n Bernoulli draws instead (a tray of 24 cells took 24 uniforms: a fifth of the
 * default plant's instructions, though only about 3 % of its time, being register arithmetic);
 * no library inverts with one uniform, so this is written out. One
 * uniform per lot also keeps common random numbers tight: with the same stream, a higher yield
 * never scraps more units of the same lot, and a lot takes one draw whatever the yield.
 *
 * The search starts at the likelier end: from no scrap when p > 1/2, from no pass otherwise,
 * stepping through the probabilities by the ratio P(k + 1) / P(k) = (n − k)/(k + 1) · q/(1 − q);
 * it takes 1 + n·q steps on average. Larger lots go to @stdlib's BTPE sampler, as before.
 */
export function binomialPasser(stream: UniformStream, p: number): (n: number) => number {
  if (p >= 1) return (n) => n;
  const large = binomial.factory({ prng: stream.asFunction() });
  // Count scrapped units when most pass, passed units otherwise: q is the counted outcome's probability.
  const countScrap = p > 0.5;
  const q = countScrap ? 1 - p : p;
  const other = countScrap ? p : 1 - p;
  const ratio = q / other;
  // P(count = 0) = other^n per lot size, kept: trays leave a yield step with fewer units than they
  // entered, so the next step sees a handful of sizes in turn, and Math.pow for each lot was 1 % of
  // the default plant's time. Sizes above the table (rare: only at low q) keep the last one.
  const noneBySize = new Float64Array(Math.min(NONE_TABLE_SIZE, Math.floor(INVERSION_LIMIT / q) + 1));
  let lastN = -1;
  let lastNone = 0;
  return (n) => {
    if (!(n * q < INVERSION_LIMIT) || !Number.isInteger(n) || n < 1) return large(n, p);
    let none: number;
    if (n < noneBySize.length) {
      none = noneBySize[n];
      // 0 marks a size not seen yet: other^n is never 0 here (other ≥ 1/2 and n·q < 10 keep it above 10⁻⁶).
      if (none === 0) none = noneBySize[n] = Math.pow(other, n);
    } else {
      if (n !== lastN) {
        lastN = n;
        lastNone = Math.pow(other, n);
      }
      none = lastNone;
    }
    const u = stream.next();
    let k = 0;
    let pk = none;
    let cdf = none;
    if (countScrap) {
      // Scrapped: the smallest k with u < P(scrapped ≤ k).
      while (u >= cdf && k < n) {
        pk *= (ratio * (n - k)) / (k + 1);
        k++;
        cdf += pk;
      }
      return n - k;
    }
    // Passed: the smallest k with P(passed ≤ k) ≥ 1 − u, the same inversion seen from the other end.
    const v = 1 - u;
    while (cdf < v && k < n) {
      pk *= (ratio * (n - k)) / (k + 1);
      k++;
      cdf += pk;
    }
    return k;
  };
}
