/**
 * The yield draw of trays and small lots (engine/binomial.ts): one uniform per lot, inverted
 * through the Binomial(n, p) distribution. Checked against the exact probabilities written
 * here from the binomial formula, not against the sampler itself.
 */
import { describe, expect, it } from 'vitest';
import binomcoef from '@stdlib/math-base-special-binomcoef';
import { binomialPasser } from '../../server/engine/binomial.ts';
import { RandomStreams } from '../../server/engine/random.ts';
import { chiSquare, chiSquareCritical } from '../validation/statistics.ts';

const LOTS = 100_000;

/** P(passed = k) = C(n, k) p^k (1 − p)^(n − k). */
function pmf(n: number, p: number): number[] {
  return Array.from({ length: n + 1 }, (_, k) => binomcoef(n, k) * p ** k * (1 - p) ** (n - k));
}

function histogram(n: number, p: number, seed: number): number[] {
  const pass = binomialPasser(new RandomStreams(seed).generator('yield'), p);
  const counts = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < LOTS; i++) counts[pass(n)]++;
  return counts;
}

describe('binomialPasser: Binomial(n, p) by inversion, one uniform per lot', () => {
  it.each([
    [24, 0.977], // a tray of cells at a high yield: scrap is counted
    [24, 0.3],
    [19, 0.5], // n·q = 9.5, the largest lot inverted at p = 1/2
    [2, 0.5],
    [1000, 0.999], // a large lot with n·q = 1
    [1, 0.62],
  ])('lots of %d at yield %d follow the binomial probabilities', (n, p) => {
    const expected = pmf(n, p).map((x) => x * LOTS);
    const { x2, df } = chiSquare(histogram(n, p, 5), expected);
    expect(df).toBeGreaterThan(0);
    expect(x2).toBeLessThan(chiSquareCritical(df));
  });

  it('the same check refuses draws made at a slightly different yield (it has power)', () => {
    // Scrap per tray 24 × 0.03 = 0.72 against 24 × 0.023 = 0.55: χ² grows with LOTS, far past the line.
    const { x2, df } = chiSquare(histogram(24, 0.97, 5), pmf(24, 0.977).map((x) => x * LOTS));
    expect(x2).toBeGreaterThan(chiSquareCritical(df));
  });

  it('with the same stream, a higher yield never passes fewer units of the same lot (common random numbers)', () => {
    // Yields on both sides of 1/2, all with 24 · min(p, 1 − p) < 10 (inverted, not BTPE).
    const yields = [0.05, 0.2, 0.3, 0.75, 0.9, 0.97, 0.999];
    const passers = yields.map((p) => binomialPasser(new RandomStreams(9).generator('yield'), p));
    for (let lot = 0; lot < 20_000; lot++) {
      const passed = passers.map((pass) => pass(24));
      for (let i = 1; i < passed.length; i++) expect(passed[i]).toBeGreaterThanOrEqual(passed[i - 1]);
    }
  });

  it('takes exactly one draw per small lot, so the stream stays in step whatever the lot sizes and yield', () => {
    const stream = new RandomStreams(3).generator('yield');
    const pass = binomialPasser(stream, 0.96);
    const sizes = [24, 1, 23, 24, 100, 2];
    for (const n of sizes) pass(n);
    const fresh = new RandomStreams(3).generator('yield');
    for (let i = 0; i < sizes.length; i++) fresh.next();
    expect(stream.next()).toBe(fresh.next());
  });

  it('a single unit passes exactly when its uniform is below the yield, on either side of 1/2', () => {
    for (const p of [0.3, 0.5, 0.8]) {
      const pass = binomialPasser(new RandomStreams(4).generator('yield'), p);
      const u = new RandomStreams(4).generator('yield');
      for (let i = 0; i < 1000; i++) expect(pass(1)).toBe(u.next() < p ? 1 : 0);
    }
  });

  it('a yield of 1 passes every unit without drawing', () => {
    const stream = new RandomStreams(2).generator('yield');
    const pass = binomialPasser(stream, 1);
    expect(pass(24)).toBe(24);
    expect(stream.next()).toBe(new RandomStreams(2).generator('yield').next());
  });
});
