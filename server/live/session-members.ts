import type { ClientInfo, ErrorReply, Frame, Notice, Role, Snapshot } from '../protocol/messages.ts';
import { RemoteMembers, type RemoteMember } from './remote-members.ts';
import { error } from './session-roles.ts';
import { ViewerFlow } from './viewer-flow.ts';

/** How a session reaches one connected client; the socket adapter implements it. */
export interface ViewerLink {
  frame(frame: Frame, onAck: () => void): void;
  snapshot(snapshot: Snapshot): void;
  /** The same snapshot as JSON text, encoded once per frame for every member (snapshot-cache.ts); optional. */
  snapshotEncoded?(json: string): void;
  notice(notice: Notice): void;
}

export interface Member {
  clientId: string;
  user: string;
  role: Role;
  joinedAt: string;
  link: ViewerLink;
  flow: ViewerFlow;
}

/**
 * Who is in a session, in which role, and since when nobody is. `size` and the links are
 * this process's clients; `elsewhere` holds the clients of other processes (REDIS_URL)
 * that the owning process knows of, which the viewer count, the roster and grants include.
 */
export class SessionMembers {
  private readonly byId = new Map<string, Member>();
  readonly elsewhere = new RemoteMembers();
  /** Wall time (ms) since which nobody has been connected here, or null while someone is (the idle check asks the directory about other processes). */
  emptySince: number | null = Date.now();
  /** Told when a member of another process joins, leaves or goes with its process (session.ts refreshes snapshots and rosters). */
  onChangedElsewhere: () => void = () => undefined;
  /** Told of a role given to a member of another process (redis-cluster.ts tells that process). */
  onRoleElsewhere: (clientId: string, role: Role) => void = () => undefined;

  get size(): number {
    return this.byId.size;
  }

  /** Everyone watching, here and through other processes (the session list's count). */
  get viewers(): number {
    return this.byId.size + this.elsewhere.size;
  }

  joinedElsewhere(member: RemoteMember): void {
    this.elsewhere.add(member);
    this.onChangedElsewhere();
  }

  leftElsewhere(clientId: string): boolean {
    if (!this.elsewhere.remove(clientId)) return false;
    this.onChangedElsewhere();
    return true;
  }

  /** `process`'s members as it lists them at its heartbeat; false when nothing changed. */
  syncElsewhere(process: string, listed: Omit<RemoteMember, 'process'>[]): boolean {
    if (!this.elsewhere.sync(process, listed)) return false;
    this.onChangedElsewhere();
    return true;
  }

  /** Drops the members of a process that died; false when it had none here. */
  dropProcess(process: string): boolean {
    if (!this.elsewhere.dropProcess(process)) return false;
    this.onChangedElsewhere();
    return true;
  }

  /**
   * Grants or revokes control and tells the client its new role: the refusal, the local member
   * (who needs a fresh snapshot), or null for a member of another process (its process is told).
   */
  setRole(targetId: string, grant: boolean): ErrorReply | Member | null {
    const target = this.byId.get(targetId) ?? this.elsewhere.get(targetId);
    if (target === undefined) return error('not_found', `clientId: no client "${targetId}" in this session`);
    if (target.role === 'owner') return error('conflict', 'clientId: the owner keeps control');
    target.role = grant ? 'controller' : 'viewer';
    if ('link' in target) {
      target.link.notice({ type: 'role', role: target.role });
      return target;
    }
    this.onRoleElsewhere(target.clientId, target.role);
    return null;
  }

  get(clientId: string): Member | undefined {
    return this.byId.get(clientId);
  }

  all(): IterableIterator<Member> {
    return this.byId.values();
  }

  add(clientId: string, link: ViewerLink, user: string, role: Role): Member {
    const member: Member = { clientId, user, role, joinedAt: new Date().toISOString(), link, flow: new ViewerFlow() };
    this.byId.set(clientId, member);
    this.emptySince = null;
    return member;
  }

  /** False when the client was not a member. */
  remove(clientId: string): boolean {
    if (!this.byId.delete(clientId)) return false;
    if (this.byId.size === 0) this.emptySince = Date.now();
    return true;
  }

  clear(): void {
    this.byId.clear();
    this.elsewhere.clear();
  }

  roster(): ClientInfo[] {
    return [...this.localRoster(), ...this.elsewhere.roster()];
  }

  private localRoster(): ClientInfo[] {
    return [...this.byId.values()].map((m) => ({
      clientId: m.clientId,
      user: m.user,
      role: m.role,
      joinedAt: m.joinedAt,
      inFlight: m.flow.inFlight,
      framesSkipped: m.flow.framesSkipped,
    }));
  }

  /** Told of every broadcast notice (redis-cluster.ts relays them to viewers in other processes). */
  onBroadcast: (notice: Notice) => void = () => undefined;

  broadcast(notice: Notice): void {
    this.onBroadcast(notice);
    for (const m of this.byId.values()) m.link.notice(notice);
  }

  /** Told of the roster when an owner is connected to another process (redis-cluster.ts sends it there, for its owners only). */
  onRosterElsewhere: (clients: ClientInfo[]) => void = () => undefined;

  /** The owners' admin view, here and on other processes, follows every join, leave and role change (`clients`: the owning process's roster, in a relay). */
  rosterChanged(clients = this.roster()): void {
    for (const m of this.byId.values()) if (m.role === 'owner') m.link.notice({ type: 'roster', clients });
    if (clients.some((c) => c.role === 'owner' && this.elsewhere.get(c.clientId) !== undefined)) this.onRosterElsewhere(clients);
  }
}
