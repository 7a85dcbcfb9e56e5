/**
 * Shift calendars. Outside its working windows every server of a station is
 * off shift; an interrupted cycle resumes at the next shift. Over a whole
 * number of periods the offShift share is exactly the pattern's off share, and
 * a saturated station's output scales with on-time: throughput = onShare/T.
 */
import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../../server/protocol/model.ts';
import { buildModel, exponential, expectAgrees, replicate, stateShare } from './helpers.ts';

function saturatedOnCalendar(calendars: ModelInput['calendars'], placement: { calendar?: string; area?: string }, areas: ModelInput['areas'] = []) {
  return buildModel(
    [
      { id: 'src', type: 'source', to: 'm' },
      { id: 'm', type: 'machine', servers: 2, cycle: exponential(1), ...placement, to: 'out' },
      { id: 'out', type: 'sink' },
    ],
    { calendars, areas },
  );
}

const SPLIT_SHIFT = { periodS: 100, shifts: [{ startS: 0, endS: 60 }, { startS: 70, endS: 90 }] }; // on 80 %

describe('shift calendars', () => {
  it('offShift share = off share of the pattern; output scales with on-time (node calendar)', () => {
    const model = saturatedOnCalendar({ split: SPLIT_SHIFT }, { calendar: 'split' });
    const reps = replicate(model, { horizonS: 10_000, warmupS: 0, replications: 20, seed: 41 });
    for (const r of reps) {
      expect(stateShare(r, 'm', 'offShift')).toBeCloseTo(0.2, 9);
      // Saturated: whenever on shift the servers work.
      expect(stateShare(r, 'm', 'working')).toBeCloseTo(0.8, 9);
    }
    expectAgrees(reps.map((r) => r.sinks.out.count / 10_000), 2 * 0.8, 'throughput on 80 % shifts', 0.02);
  });

  it('a station inherits its area calendar; a pattern that starts off shift at t = 0 is honoured', () => {
    const late = { periodS: 100, shifts: [{ startS: 30, endS: 100 }] }; // off for the first 30 s of each period
    const model = saturatedOnCalendar({ late }, { area: 'hall' }, [{ id: 'hall', calendar: 'late' }]);
    const reps = replicate(model, { horizonS: 5000, warmupS: 0, replications: 5, seed: 42 });
    for (const r of reps) expect(stateShare(r, 'm', 'offShift')).toBeCloseTo(0.3, 9);
  });

  it('a shift edge that is not a whole second stays in step over many periods', () => {
    // 6998.4 s on per day: k·86400 + 6998.4 rounds in floating point; the calendar must not lose a switch.
    const model = saturatedOnCalendar({ odd: { periodS: 86_400, shifts: [{ startS: 0, endS: 6998.4 }] } }, { calendar: 'odd' });
    const [r] = replicate(model, { horizonS: 30 * 86_400, warmupS: 0, replications: 1, seed: 43 });
    expect(stateShare(r, 'm', 'offShift')).toBeCloseTo(1 - 6998.4 / 86_400, 9);
  });

  it('the node calendar overrides the area calendar', () => {
    const model = saturatedOnCalendar({ split: SPLIT_SHIFT, late: { periodS: 100, shifts: [{ startS: 30, endS: 100 }] } }, { area: 'hall', calendar: 'split' }, [
      { id: 'hall', calendar: 'late' },
    ]);
    const [r] = replicate(model, { horizonS: 2000, warmupS: 0, replications: 1, seed: 44 });
    expect(stateShare(r, 'm', 'offShift')).toBeCloseTo(0.2, 9);
  });
});
