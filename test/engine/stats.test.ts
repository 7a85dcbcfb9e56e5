import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileSorted, sampleVariance } from 'simple-statistics';
import { QuantileSketch, StateTime, Tally, TimeWeighted } from '../../server/engine/stats.ts';

describe('TimeWeighted', () => {
  it('averages a piecewise-constant level over time and tracks its peak', () => {
    // Level 0 on [0,2), 3 on [2,5), 1 on [5,10): area 0 + 9 + 5 = 14 over 10.
    const tw = new TimeWeighted(0, 0);
    tw.set(2, 3);
    tw.add(5, -2);
    expect(tw.current).toBe(1);
    expect(tw.mean(10)).toBeCloseTo(1.4, 12);
    expect(tw.max).toBe(3);
  });

  it('reset forgets the past but keeps the current level', () => {
    const tw = new TimeWeighted(0, 0);
    tw.set(1, 10);
    tw.set(4, 2);
    tw.reset(6);
    expect(tw.max).toBe(2);
    tw.set(8, 4); // 2 on [6,8), 4 on [8,10): mean 3
    expect(tw.mean(10)).toBeCloseTo(3, 12);
    expect(tw.max).toBe(4);
  });

  it('over an empty span reports the current level', () => {
    const tw = new TimeWeighted(5, 7);
    expect(tw.mean(5)).toBe(7);
  });
});

describe('StateTime', () => {
  it('gives each state its share of member-time, averaged over members and summing to 1', () => {
    // Two members, three states; both start in state 0.
    const st = new StateTime(3, 2, 0, 0);
    st.move(1, 0, 1); // member A → 1 at t=1
    st.move(3, 0, 2); // member B → 2 at t=3
    st.move(4, 1, 0); // member A → 0 at t=4
    // Member-time on [0,10): state0 = A(1+6) + B(3) = 10, state1 = A 3, state2 = B 7; total 20.
    const f = st.fractions(10);
    expect(f[0]).toBeCloseTo(10 / 20, 12);
    expect(f[1]).toBeCloseTo(3 / 20, 12);
    expect(f[2]).toBeCloseTo(7 / 20, 12);
    expect(f.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(st.count(0)).toBe(1);
    expect(st.count(2)).toBe(1);
  });

  it('reset restarts the accounting from the current states', () => {
    const st = new StateTime(2, 1, 0, 0);
    st.move(5, 0, 1);
    st.reset(6);
    st.move(8, 1, 0);
    const f = st.fractions(10); // state1 on [6,8), state0 on [8,10)
    expect(f).toEqual([0.5, 0.5]);
  });

  it('with no elapsed time reports the current distribution of members', () => {
    const st = new StateTime(2, 4, 1, 3);
    expect(st.fractions(3)).toEqual([0, 1]);
  });
});

describe('Tally', () => {
  it('matches the two-pass mean and sample variance, min and max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), (xs) => {
        const t = new Tally();
        xs.forEach((x) => t.add(x));
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const scale = Math.max(1, ...xs.map(Math.abs));
        expect(t.count).toBe(xs.length);
        expect(Math.abs(t.mean - mean)).toBeLessThan(1e-9 * scale);
        expect(Math.abs(t.variance - sampleVariance(xs))).toBeLessThan(1e-7 * scale * scale);
        expect(t.min).toBe(Math.min(...xs));
        expect(t.max).toBe(Math.max(...xs));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('is NaN when empty and forgets everything on reset', () => {
    const t = new Tally();
    expect(t.mean).toBeNaN();
    t.add(3);
    expect(t.variance).toBeNaN();
    t.reset();
    expect(t.count).toBe(0);
    expect(t.mean).toBeNaN();
  });
});

describe('QuantileSketch', () => {
  it('reports every quantile within its relative error of the exact sample quantile', () => {
    // The sketch answers with the geometric centre of the log bin holding the rank-th value,
    // so the answer is within (1+e)^(1/2) of the order statistic at rank ceil(q·n).
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, q) => {
          const sketch = new QuantileSketch(0.01);
          xs.forEach((x) => sketch.add(x));
          const sorted = [...xs].sort((a, b) => a - b);
          const exact = sorted[Math.max(1, Math.ceil(q * xs.length)) - 1];
          expect(Math.abs(sketch.quantile(q) / exact - 1)).toBeLessThanOrEqual(0.01);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('handles zeros, emptiness and reset', () => {
    const s = new QuantileSketch(0.01);
    expect(s.quantile(0.5)).toBeNaN();
    [0, 0, 0, 10].forEach((x) => s.add(x));
    expect(s.quantile(0.5)).toBe(0);
    expect(Math.abs(s.quantile(1) / 10 - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.quantile(0.95) / quantileSorted([0, 0, 0, 10], 1) - 1)).toBeLessThan(0.01);
    s.reset();
    expect(s.count).toBe(0);
  });
});
