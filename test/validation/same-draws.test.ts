/**
 * The engine writes out a few @stdlib samplers for speed (lognormal) and hands large
 * binomial lots to @stdlib; every such draw must be bit-identical to the draw @stdlib
 * itself makes from the same stream, so these compare them draw by draw.
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
    [0.97712, [1000, 5000]],
    [0.995, [2000, 3000]],
    [0.5, [20, 60]],
    [0.3, [34, 200]],
    [0.05, [200, 1000]],
  ])('yield %d on large lots of %j units', (p, sizes) => {
    // Lots with n·min(p, 1 − p) ≥ 10 go to @stdlib's BTPE sampler; smaller ones are inverted (test/engine/binomial.test.ts).
    const pass = new PlantContext(11, 2).passer('y', p);
    const draw = binomial.factory({ prng: new RandomStreams(11, 2).stream('y') });
    let differing = 0;
    for (let i = 0; i < DRAWS / 10; i++) for (const n of sizes) if (pass(n) !== draw(n, p)) differing++;
    expect(differing).toBe(0);
  });
});
