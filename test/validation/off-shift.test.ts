/**
 * Unattended processes at shift ends (`continuesOffShift`), and repairs off
 * shift. Calendar: period 100 s, on shift during [0, 50). Constant times, so
 * every expectation is a hand calculation written beside it.
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import { buildModel, constant, nodeField, stateShare, type NodeInput } from './helpers.ts';

const calendars = { half: { periodS: 100, shifts: [{ startS: 0, endS: 50 }] } };

function run(station: Partial<NodeInput> & Record<string, unknown>, until: number) {
  const model = buildModel(
    [
      { id: 'src', type: 'source', to: 'oven' },
      { id: 'oven', type: 'machine', calendar: 'half', cycle: constant(30), to: 'out', ...station } as NodeInput,
      { id: 'out', type: 'sink' },
    ],
    { calendars },
  );
  const plant = new Plant(model, 1, 0);
  plant.runUntil(until);
  return plantReport(plant);
}

describe('continuesOffShift: a cycle in progress at the shift end runs to its end; no new cycle starts off shift', () => {
  it('30 s cycles: [0, 30) and [30, 60) per period, then off shift until 100', () => {
    // Each period: two cycles (the second runs on past the shift end at 50 and ends at 60),
    // no start at 60 (off shift). 10 periods: 20 cycles; working 60 %, off shift 40 %.
    const r = run({ continuesOffShift: true }, 1000);
    expect(nodeField(r, 'oven', 'completed')).toBe(20);
    expect(stateShare(r, 'oven', 'working')).toBeCloseTo(0.6, 12);
    expect(stateShare(r, 'oven', 'offShift')).toBeCloseTo(0.4, 12);
  });

  it('without it the cycle pauses at the shift end and resumes at the next shift', () => {
    // Only 50 s of working time per period: 500 s in 10 periods, 30 s per cycle → 16 cycles
    // (the 17th has 20 of its 30 s done at t = 1000); working 50 %, off shift 50 %.
    const r = run({}, 1000);
    expect(nodeField(r, 'oven', 'completed')).toBe(16);
    expect(stateShare(r, 'oven', 'working')).toBeCloseTo(0.5, 12);
    expect(stateShare(r, 'oven', 'offShift')).toBeCloseTo(0.5, 12);
  });
});

describe('repairs off shift: repair time is clock time, the crew is on call', () => {
  it('an unattended cycle that fails off shift is repaired off shift and completes', () => {
    // Cycle 60 s, time to failure 57 s of working time, repair 20 s. Period 1: fails at 57
    // (off shift), repaired at 77, the 3 s left end the cycle at 80; ttf left 57 − 3 = 54.
    // Period k: fails after 57 − 3(k − 1) s of work, is repaired 20 s later and, with the
    // rest of the cycle, always ends at 80 (down 20 s, working 60 s, then off shift 20 s,
    // even when the failure comes before the shift end). 10 periods: 10 cycles.
    const r = run({ continuesOffShift: true, cycle: constant(60), failures: { ttf: constant(57), ttr: constant(20) } }, 1000);
    expect(nodeField(r, 'oven', 'completed')).toBe(10);
    expect(stateShare(r, 'oven', 'working')).toBeCloseTo(0.6, 12);
    expect(stateShare(r, 'oven', 'down')).toBeCloseTo(0.2, 12);
    expect(stateShare(r, 'oven', 'offShift')).toBeCloseTo(0.2, 12);
  });

  it('a staffed station repaired off shift stays down only for the repair, then waits for the shift', () => {
    // Cycle 60, fails after 40 s (on shift), repair 30 s: down [40, 70) although the shift
    // ends at 50, then off shift [70, 100).
    const r = run({ cycle: constant(60), failures: { ttf: constant(40), ttr: constant(30) } }, 100);
    expect(stateShare(r, 'oven', 'working')).toBeCloseTo(0.4, 12);
    expect(stateShare(r, 'oven', 'down')).toBeCloseTo(0.3, 12);
    expect(stateShare(r, 'oven', 'offShift')).toBeCloseTo(0.3, 12);
  });
});

describe('continuesOffShift on a batch station: racks are loaded only on shift', () => {
  it('a batch collecting at the shift end keeps its parts and starts when the shift resumes', () => {
    // Parts every 20 s (t = 20, 40, 60, …) into a buffer; batch of 3, cycle 10 s.
    // Period 1: parts at 20, 40 are loaded; at 50 the shift ends with 2 of 3 loaded (the
    // collector stops; later parts wait in the buffer: 60, 80, 100). At 100 the shift starts:
    // the collector takes the part of 60 → full → runs [100, 110). The server then loads
    // 80 and 100 … Each period takes 5 parts in (one every 20 s) and runs at most 2 batches
    // on shift, so nothing is lost: after 10 periods parts in = parts out + what waits.
    const model = buildModel(
      [
        { id: 'src', type: 'source', interarrival: constant(20), to: 'buf' },
        { id: 'buf', type: 'buffer', capacity: null, to: 'rack' },
        { id: 'rack', type: 'batch', calendar: 'half', continuesOffShift: true, batch: { size: 3 }, cycle: constant(10), to: 'out' },
        { id: 'out', type: 'sink' },
      ],
      { calendars },
    );
    const plant = new Plant(model, 1, 0);
    plant.runUntil(99);
    expect(plant.node('rack')!.contents).toBe(2); // loaded before the shift end, not started
    expect(plant.node('buf')!.contents).toBe(2); // 60 and 80 wait outside
    expect(nodeField(plantReport(plant), 'rack', 'completed')).toBe(0);
    plant.runUntil(105);
    expect(plant.node('rack')!.contents).toBe(3); // the batch of 20, 40, 60 runs
    expect(plant.node('buf')!.contents).toBe(2); // 80 and 100 wait
  });
});
