import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ShiftPattern } from '../../server/engine/shifts.ts';

const DAY = 86_400;
const H = 3600;

/** A random valid pattern: sorted, non-overlapping windows inside [0, period]. */
const patternArb = fc
  .record({
    period: fc.oneof(fc.constant(DAY), fc.constant(7 * DAY), fc.integer({ min: 10, max: 1000 }), fc.double({ min: 0.5, max: 500, noNaN: true })),
    // Window edges on a grid of period/1000: realistic resolution, no sub-ulp windows.
    cuts: fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 8 }),
  })
  .map(({ period, cuts }) => {
    const sorted = [...cuts].sort((a, b) => a - b).map((c) => (c / 1000) * period);
    const windows: { startS: number; endS: number }[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) if (sorted[i + 1] > sorted[i]) windows.push({ startS: sorted[i], endS: sorted[i + 1] });
    return { period, windows };
  })
  .filter((p) => p.windows.length > 0);

describe('ShiftPattern', () => {
  it('two 8-hour shifts a day: on share, isOn and the next switch', () => {
    const p = new ShiftPattern(DAY, [
      { startS: 6 * H, endS: 14 * H },
      { startS: 14 * H, endS: 22 * H }, // touching: one window 06–22
    ]);
    expect(p.onShare).toBeCloseTo(16 / 24, 12);
    expect(p.alwaysOn).toBe(false);
    expect(p.isOn(5 * H)).toBe(false);
    expect(p.isOn(6 * H)).toBe(true);
    expect(p.isOn(14 * H)).toBe(true);
    expect(p.isOn(22 * H)).toBe(false);
    expect(p.nextChange(0)).toBe(6 * H);
    expect(p.nextChange(6 * H)).toBe(22 * H); // no switch at the 14:00 hand-over
    expect(p.nextChange(23 * H)).toBe(DAY + 6 * H);
    expect(p.isOn(3 * DAY + 7 * H)).toBe(true);
  });

  it('a 24/7 pattern written as three shifts never switches', () => {
    const p = new ShiftPattern(DAY, [
      { startS: 16 * H, endS: 24 * H },
      { startS: 0, endS: 8 * H },
      { startS: 8 * H, endS: 16 * H },
    ]);
    expect(p.alwaysOn).toBe(true);
    expect(p.onShare).toBe(1);
    expect(p.nextChange(12345)).toBe(Number.POSITIVE_INFINITY);
  });

  it('a night shift across midnight does not switch at the period edge', () => {
    const p = new ShiftPattern(DAY, [
      { startS: 22 * H, endS: DAY },
      { startS: 0, endS: 6 * H },
    ]);
    expect(p.nextChange(23 * H)).toBe(DAY + 6 * H);
    expect(p.onShare).toBeCloseTo(8 / 24, 12);
  });

  it('rejects a non-positive period', () => {
    expect(() => new ShiftPattern(0, [{ startS: 0, endS: 1 }])).toThrow(RangeError);
  });

  it('nextChange is the first switch after t: the state holds until then and flips there', () => {
    fc.assert(
      fc.property(patternArb, fc.double({ min: 0, max: 1e7, noNaN: true }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }), ({ period, windows }, t, probes) => {
        const p = new ShiftPattern(period, windows);
        const next = p.nextChange(t);
        if (p.alwaysOn) return expect(next).toBe(Number.POSITIVE_INFINITY);
        expect(next).toBeGreaterThan(t);
        expect(next - t).toBeLessThanOrEqual(period * (1 + 1e-9));
        expect(p.isOn(next)).not.toBe(p.isOn(t));
        for (const f of probes) {
          // Probes a few ulps from an edge are snapped onto it by design; stay clear of them.
          const clear = 1e-9 * Math.max(period, next);
          const s = t + f * (next - t);
          if (s > t + clear && s < next - clear) expect(p.isOn(s)).toBe(p.isOn(t));
        }
      }),
      { seed: 5, numRuns: 500 },
    );
  });

  it('walking nextChange over many periods accumulates on-time = periods x period x onShare', () => {
    fc.assert(
      fc.property(patternArb, fc.integer({ min: 1, max: 30 }), ({ period, windows }, periods) => {
        const p = new ShiftPattern(period, windows);
        if (p.alwaysOn) return;
        const end = periods * period;
        let t = 0;
        let on = p.isOn(0);
        let onTime = 0;
        while (t < end) {
          const next = Math.min(p.nextChange(t), end);
          if (on) onTime += next - t;
          t = next;
          on = !on; // exactly what the plant's calendar toggle does
        }
        expect(Math.abs(onTime - end * p.onShare)).toBeLessThan(1e-6 * end);
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});
