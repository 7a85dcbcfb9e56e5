import { CONTROL_COMMANDS, OWNER_COMMANDS, type CommandType, type Role } from '../protocol/messages.ts';
import { hasRole, type Principal } from '../protocol/access.ts';
import { roleRefusalText } from '../protocol/accounts.ts';
import type { ErrorReply } from '../protocol/replies.ts';
import { error } from './session-roles.ts';

/**
 * Account roles on the `cmd` channel (session roles are checked after, by session-roles.ts):
 * creating a session needs planner; the owner's and controllers' commands need planner too,
 * unless the client is the session's owner (it created the session or presented the owner
 * token, which stays the key to a session, e.g. the public plant's token from the log).
 * Listing, joining as a viewer, leaving and snapshots stay open.
 */
export function accountRefusal(principal: Principal, type: CommandType, sessionRole: Role | undefined): ErrorReply | null {
  const controlling = type === 'createSession' || CONTROL_COMMANDS.has(type) || OWNER_COMMANDS.has(type);
  if (!controlling || hasRole(principal, 'planner')) return null;
  if (type !== 'createSession' && sessionRole === 'owner') return null;
  return error('forbidden', roleRefusalText(principal, 'planner', type));
}
