import { z } from 'zod';

/**
 * Account roles: what a person may do on this server, independent of any one session.
 * (Session roles — owner, controller, viewer — live in wire.ts; training roles — instructor,
 * trainee — belong to a training session.) One list; the client reads it too.
 *  - viewer: watch the public plant and sessions, read results;
 *  - planner: run experiments and optimisations, save scenarios, create sessions;
 *  - instructor: create and run training sessions, read training logs;
 *  - admin: everything, including user management.
 */
export const ACCOUNT_ROLES = ['viewer', 'planner', 'instructor', 'admin'] as const;
export const AccountRoleSchema = z.enum(ACCOUNT_ROLES);
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Who sent a request or opened a socket, as the access layer established it. */
export interface Principal {
  /** The logged-in user's name; null for an anonymous visitor (or the loopback desk user). */
  readonly user: string | null;
  readonly roles: readonly AccountRole[];
}

/** Bound to loopback with no accounts, the product is a one-person desk tool: every role. */
export const DESK_PRINCIPAL: Principal = Object.freeze({ user: null, roles: ACCOUNT_ROLES });

/** An anonymous visitor to a server bound to the network: may only view (configurable). */
export const ANONYMOUS_PRINCIPAL: Principal = Object.freeze({ user: null, roles: ['viewer'] as const });

/** Whether `principal` may act as `role`; admin may do everything. */
export function hasRole(principal: Principal, role: AccountRole): boolean {
  return principal.roles.includes(role) || principal.roles.includes('admin');
}

/**
 * The principal the access layer attached to a socket (`socket.data`) or a response
 * (`res.locals`). The access middleware sets it on every socket and request; the desk
 * fallback only serves code paths that run without that middleware (unit tests, CLI).
 */
export function principalOf(holder: { principal?: Principal } | undefined): Principal {
  return holder?.principal ?? DESK_PRINCIPAL;
}
