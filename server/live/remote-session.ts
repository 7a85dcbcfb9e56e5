import type { ClientInfo, ControlResult, Frame, Reply, Role, SessionInfo, Snapshot } from '../protocol/messages.ts';
import type { FramePair } from './frame-builder.ts';
import type { LiveSession } from './live-session.ts';
import type { ClusterRequest, ExerciseCommand, OpenResult, SessionMessage } from './redis-messages.ts';
import type { EngineCommand } from './session-engine.ts';
import { SessionMembers, type Member, type ViewerLink } from './session-members.ts';
import { SessionStream } from './session-stream.ts';
import type { SharedSnapshot } from './snapshot-cache.ts';
import { kpisByName } from './kpi-history.ts';
import { error } from './session-roles.ts';
import { CommandError } from './live-edits.ts';

/** How a remote session reaches the process that runs it (redis-cluster.ts). */
export interface OwnerLink {
  call<R>(req: ClusterRequest): Promise<Reply<R>>;
  /** The last local viewer left: stop relaying. */
  empty(sessionId: string): void;
}

/**
 * A session that runs in another process, as this process's viewers see it. Its frames
 * arrive on the session's Redis channel and go to the local viewers through the same
 * stream and per-viewer flow control as a local session's; commands go to the owning
 * process, which checks the sender's role again. The model, nodes and breakdowns of
 * snapshots come from the owner's snapshot, fetched again after every live edit.
 */
export class RemoteSession implements LiveSession {
  readonly members = new SessionMembers();
  private readonly stream = new SessionStream(this);
  private base: Snapshot;
  locked: boolean;
  running: boolean;
  stopped = false;
  private resyncing = false;
  /** Local clients who spoke on the exercise's training channel: the owner keeps them on its roster until told they left. */
  private readonly trainingPeers = new Set<string>();

  constructor(
    readonly id: string,
    opened: OpenResult,
    private readonly owner: OwnerLink,
  ) {
    this.base = opened.base;
    this.locked = opened.base.session.locked;
    this.running = opened.base.session.running;
    this.stream.epoch = opened.epoch;
    this.stream.lastKey = opened.base.frame;
    this.stream.history.points = opened.base.kpiHistory;
  }

  firstFrame(): void {}

  /** A message on the session's channel. */
  receive(msg: SessionMessage): void {
    if (this.stopped) return;
    if (msg.kind === 'role') return this.roleGiven(msg.clientId, msg.role);
    if (msg.kind === 'roster') return this.members.rosterChanged(msg.clients);
    if (msg.kind === 'notice') {
      if (msg.notice.type === 'ended') return this.end(msg.notice.reason);
      this.members.broadcast(msg.notice);
      // Live edits change the model and the breakdowns a joiner's snapshot must show.
      if (msg.notice.type === 'param' || msg.notice.type === 'breakdown') void this.refreshBase();
      return;
    }
    if (msg.epoch !== this.stream.epoch) {
      // A reset: everyone gets a snapshot, whose breakdowns must be the reset engine's. Fetch them first.
      if (this.resyncing) return;
      this.resyncing = true;
      void this.refreshBase().finally(() => {
        this.resyncing = false;
        this.frame(msg.epoch, msg.pair);
      });
      return;
    }
    const last = this.stream.lastKey;
    if (last !== null && msg.pair.key.n <= last.n) return; // older than the snapshot we start from
    this.frame(msg.epoch, msg.pair);
  }

  /** The owner granted or revoked control of a client (maybe of another process): a local one learns its role, with a fresh snapshot. */
  private roleGiven(clientId: string, role: Role): void {
    const member = this.members.get(clientId);
    if (member === undefined) return;
    member.role = role;
    member.link.notice({ type: 'role', role });
    this.stream.sendSnapshot(member);
  }

  private frame(epoch: number, pair: FramePair): void {
    if (this.stopped) return;
    this.locked = pair.key.lk === 1;
    this.stream.onFrame(epoch, pair);
  }

  private async refreshBase(): Promise<void> {
    const reply = await this.owner.call<OpenResult>({ op: 'open', sessionId: this.id }).catch(() => null);
    if (reply?.ok) {
      this.base = reply.result.base;
      this.stream.snapshotChanged();
    }
  }

  /** The session ended in its process (or the process is gone): tell the viewers and let them go. */
  end(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.members.broadcast({ type: 'ended', reason });
    this.members.clear();
    this.trainingPeers.clear();
    this.owner.empty(this.id);
  }

