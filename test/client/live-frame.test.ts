import { describe, expect, it } from 'vitest';
import { KPI_FIELDS } from '../../server/protocol/messages.ts';
import { buildLayout } from '../../client/src/scene/layout.ts';
import {
  applyFrame, applySnapshot, createLiveData, HISTORY_SAMPLE_MS, interpolatedSimTime, MAX_PARTS, PART_TRAVEL_S, partProgress, stateShares,
} from '../../client/src/state/live-frame.ts';
import { frame, snapshot, testModel } from './fixtures.ts';

const kp = (t: number, units = 100) => KPI_FIELDS.map((f) => (f === 'simTimeS' ? t : f === 'unitsPerHour' ? units : 1));

function started() {
  const model = testModel();
  const data = createLiveData();
  applySnapshot(data, snapshot(model, frame({ n: 10, t: 100, lv: [0, 0, 3, 0, 0, 0, 0, 0] })), 1000);
  return { model, data, layout: buildLayout(model) };
}

describe('frame handling', () => {
  it('starts from the snapshot keyframe', () => {
    const { data } = started();
    expect(data.n).toBe(10);
    expect(data.t).toBe(100);
    expect(data.lv[2]).toBe(3);
  });

  it('applies a delta of [index, value] pairs onto the previous frame', () => {
    const { data, layout } = started();
    const d = frame({ n: 11, k: 0, t: 110, lv: [2, 7], st: [1, 4], ws: [], ut: [], ct: [], sc: [] });
    expect(applyFrame(data, d, 1050, layout)).toBe('applied');
    expect(data.lv[2]).toBe(7);
    expect(data.st[1]).toBe(4);
    expect(data.lv).toHaveLength(8);
  });

  it('refuses a delta after a gap and ignores old frames', () => {
    const { data, layout } = started();
    expect(applyFrame(data, frame({ n: 13, k: 0, t: 130, lv: [2, 9], st: [], ws: [], ut: [], ct: [], sc: [] }), 1100, layout)).toBe('gap');
    expect(data.lv[2]).toBe(3);
    expect(applyFrame(data, frame({ n: 9, t: 90 }), 1100, layout)).toBe('stale');
    // a keyframe after a gap is fine: it is complete
    expect(applyFrame(data, frame({ n: 14, t: 140 }), 1100, layout)).toBe('applied');
    expect(data.lv[2]).toBe(0);
  });

  it('turns sampled moves into parts on the matching edge, staggered over the frame interval', () => {
    const { data, layout } = started();
    applyFrame(data, frame({ n: 11, t: 110 }), 1100, layout);
    // coater(1)→buf(2), buf(2)→stacker(3), and a move with no edge (coils→out) that is dropped
    applyFrame(data, frame({ n: 12, t: 120, mv: [1, 2, 10, 2, 3, 10, 0, 7, 1], mc: 3 }), 1200, layout);
    const live = [...data.partEdge].filter((e) => e >= 0);
    expect(live.sort()).toEqual([layout.edgeIndex.get('buf>stacker'), layout.edgeIndex.get('coater>buf')].sort());
    expect(data.partStartMs[1] - data.partStartMs[0]).toBeCloseTo(100 / 3);
    expect(partProgress(data, 0, 1200 + (PART_TRAVEL_S * 1000) / 2)).toBeCloseTo(0.5);
    expect(partProgress(data, 0, 1200 + PART_TRAVEL_S * 1000 + 1)).toBe(-1);
    expect(data.partEdge[0]).toBe(-1);
  });

  it('never holds more parts than the instanced mesh can draw', () => {
    const { data, layout } = started();
    const mv = Array.from({ length: MAX_PARTS + 40 }, () => [1, 2, 1]).flat();
    applyFrame(data, frame({ n: 11, t: 110, mv }), 1100, layout);
    expect([...data.partEdge].filter((e) => e >= 0)).toHaveLength(MAX_PARTS);
  });

  it('samples KPI history at most every HISTORY_SAMPLE_MS of wall time', () => {
    const { data, layout } = started();
    applyFrame(data, frame({ n: 11, t: 110, kp: kp(110) }), 1000 + HISTORY_SAMPLE_MS, layout);
    applyFrame(data, frame({ n: 12, t: 120, kp: kp(120) }), 1000 + HISTORY_SAMPLE_MS + 50, layout);
    applyFrame(data, frame({ n: 13, t: 130, kp: kp(130) }), 1000 + 2 * HISTORY_SAMPLE_MS + 60, layout);
    expect(data.kpi[0]).toEqual([110, 130]);
    expect(data.nodeLv[2]).toHaveLength(2);
  });

  it('accumulates time in each state for the inspect panel', () => {
    const { data, layout } = started();
    applyFrame(data, frame({ n: 11, t: 100, st: [-1, 0, -1, 1, 0, -1, 0, -1] }), 1100, layout);
    applyFrame(data, frame({ n: 12, t: 130, st: [-1, 4, -1, 1, 0, -1, 0, -1] }), 1200, layout);
    applyFrame(data, frame({ n: 13, t: 140, st: [-1, 4, -1, 1, 0, -1, 0, -1] }), 1300, layout);
    const shares = stateShares(data, 1);
    expect(shares[0]).toBeCloseTo(0.75); // working 30 s
    expect(shares[4]).toBeCloseTo(0.25); // down 10 s
    expect(stateShares(data, 0).every((s) => s === 0)).toBe(true);
  });

  it('interpolates the clock between frames while running, and holds it when paused', () => {
    const { data, layout } = started();
    applyFrame(data, frame({ n: 11, t: 200 }), 1100, layout);
    expect(interpolatedSimTime(data, 1150)).toBeCloseTo(150);
    expect(interpolatedSimTime(data, 5000)).toBe(200);
    applyFrame(data, frame({ n: 12, t: 300, r: 0 }), 1200, layout);
    expect(interpolatedSimTime(data, 1250)).toBe(300);
  });
});
