import { describe, expect, it } from 'vitest';
import type { ControlResult, CreateResult, Frame } from '../../server/protocol/messages.ts';
import { LiveClient, sleep } from '../live/live-client.ts';
import { useLiveTestServer } from '../live/test-server.ts';

/**
 * Found by the browser test: a viewer that was behind (frames unacknowledged, as a
 * busy browser tab often is) when the owner paused missed the last frame, and a paused
 * session sends no more, so the tab showed "running" at an old time for good. Once the
 * viewer catches up it must get the newest state.
 */
const live = useLiveTestServer({ publicSession: false });

describe('a viewer behind when the session pauses', () => {
  it('gets the paused state as soon as it acknowledges', async () => {
    const owner = live.track(new LiveClient(live.server.url));
    const viewer = live.track(new LiveClient(live.server.url));
    await Promise.all([owner.connected(), viewer.connected()]);
    const reply = await owner.cmd<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 2000 }, 60_000);
    if (!reply.ok) throw new Error(reply.error.message);
    // The viewer holds its acknowledgements, like a tab busy rendering.
    viewer.ackFrames = false;
    const held: (() => void)[] = [];
    viewer.socket.on('frame', (_f: Frame, ack: () => void) => held.push(ack));
    await viewer.ok({ type: 'joinSession', sessionId: reply.result.sessionId });
    await viewer.until(() => held.length >= 2, 20_000, 'two unacknowledged frames');
    await sleep(300); // frames produced meanwhile are skipped for this viewer
    expect(held.length).toBe(2);

    const paused = await owner.ok<ControlResult>({ type: 'pause' });
    await owner.until(() => owner.lastFrame?.r === 0, 10_000, 'the owner to see the pause');
    const seen = viewer.frames.length;
    for (const ack of held.splice(0)) ack();
    await viewer.until(() => viewer.frames.length > seen, 10_000, 'a frame after catching up while paused');
    const last = viewer.lastFrame!;
    expect(last.r).toBe(0);
    expect(last.t).toBe(owner.lastFrame!.t);
    expect(last.t).toBeGreaterThanOrEqual(paused.simTimeS);
    expect(last.k, 'the catch-up frame is a keyframe').toBe(1);
  });
});
