import type { Server as SocketServer, Socket } from 'socket.io';
import type { Role } from '../protocol/messages.ts';
import type { TrainingNotice } from '../protocol/training-messages.ts';

/**
 * A member of an exercise who has spoken on its training channel: a socket of this
 * process, or a socket of another process of the service whose training commands that
 * process relays (remote-session.ts). Messages differ per receiver (training secrets),
 * so each is sent to one socket; a remote one is reached through the Socket.IO adapter
 * (`io.to(socketId)`), which every process of the service attaches.
 */
export type TrainingPeer = { kind: 'local'; socket: Socket } | { kind: 'remote'; socketId: string; role: Role; process: string };

/** The training channel's members of every exercise of this process, by session and client id. */
export class TrainingPeers {
  private readonly bySession = new Map<string, Map<string, TrainingPeer>>();
  private io: SocketServer | null = null;

  attach(io: SocketServer): void {
    this.io = io;
  }

  add(sessionId: string, clientId: string, peer: TrainingPeer): void {
    let members = this.bySession.get(sessionId);
    if (members === undefined) this.bySession.set(sessionId, (members = new Map()));
    members.set(clientId, peer);
  }

  get(sessionId: string, clientId: string): TrainingPeer | undefined {
    return this.bySession.get(sessionId)?.get(clientId);
  }

  /** Whether `clientId` is in the exercise through another process (its relay counts as presence). */
  isRemote(sessionId: string, clientId: string): boolean {
    return this.get(sessionId, clientId)?.kind === 'remote';
  }

  remove(sessionId: string, clientId: string): boolean {
    return this.bySession.get(sessionId)?.delete(clientId) ?? false;
  }

  /** The other processes whose clients are in some exercise here. */
  processes(): string[] {
    const found = new Set<string>();
    for (const members of this.bySession.values()) for (const p of members.values()) if (p.kind === 'remote') found.add(p.process);
    return [...found];
  }

  /** Removes the clients of a process that died; returns the sessions that lost someone. */
  dropProcess(process: string): string[] {
    const changed: string[] = [];
    for (const [sessionId, members] of this.bySession) {
      for (const [id, p] of members) {
        if (p.kind === 'remote' && p.process === process && members.delete(id) && !changed.includes(sessionId)) changed.push(sessionId);
      }
    }
    return changed;
  }

  /** A local socket disconnected: it leaves every exercise's channel. */
  dropSocket(socket: Socket): void {
    for (const members of this.bySession.values()) for (const [id, p] of members) if (p.kind === 'local' && p.socket === socket) members.delete(id);
  }

  of(sessionId: string): [string, TrainingPeer][] {
    return [...(this.bySession.get(sessionId) ?? [])];
  }

  emit(peer: TrainingPeer, notice: TrainingNotice): void {
    if (peer.kind === 'local') peer.socket.emit('training', notice);
    else this.io?.to(peer.socketId).emit('training', notice);
  }

  forget(sessionId: string): void {
    this.bySession.delete(sessionId);
  }
}
