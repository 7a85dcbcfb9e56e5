import type { ClientInfo, Frame, Notice, Role, Snapshot } from '../protocol/messages.ts';
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

/** Who is in a session, in which role, and since when nobody is. */
export class SessionMembers {
  private readonly byId = new Map<string, Member>();
  /** Wall time (ms) since which nobody has been connected, or null while someone is. */
  emptySince: number | null = Date.now();

  get size(): number {
    return this.byId.size;
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
  }

  roster(): ClientInfo[] {
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

  /** The owners' admin view follows every join, leave and role change. */
  rosterChanged(): void {
    const clients = this.roster();
    for (const m of this.byId.values()) if (m.role === 'owner') m.link.notice({ type: 'roster', clients });
  }
}
