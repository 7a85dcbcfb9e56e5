import type { Principal } from '../protocol/access.ts';
import type { ClientInfo, Notice, Reply, Role, Snapshot } from '../protocol/messages.ts';
import type { FramePair } from './frame-builder.ts';
import type { RemoteMember } from './remote-members.ts';
import type { EngineCommand } from './session-engine.ts';
import type { ParsedTrainingCommand } from '../protocol/training.ts';

/** The training commands a client sends about an exercise it is in (or joins by code): the exercise's process carries them out. */
export type ExerciseCommand = Exclude<ParsedTrainingCommand, { type: 'startTraining' | 'replay' }>;

/**
 * A training command of a client connected to another process. `role` is the client's role
 * in that process's relay of the session (owner only with the token the owner checked);
 * notices for the client go to `socketId` through the Socket.IO adapter.
 */
export interface RemoteTrainingRequest {
  op: 'train';
  sessionId: string;
  clientId: string;
  socketId: string;
  role: Role;
  cmd: ExerciseCommand;
}

/**
 * Messages between the processes of one service, through Redis. The processes trust each
 * other (they share the Redis and the code); the edge checks happen where a client connects.
 */

/** On a session's channel (`twin:frames:<id>`), from its owning process to the processes with viewers. */
export type SessionMessage =
  | { kind: 'frame'; epoch: number; pair: FramePair }
  | { kind: 'notice'; notice: Notice }
  /** The owner granted or revoked control of `clientId`, a client of whichever process has it. */
  | { kind: 'role'; clientId: string; role: Role }
  /** The owners' roster, for the owners among a process's clients (viewers must not see it). */
  | { kind: 'roster'; clients: ClientInfo[] };

/** A request to the process that runs session `sessionId`, made by a process with a client in it. */
export type ClusterRequest =
  | { op: 'open'; sessionId: string; token?: string }
  /** `role`: the client's role in the relay; the owner checks the one it holds for `clientId` when it knows the client. */
  | { op: 'control'; sessionId: string; clientId: string; role: Role; user: string; cmd: EngineCommand }
  /** A client of the asking process joined or left its relay of the session (the owner's viewer count, roster and grants include it). */
  | { op: 'memberJoined'; sessionId: string; member: Omit<RemoteMember, 'process'> }
  | { op: 'memberLeft'; sessionId: string; clientId: string }
  /** Every client of the asking process in its relay, at each heartbeat: a join or leave lost while Redis was away is made good. */
  | { op: 'members'; sessionId: string; members: Omit<RemoteMember, 'process'>[] }
  | { op: 'setRole'; sessionId: string; clientId: string; grant: boolean }
  | { op: 'lock'; sessionId: string; locked: boolean }
  | { op: 'roster'; sessionId: string }
  | RemoteTrainingRequest
  /** A client who had spoken on the exercise's training channel left its relay (the roster marks a trainee absent). */
  | { op: 'trainLeft'; sessionId: string; clientId: string }
  /** A GET of this process's REST API (run history, exercises, debriefs, experiments) for a client of another process, with that client's principal. */
  | { op: 'read'; path: string; principal: Principal };

/** The status, body and headers (Location, Retry-After) of a REST answer, relayed as they are. */
export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** This process's REST reads, for clients of other processes (service-reads.ts). */
export interface ClusterReads {
  serve(path: string, principal: Principal): Promise<HttpAnswer>;
}

/** The training service of a process, for clients of its exercises connected to other processes (training-service.ts). */
export interface ClusterTraining {
  /** `from`: the process the client is connected to. */
  serveRemote(req: RemoteTrainingRequest, from: string): Promise<Reply>;
  remoteLeft(sessionId: string, clientId: string): void;
  /** The join code of the exercise session `sessionId` runs, if it runs one. */
  joinCode(sessionId: string): string | undefined;
  /** The processes whose clients are in this process's exercises; `processGone` when one of them has died. */
  remoteProcesses(): string[];
  processGone(process: string): void;
}

/** What `open` answers: whether the token is the owner's, the snapshot to start from and the frame epoch. */
export interface OpenResult {
  owner: boolean;
  base: Snapshot;
  epoch: number;
}

export interface RpcRequest {
  id: number;
  from: string;
  req: ClusterRequest;
}

export interface RpcReply {
  id: number;
  reply: Reply;
}

export const sessionChannel = (sessionId: string) => `twin:frames:${sessionId}`;
export const requestChannel = (processId: string) => `twin:rpc:${processId}`;
export const replyChannel = (processId: string) => `twin:reply:${processId}`;
