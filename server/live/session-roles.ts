import { CONTROL_COMMANDS, OWNER_COMMANDS, type CommandType, type ErrorReply, type Role } from '../protocol/messages.ts';

export function error(code: ErrorReply['error']['code'], message: string, problems?: string[]): ErrorReply {
  return { ok: false, error: { code, message, ...(problems === undefined ? {} : { problems }) } };
}

/** Whether `role` may send `type` now; null when allowed, else the reason. */
export function refusal(role: Role, locked: boolean, type: CommandType): ErrorReply | null {
  if (OWNER_COMMANDS.has(type) && role !== 'owner') return error('forbidden', `${type}: only the session owner may do this`);
  if (CONTROL_COMMANDS.has(type)) {
    if (role === 'viewer') return error('forbidden', `${type}: viewers cannot control the session; ask its owner for control`);
    if (role === 'controller' && locked) return error('forbidden', `${type}: the session is locked by its owner`);
  }
  return null;
}

