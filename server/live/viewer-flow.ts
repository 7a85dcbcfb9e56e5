import { MAX_FRAMES_IN_FLIGHT, type Frame } from '../protocol/messages.ts';
import type { FramePair } from './frame-builder.ts';

/**
 * Per-viewer flow control. Socket.IO's `volatile` only drops once the kernel's
 * socket buffer is full, so a stalled viewer would queue seconds of frames and
 * replay them on resume. Instead each viewer acknowledges frames; with
 * `maxInFlight` unacknowledged the viewer is skipped, and its next frame is a
 * keyframe of the newest state. A stalled viewer thus has at most `maxInFlight`
 * stale frames queued, whatever the stall's length.
 */
export class ViewerFlow {
  inFlight = 0;
  /** Number of the last frame this viewer was sent (snapshot included); deltas need it to be n - 1. */
  lastSent = -1;
  framesSent = 0;
  framesSkipped = 0;
  /** A snapshot is owed (reset or role change while the viewer was stalled): send it when it catches up. */
  snapshotOwed = false;

  constructor(readonly maxInFlight = MAX_FRAMES_IN_FLIGHT) {}

  get stalled(): boolean {
    return this.inFlight >= this.maxInFlight;
  }

  /** The frame to send this viewer for `pair`, or null to skip it (the viewer is behind). */
  choose(pair: FramePair): Frame | null {
    if (this.stalled || this.snapshotOwed) {
      this.framesSkipped++;
      return null;
    }
    const frame = this.lastSent === pair.key.n - 1 ? pair.delta : pair.key;
    this.lastSent = frame.n;
    this.inFlight++;
    this.framesSent++;
    return frame;
  }

  /** The viewer acknowledged one frame. */
  acked(): void {
    if (this.inFlight > 0) this.inFlight--;
  }

  /** A snapshot carrying keyframe `n` was sent: later deltas build on it. */
  snapshotSent(n: number): void {
    this.lastSent = n;
    this.snapshotOwed = false;
  }
}
