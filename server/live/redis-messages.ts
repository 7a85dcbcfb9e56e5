import type { Notice, Reply, Role, Snapshot } from '../protocol/messages.ts';
import type { FramePair } from './frame-builder.ts';
import type { EngineCommand } from './session-engine.ts';

/**
 * Messages between the processes of one service, through Redis. The processes trust each
 * other (they share the Redis and the code); the edge checks happen where a client connects.
 */

/** On a session's channel (`twin:frames:<id>`), from its owning process to the processes with viewers. */
export type SessionMessage = { kind: 'frame'; epoch: number; pair: FramePair } | { kind: 'notice'; notice: Notice };

/** A request to the process that runs session `sessionId`, made by a process with a client in it. */
export type ClusterRequest =
  | { op: 'open'; sessionId: string; token?: string }
  | { op: 'control'; sessionId: string; role: Role; user: string; cmd: EngineCommand }
  | { op: 'setRole'; sessionId: string; clientId: string; grant: boolean }
  | { op: 'lock'; sessionId: string; locked: boolean }
  | { op: 'roster'; sessionId: string };

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
