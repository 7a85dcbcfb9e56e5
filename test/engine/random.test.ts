import { describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/XoroShiro';
import { RandomStreams, UniformStream } from '../../server/engine/random.ts';
import { Z, dkwEpsilon, ksDistance } from '../validation/statistics.ts';

const draws = (u: () => number, n: number) => Array.from({ length: n }, u);

/** Pearson correlation of two equally long samples. */
function correlation(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const N = 20_000;
// For independent samples the correlation coefficient has standard error 1/sqrt(n).
const CORR_TOL = Z / Math.sqrt(N);

describe('UniformStream', () => {
  it("draws pure-rand's xoroshiro128+ sequence, two 32-bit outputs per double", () => {
    for (const state of [[1, 2, 3, 4], [-1, 0x7fffffff, -0x80000000, 12345], [0x9e3779b9 | 0, 0, 0, 1]]) {
      const reference = xoroshiro128plus.fromState(state);
      const ours = new UniformStream(state);
      let differing = 0;
      for (let i = 0; i < 20_000; i++) {
        const hi = reference.unsafeNext() >>> 5;
        const lo = reference.unsafeNext() >>> 6;
        if (ours.next() !== (hi * 67108864 + lo) / 9007199254740992) differing++;
      }
      expect(differing).toBe(0);
    }
  });
});

describe('RandomStreams', () => {
  it('same seed, replication and name give the same draws, whatever else was drawn before', () => {
    const a = new RandomStreams(7).stream('coater.cycle');
    const other = new RandomStreams(7);
    draws(other.stream('stacker.ttf'), 1000); // unrelated activity must not matter
    const b = other.stream('coater.cycle');
    expect(draws(a, 100)).toEqual(draws(b, 100));
  });

  it('a stream is not shifted by creating or consuming other streams', () => {
    const s = new RandomStreams(3);
    const first = s.stream('m1.cycle');
    const interleaved: number[] = [];
    const noise = s.stream('m2.cycle');
    for (let i = 0; i < 50; i++) {
      interleaved.push(first());
      noise();
      s.stream(`new-node-${i}.cycle`)();
    }
    expect(interleaved).toEqual(draws(new RandomStreams(3).stream('m1.cycle'), 50));
  });

  it('draws lie in [0, 1) and are uniform (DKW bound)', () => {
    for (const [seed, name] of [[1, 'src.interarrival'], [0, 'a'], [2 ** 40 + 5, 'm.yield'], [-3, 'x']] as const) {
      const xs = draws(new RandomStreams(seed).stream(name), N);
      expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
      expect(ksDistance(xs, (x) => Math.min(1, Math.max(0, x)))).toBeLessThan(dkwEpsilon(N));
    }
  });

  it('successive draws of one stream are uncorrelated', () => {
    const xs = draws(new RandomStreams(11).stream('m1.cycle'), N + 1);
    expect(Math.abs(correlation(xs.slice(0, N), xs.slice(1)))).toBeLessThan(CORR_TOL);
  });

  it('streams of different names, seeds and replications are distinct and uncorrelated', () => {
    const base = draws(new RandomStreams(1, 0).stream('m1.cycle'), N);
    const others = {
      'neighbouring name': draws(new RandomStreams(1, 0).stream('m2.cycle'), N),
      'other variable': draws(new RandomStreams(1, 0).stream('m1.ttf'), N),
      'seed + 1': draws(new RandomStreams(2, 0).stream('m1.cycle'), N),
      'replication 1': draws(new RandomStreams(1, 1).stream('m1.cycle'), N),
      'replication 2': draws(new RandomStreams(1, 2).stream('m1.cycle'), N),
    };
    for (const [what, xs] of Object.entries(others)) {
      expect(xs.slice(0, 10), what).not.toEqual(base.slice(0, 10));
      expect(Math.abs(correlation(base, xs)), what).toBeLessThan(CORR_TOL);
    }
  });

  it('replication r is the same stream whenever it is asked for', () => {
    expect(draws(new RandomStreams(5, 3).stream('q'), 20)).toEqual(draws(new RandomStreams(5, 3).stream('q'), 20));
  });

  it('rejects seeds and replications that are not integers', () => {
    expect(() => new RandomStreams(1.5)).toThrow(RangeError);
    expect(() => new RandomStreams(1, -1)).toThrow(RangeError);
    expect(() => new RandomStreams(1, 0.5)).toThrow(RangeError);
  });
});
