import type { RequestHandler, Response } from 'express';
import { hasRole, type AccountRole, type Principal } from '../protocol/access.ts';
import { roleRefusalText } from '../protocol/accounts.ts';
import type { AccessPolicy } from './access-policy.ts';
import { originRefusal } from './origin-check.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The role each write under /api needs, by path (first match; paths relative to /api).
 * Logging in and out needs none; everything not listed (runs, experiments, optimisations,
 * scenario saves, sessions, and any write added later) needs planner.
 */
const WRITE_ROLES: readonly (readonly [RegExp, AccountRole | null])[] = [
  [/^\/auth\/(login|logout)\/?$/, null],
  [/^\/users(\/|$)/, 'admin'],
  [/^\/training(\/|$)/, 'instructor'],
  [/^\//, 'planner'],
];

/** Reads that stay open to everyone even when anonymous visitors may not view (ANONYMOUS_ROLES=none): health and the ways to log in. */
const OPEN_READS = /^\/(health|auth\/me|auth\/oidc\/(login|callback))\/?$/;

export function writeRole(path: string): AccountRole | null {
  const rule = WRITE_ROLES.find(([pattern]) => pattern.test(path));
  return rule === undefined ? 'planner' : rule[1];
}

function refuse(res: Response, status: number, message: string): void {
  // The body is never read: close the connection after answering so a client still sending
  // (or one that never stops) cannot hold it open.
  res.set('Connection', 'close');
  res.status(status).json({ error: { status, message } });
}

/**
 * Mounted on /api before the body parser: sets `res.locals.principal` on every request, then
 * refuses writes from foreign origins (403) and writes without the role (401 anonymous, 403
 * logged in) before a byte of the body is read.
 */
export function accessGuard(policy: AccessPolicy): RequestHandler {
  return (req, res, next) => {
    // A read this process makes for a client of another process of the service carries that client's principal (service-reads-http.ts).
    const principal: Principal = (res.locals.relayedPrincipal as Principal | undefined) ?? policy.principalFor(req.headers.cookie);
    res.locals.principal = principal;
    const what = `${req.method} ${req.baseUrl}${req.path}`;
    if (WRITE_METHODS.has(req.method)) {
      const foreign = originRefusal(req.headers, policy.allowedOrigins);
      if (foreign !== null) return refuse(res, 403, `${what}: ${foreign}`);
      const role = writeRole(req.path);
      if (role !== null && !hasRole(principal, role)) return refuse(res, principal.user === null ? 401 : 403, roleRefusalText(principal, role, what));
    } else if (principal.roles.length === 0 && !OPEN_READS.test(req.path)) {
      // Any role may read; only ANONYMOUS_ROLES=none leaves a visitor with none.
      return refuse(res, 401, roleRefusalText(principal, 'viewer', what));
    }
    next();
  };
}
