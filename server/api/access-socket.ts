import type { Server as SocketServer } from 'socket.io';
import { roleRefusalText } from '../protocol/accounts.ts';
import type { AccessPolicy } from './access-policy.ts';
import { originRefusal } from './origin-check.ts';

/**
 * The live socket's share of access control:
 *  - origins at the Engine.IO handshake (`allowRequest`), so polling and a direct WebSocket
 *    upgrade are both covered: 403 naming the origin. Wraps any allowRequest already set,
 *    so other checks (connection budgets) compose with it;
 *  - the principal from the login cookie on every socket (`socket.data.principal`), which the
 *    live layer reads with `principalOf` to gate createSession, control and training.
 */
export function guardSockets(io: SocketServer, policy: AccessPolicy): void {
  const previous = io.engine.opts.allowRequest;
  io.engine.opts.allowRequest = (req, callback) => {
    const foreign = originRefusal(req.headers, policy.allowedOrigins);
    if (foreign !== null) return callback(`live connection: ${foreign}`, false);
    if (previous !== undefined) previous(req, callback);
    else callback(null, true);
  };
  io.use((socket, next) => {
    const principal = policy.principalFor(socket.request.headers.cookie);
    socket.data.principal = principal;
    // Only ANONYMOUS_ROLES=none leaves a visitor without a role: then even watching needs a login.
    if (principal.roles.length === 0) next(new Error(roleRefusalText(principal, 'viewer', 'live connection')));
    else next();
  });
}