  /** What every local member's snapshot at keyframe `key` shares (snapshot-cache.ts encodes it once per frame). */
  snapshotShared(key: Frame, kpiHistory: number[][]): SharedSnapshot {
    const { clients: _ownersView, clientId: _owner, role: _ownerRole, ...base } = this.base;
    return { ...base, session: this.info(), frame: key, kpiHistory, kpis: kpisByName(key.kp), plantKpis: key.pk ?? null };
  }

  snapshotFor(m: Member, key: Frame, kpiHistory: number[][]): Snapshot {
    return { ...this.snapshotShared(key, kpiHistory), clientId: m.clientId, role: m.role };
  }

  info(): SessionInfo {
    const key = this.stream.lastKey;
    return {
      ...this.base.session,
      locked: this.locked,
      running: this.running,
      ...(key === null ? {} : { simTimeS: key.t, speed: key.x === 0 ? 'max' : key.x }),
    };
  }

  /** The owner counts the client among the session's members (its viewer count, roster and grants); Redis down, the owner misses it. */
  join(clientId: string, link: ViewerLink, user: string, role: Role): void {
    const member = this.members.add(clientId, link, user, role);
    this.stream.sendSnapshot(member);
    void this.owner.call({ op: 'memberJoined', sessionId: this.id, member: { clientId, user, role, joinedAt: member.joinedAt } }).catch(() => undefined);
  }

  /** Tells the owner who is here (every heartbeat, redis-cluster.ts). */
  announceMembers(): void {
    if (this.stopped) return;
    const members = [...this.members.all()].map(({ clientId, user, role, joinedAt }) => ({ clientId, user, role, joinedAt }));
    void this.owner.call({ op: 'members', sessionId: this.id, members }).catch(() => undefined);
  }

  leave(clientId: string): void {
    if (!this.members.remove(clientId)) return;
    this.trainLeft(clientId);
    if (!this.stopped) void this.owner.call({ op: 'memberLeft', sessionId: this.id, clientId }).catch(() => undefined);
    if (this.members.size === 0) this.owner.empty(this.id);
  }

  /**
   * A training command of a local client (training-service.ts): the exercise runs in the
   * owning process, which checks the role and grants as for its own clients and sends the
   * client's notices to `socketId` through the Socket.IO adapter.
   */
  train(clientId: string, socketId: string, cmd: ExerciseCommand): Promise<Reply> {
    if (this.stopped) return Promise.resolve(error('unavailable', 'the session has ended'));
    this.trainingPeers.add(clientId);
    const role = this.members.get(clientId)?.role ?? 'viewer';
    return this.owner.call({ op: 'train', sessionId: this.id, clientId, socketId, role, cmd });
  }

  /** Tells the owner that a client who spoke on the training channel is gone (its roster marks a trainee absent). */
  trainLeft(clientId: string): void {
    if (this.stopped || !this.trainingPeers.delete(clientId)) return;
    void this.owner.call({ op: 'trainLeft', sessionId: this.id, clientId }).catch(() => undefined);
  }

  role(clientId: string): Role | undefined {
    return this.members.get(clientId)?.role;
  }

  resendSnapshot(clientId: string): void {
    const member = this.members.get(clientId);
    if (member !== undefined) this.stream.sendSnapshot(member);
  }

  async control(clientId: string, cmd: EngineCommand): Promise<Reply<ControlResult>> {
    const member = this.members.get(clientId);
    if (member === undefined || this.stopped) return error('unavailable', 'the session has ended');
    const reply = await this.owner.call<ControlResult>({ op: 'control', sessionId: this.id, clientId, role: member.role, user: member.user, cmd });
    if (reply.ok) {
      this.running = reply.result.running;
    }
    return reply;
  }

  /** The owning process holds every member's role, wherever the client is connected (a grant to one here comes back as a `role` message). */
  setRole(targetId: string, grant: boolean): Promise<Reply<ClientInfo[]>> {
    return this.owner.call<ClientInfo[]>({ op: 'setRole', sessionId: this.id, clientId: targetId, grant });
  }

  async setLocked(locked: boolean): Promise<void> {
    const reply = await this.owner.call<SessionInfo>({ op: 'lock', sessionId: this.id, locked });
    if (!reply.ok) throw new CommandError(reply.error.code, reply.error.message);
    this.locked = locked;
  }

  async roster(): Promise<ClientInfo[]> {
    const reply = await this.owner.call<ClientInfo[]>({ op: 'roster', sessionId: this.id });
    return reply.ok ? reply.result : [];
  }
}
