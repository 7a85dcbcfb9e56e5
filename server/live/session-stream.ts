import type { Frame, Snapshot } from '../protocol/messages.ts';
import type { FramePair } from './frame-builder.ts';
import { KpiHistory } from './kpi-history.ts';
import type { Member, SessionMembers } from './session-members.ts';
import { SnapshotCache, type SharedSnapshot } from './snapshot-cache.ts';

/** What the stream needs to know about its session. */
export interface StreamHost {
  readonly members: SessionMembers;
  readonly locked: boolean;
  readonly stopped: boolean;
  running: boolean;
  snapshotFor(m: Member, key: Frame, kpiHistory: number[][]): Snapshot;
  snapshotShared(key: Frame, kpiHistory: number[][]): SharedSnapshot;
  firstFrame(): void;
}

/**
 * The frame stream of one session: takes the engine's frame pairs, keeps the latest
 * keyframe (joiners start from it) and the KPI history, and hands each member the
 * frame its flow control allows (viewer-flow.ts), or a snapshot when one is owed.
 */
export class SessionStream {
  /** The engine's reset count the frames belong to (a relay of another process's session starts from the owner's). */
  epoch = 0;
  lastKey: Frame | null = null;
  readonly history = new KpiHistory();
  private readonly snapshots: SnapshotCache;

  constructor(private readonly host: StreamHost) {
    this.snapshots = new SnapshotCache((key) => host.snapshotShared(key, this.history.points));
  }

  /** Something a snapshot shows changed between frames (see SnapshotCache). */
  snapshotChanged(): void {
    this.snapshots.invalidate();
  }

  onFrame(epoch: number, pair: FramePair): void {
    const host = this.host;
    if (host.stopped) return;
    pair.key.lk = pair.delta.lk = host.locked ? 1 : 0;
    host.running = pair.key.r === 1;
    this.lastKey = pair.key;
    host.firstFrame();
    if (epoch !== this.epoch) {
      // After a reset the old state and KPI history are meaningless: everyone starts over from a snapshot.
      this.epoch = epoch;
      this.history.restart(pair.key.kp);
      for (const m of host.members.all()) {
        if (m.flow.stalled) m.flow.snapshotOwed = true;
        else this.sendSnapshot(m);
      }
      return;
    }
    this.history.push(pair.key.kp);
    for (const m of host.members.all()) {
      if (m.flow.snapshotOwed) {
        if (!m.flow.stalled) this.sendSnapshot(m);
        continue;
      }
      const frame = m.flow.choose(pair);
      if (frame !== null) m.link.frame(frame, () => this.acked(m));
    }
  }

  /**
   * A viewer acknowledged a frame. If it was skipped while behind and the session is
   * paused, no later frame would ever bring it the newest state (a paused engine sends
   * none), so it would show "running" at an old time forever: send the newest keyframe now.
   */
  private acked(m: Member): void {
    m.flow.acked();
    const key = this.lastKey;
    const host = this.host;
    if (host.running || host.stopped || key === null || m.flow.stalled || host.members.get(m.clientId) !== m) return;
    if (m.flow.snapshotOwed) return this.sendSnapshot(m);
    if (m.flow.lastSent >= key.n) return;
    m.flow.lastSent = key.n;
    m.flow.inFlight++;
    m.flow.framesSent++;
    m.link.frame(key, () => this.acked(m));
  }

  /** The member's snapshot, or null before the first frame. */
  snapshotOf(m: Member): Snapshot | null {
    return this.lastKey === null ? null : this.host.snapshotFor(m, this.lastKey, this.history.points);
  }

  sendSnapshot(m: Member): void {
    const key = this.lastKey;
    if (key === null) {
      m.flow.snapshotOwed = true; // goes out with the first frame
      return;
    }
    if (m.link.snapshotEncoded !== undefined) {
      const owner = m.role === 'owner' ? { clients: this.host.members.roster() } : {};
      m.link.snapshotEncoded(this.snapshots.encode(key, { clientId: m.clientId, role: m.role, ...owner }));
    } else m.link.snapshot(this.host.snapshotFor(m, key, this.history.points));
    m.flow.snapshotSent(key.n);
  }
}
