import type { ClientInfo, ControlResult, Reply, Role, SessionInfo } from '../protocol/messages.ts';
import type { EngineCommand } from './session-engine.ts';
import type { ViewerLink } from './session-members.ts';

/**
 * What a connection needs of the session it is in: a session of this process (session.ts)
 * or one running in another process and relayed through Redis (remote-session.ts).
 * The remote one answers some of these asynchronously, by asking the owning process.
 */
export interface LiveSession {
  readonly id: string;
  readonly locked: boolean;
  join(clientId: string, link: ViewerLink, user: string, role: Role): void;
  leave(clientId: string): void;
  role(clientId: string): Role | undefined;
  resendSnapshot(clientId: string): void;
  control(clientId: string, cmd: EngineCommand): Promise<Reply<ControlResult>>;
  setRole(targetId: string, grant: boolean): Reply<ClientInfo[]> | Promise<Reply<ClientInfo[]>>;
  setLocked(locked: boolean): void | Promise<void>;
  info(): SessionInfo;
  roster(): ClientInfo[] | Promise<ClientInfo[]>;
}
