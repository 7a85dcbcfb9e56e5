import type { ClientInfo, Role } from '../protocol/messages.ts';

/** A member of a session connected to another process of the service, as that process announced it. */
export interface RemoteMember {
  clientId: string;
  user: string;
  role: Role;
  joinedAt: string;
  /** The process the client is connected to (its relay of the session, remote-session.ts). */
  process: string;
}

/**
 * The members of a session of this process that watch it through other processes
 * (REDIS_URL). Their processes announce joins and leaves (redis-cluster.ts); a dead
 * process's members go with it at the heartbeat that finds it gone. The role held here
 * is the one the owner checks for their commands.
 */
export class RemoteMembers {
  private readonly byId = new Map<string, RemoteMember>();

  get size(): number {
    return this.byId.size;
  }

  get(clientId: string): RemoteMember | undefined {
    return this.byId.get(clientId);
  }

  add(member: RemoteMember): void {
    this.byId.set(member.clientId, member);
  }

  /** False when the client was not a member. */
  remove(clientId: string): boolean {
    return this.byId.delete(clientId);
  }

  /** The processes some member is connected to. */
  processes(): string[] {
    return [...new Set([...this.byId.values()].map((m) => m.process))];
  }

  /** Removes the members connected to a process that died; false when there were none. */
  dropProcess(process: string): boolean {
    let dropped = false;
    for (const [id, m] of this.byId) if (m.process === process && this.byId.delete(id)) dropped = true;
    return dropped;
  }

  /**
   * Makes `process`'s members those it lists (its heartbeat): the missing join, the gone leave.
   * Roles already held here stay (the owner's grants decide them, not the relay's copy). False when nothing changed.
   */
  sync(process: string, listed: Omit<RemoteMember, 'process'>[]): boolean {
    const ids = new Set(listed.map((m) => m.clientId));
    let changed = false;
    for (const [id, m] of this.byId) if (m.process === process && !ids.has(id) && this.byId.delete(id)) changed = true;
    for (const m of listed) {
      if (this.byId.get(m.clientId)?.process === process) continue;
      this.byId.set(m.clientId, { ...m, process });
      changed = true;
    }
    return changed;
  }

  clear(): void {
    this.byId.clear();
  }

  /** Their roster lines; frames in flight and skipped are counted by their own process, not here (0). */
  roster(): ClientInfo[] {
    return [...this.byId.values()].map(({ clientId, user, role, joinedAt }) => ({ clientId, user, role, joinedAt, inFlight: 0, framesSkipped: 0 }));
  }
}
