import { describe, expect, it } from 'vitest';
import { SnapshotCache, type SharedSnapshot } from '../../server/live/snapshot-cache.ts';
import type { Frame } from '../../server/protocol/messages.ts';

/** The cache's contract: one encoding per keyframe (until invalidated), and the joined JSON is exactly the object snapshot. */
describe('SnapshotCache', () => {
  const frame = (n: number) => ({ n, t: n * 60 }) as unknown as Frame;
  const shared = (key: Frame) => ({ protocol: 9, frame: key, model: { name: 'm', nodes: [{ id: 'a"b\\c', label: 'Ünïcode ✓' }] }, kpiHistory: [[1, 2.5]] }) as unknown as SharedSnapshot;

  it('encodes the shared part once per keyframe for any number of members', () => {
    let builds = 0;
    const cache = new SnapshotCache((key) => (builds++, shared(key)));
    const k1 = frame(1);
    for (let i = 0; i < 20; i++) cache.encode(k1, { clientId: `c${i}`, role: 'viewer' });
    expect(builds).toBe(1);
    cache.encode(frame(2), { clientId: 'c0', role: 'viewer' });
    expect(builds).toBe(2);
    cache.invalidate(); // a live edit between frames
    cache.encode(frame(2), { clientId: 'c0', role: 'viewer' });
    expect(builds).toBe(3);
  });

  it('joins to the same document as the object, per member, the roster only for owners', () => {
    const cache = new SnapshotCache(shared);
    const key = frame(7);
    const clients = [{ clientId: 'o', user: 'Олег', role: 'owner' as const, joinedAt: 'x', inFlight: 0, framesSkipped: 0 }];
    expect(JSON.parse(cache.encode(key, { clientId: 'v1', role: 'viewer' }))).toEqual({ ...shared(key), clientId: 'v1', role: 'viewer' });
    expect(JSON.parse(cache.encode(key, { clientId: 'o', role: 'owner', clients }))).toEqual({ ...shared(key), clientId: 'o', role: 'owner', clients });
  });
});
