/**
 * The engine writes out a few @stdlib samplers for speed (lognormal, small
 * binomials); every run must stay bit-identical to the draws @stdlib itself
 * makes from the same stream, so these compare them draw by draw.
 */
import { describe, expect, it } from 'vitest';
import binomial from '@stdlib/random-base-binomial';
import lognormal from '@stdlib/random-base-lognormal';
import { lognormalParams, makeSampler } from '../../server/engine/distributions.ts';
import { RandomStreams } from '../../server/engine/random.ts';
import { PlantContext } from '../../server/plant/context.ts';

const DRAWS = 50_000;

describe('samplers written out for speed draw exactly what @stdlib draws', () => {
  it.each([
    [535.58, 26.78],
    [61.86, 3.09],
    [14400, 900],
    [10, 5],
    [1, 3],
  ])('lognormal mean %d sd %d', (mean, sd) => {
    const ours = makeSampler({ dist: 'lognormal', mean, sd }, new RandomStreams(7).stream('x'));
    const { mu, sigma } = lognormalParams(mean, sd);
    const theirs = lognormal.factory(mu, sigma, { prng: new RandomStreams(7).stream('x') });
    let differing = 0;
    for (let i = 0; i < DRAWS; i++) if (!Object.is(ours(), theirs())) differing++;
    expect(differing).toBe(0);
  });

  it.each([
    [0.97712, [2, 24, 100, 1000]],
    [0.995, [24, 3000]],
    [0.5, [2, 19, 20, 60]],
    [0.3, [24, 33, 34, 200]],
    [0.05, [24, 199, 200, 1000]],
  ])('yield %d on lots of %j units', (p, sizes) => {
    // Sizes straddle n·min(p, 1 − p) = 10, where @stdlib switches from counting draws to BTPE.
    const pass = new PlantContext(11, 2).passer('y', p);
    const u = new RandomStreams(11, 2).stream('y');
    const draw = binomial.factory({ prng: u });
    let differing = 0;
    for (let i = 0; i < DRAWS / 10; i++) {
      for (const n of sizes) {
        const theirs = n === 1 ? (u() < p ? 1 : 0) : draw(n, p);
        if (pass(n) !== theirs) differing++;
      }
    }
    expect(differing).toBe(0);
  });
});
