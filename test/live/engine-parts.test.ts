import { describe, expect, it } from 'vitest';
import { loadModelFile, MODELS_DIR } from '../../server/files/model-files.ts';
import { join } from 'node:path';
import { SessionEngine } from '../../server/live/session-engine.ts';
import { FrameBuilder, pairsOf } from '../../server/live/frame-builder.ts';
import { ViewerFlow } from '../../server/live/viewer-flow.ts';
import { refusal } from '../../server/live/session-roles.ts';
import { applyNodeArray, FRAME_NODE_ARRAYS, MAX_MOVES_PER_FRAME } from '../../server/protocol/messages.ts';

const demo = () => loadModelFile(join(MODELS_DIR, 'demo-line.json'));

/** A fake wall clock: tests drive pacing without waiting. */
const frozen = (ms: number) => () => ms;

describe('SessionEngine pacing', () => {
  it('keeps simulated time at speed x wall time', () => {
    const e = new SessionEngine(demo(), 1, 100);
    e.execute({ type: 'play' }, 1000);
    e.advance(3000, 1e9, frozen(3000)); // 2 wall seconds at 100x
    expect(e.plant.now).toBeCloseTo(200, 6);
    e.execute({ type: 'setSpeed', speed: 10 }, 3000);
    e.advance(4000, 1e9, frozen(4000));
    expect(e.plant.now).toBeCloseTo(210, 6);
  });

  it('does not move while paused and drops a backlog it cannot catch up with', () => {
    const e = new SessionEngine(demo(), 1, 100);
    e.execute({ type: 'play' }, 0);
    e.execute({ type: 'pause' }, 0);
    expect(e.advance(60_000, 1e9, frozen(60_000))).toBe(0);
    expect(e.plant.now).toBe(0);
    e.execute({ type: 'play' }, 60_000);
    // 1000 wall seconds late with no time budget: one chunk of events, then the pacer gives up the backlog.
    const late = 60_000 + 1e6;
    expect(e.advance(late, 0, frozen(late))).toBeGreaterThan(0);
    const t = e.plant.now;
    expect(t).toBeLessThan(100_000 / 2);
    e.advance(late + 1000, 1e9, frozen(late + 1000));
    // One more wall second (plus the 250 ms catch-up window) is worth about 125 s, not the 100,000 s backlog.
    expect(e.plant.now - t).toBeGreaterThan(100);
    expect(e.plant.now - t).toBeLessThanOrEqual(125 + 1e-6);
  });

  it('reset replays the same run with the same seed, keeping live edits', () => {
    const e = new SessionEngine(demo(), 3, 'max');
    e.execute({ type: 'setParam', nodeId: 'stack-buffer', field: 'capacity', value: 2 }, 0);
    e.execute({ type: 'step', dtS: 20_000 }, 0);
    const first = e.sample();
    e.execute({ type: 'reset' }, 0);
    expect(e.epoch).toBe(1);
    expect(e.plant.now).toBe(0);
    e.execute({ type: 'step', dtS: 20_000 }, 0);
    const again = e.sample();
    expect(Array.from(again.ct)).toEqual(Array.from(first.ct));
    expect((e.model.nodes.find((n) => n.id === 'stack-buffer') as { capacity: number }).capacity).toBe(2);
  });
});

describe('frames', () => {
  it('deltas applied to the previous keyframe give the next keyframe, and moves stay bounded', () => {
    const e = new SessionEngine(demo(), 1, 'max');
    e.execute({ type: 'play' }, 0);
    const fb = new FrameBuilder();
    let state: Record<string, number[]> = {};
    for (let i = 0; i < 20; i++) {
      e.execute({ type: 'step', dtS: 3600 }, 0);
      const { key, delta } = fb.build(e.sample(), false, 'max');
      expect(delta.n).toBe(key.n);
      if (i === 0) state = Object.fromEntries(FRAME_NODE_ARRAYS.map((name) => [name, [...key[name]]]));
      else for (const name of FRAME_NODE_ARRAYS) {
        applyNodeArray(state[name], delta[name], false);
        expect(state[name], name).toEqual(key[name]);
      }
      expect(key.mv.length).toBeLessThanOrEqual(3 * MAX_MOVES_PER_FRAME);
      expect(key.mc).toBeGreaterThanOrEqual(key.mv.length / 3);
    }
  });

  it('encodes only what changed as pairs', () => {
    expect(pairsOf(new Int32Array([1, 2, 3]), new Int32Array([1, 5, 3]))).toEqual([1, 2]);
    expect(pairsOf(new Int32Array([4, 5]), null)).toEqual([0, 4, 1, 5]);
  });
});

describe('ViewerFlow', () => {
  const pair = (n: number) => ({ key: { n, k: 1 }, delta: { n, k: 0 } }) as never;

  it('sends deltas to a viewer that keeps up, skips a stalled one, and gives it a keyframe after', () => {
    const flow = new ViewerFlow(2);
    flow.snapshotSent(10);
    expect(flow.choose(pair(11))).toMatchObject({ n: 11, k: 0 });
    flow.acked();
    expect(flow.choose(pair(12))).toMatchObject({ k: 0 });
    expect(flow.choose(pair(13))).toMatchObject({ k: 0 });
    // Two in flight: everything else is skipped, however long the stall.
    for (let n = 14; n < 100; n++) expect(flow.choose(pair(n))).toBeNull();
    expect(flow.framesSkipped).toBe(86);
    flow.acked();
    expect(flow.choose(pair(100))).toMatchObject({ n: 100, k: 1 });
  });

  it('holds an owed snapshot until the viewer catches up', () => {
    const flow = new ViewerFlow(1);
    flow.snapshotSent(1);
    flow.choose(pair(2));
    flow.snapshotOwed = true;
    expect(flow.choose(pair(3))).toBeNull();
    flow.acked();
    expect(flow.stalled).toBe(false);
  });
});

describe('roles', () => {
  it('lets owners do anything, controllers control unless locked, viewers nothing', () => {
    expect(refusal('owner', true, 'reset')).toBeNull();
    expect(refusal('owner', false, 'lock')).toBeNull();
    expect(refusal('controller', false, 'setParam')).toBeNull();
    expect(refusal('controller', true, 'setParam')?.error.message).toMatch(/locked/);
    expect(refusal('controller', false, 'grantControl')?.error.code).toBe('forbidden');
    expect(refusal('viewer', false, 'play')?.error.code).toBe('forbidden');
    expect(refusal('viewer', false, 'snapshot')).toBeNull();
  });
});
