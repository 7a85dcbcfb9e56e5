import { z } from 'zod';
import { ACCOUNT_ROLES, AccountRoleSchema, type AccountRole } from './access.ts';

/** Accounts on the wire and on the command line: names, passwords, the login request and `GET /api/auth/me`. */

/** A user name: short, printable, safe in a log line and a cookie-free URL. */
export const UserNameSchema = z
  .string('must be a string')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');

/** Long enough to resist guessing at the login rate limit; the upper bound keeps hashing cheap. */
export const PasswordSchema = z.string('must be a string').min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const LoginRequestSchema = z.strictObject({
  name: UserNameSchema,
  // Any length up to the cap is checked against the stored hash; the minimum applies when it is set.
  password: z.string('must be a string').min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});
export type LoginRequest = z.output<typeof LoginRequestSchema>;

/** `GET /api/auth/me`: who the server thinks this browser is, and whether logging in is possible at all. */
export const MeSchema = z.object({
  user: z.string().nullable(),
  roles: z.array(AccountRoleSchema),
  /** true when the server has accounts or is bound to the network (anonymous visitors are limited). */
  loginRequired: z.boolean(),
  /** Single sign-on is configured: the login page offers it (GET /api/auth/oidc/login). */
  sso: z.boolean().optional(),
});
export type Me = z.output<typeof MeSchema>;

/** The client's login page (a hash route), named in every 401 so a refused person knows where to go. */
export const LOGIN_PAGE = '/#/login';

/** `planner,instructor` → the roles; throws naming the bad entry. An empty list is allowed only when `allowEmpty`. */
export function parseRoleList(text: string, field: string, allowEmpty = false): AccountRole[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0 && !allowEmpty) throw new Error(`${field}: must name at least one role of ${ACCOUNT_ROLES.join(', ')}`);
  const roles: AccountRole[] = [];
  for (const name of names) {
    const parsed = AccountRoleSchema.safeParse(name);
    if (!parsed.success) throw new Error(`${field}: unknown role "${name}"; roles are ${ACCOUNT_ROLES.join(', ')}`);
    if (!roles.includes(parsed.data)) roles.push(parsed.data);
  }
  return roles;
}

/** How a refused person gets the role: where to log in and how an administrator adds accounts. */
export const HOW_TO_LOG_IN = `log in at ${LOGIN_PAGE} (an administrator adds accounts with \`npm run users -- add <name> --role <roles>\`)`;

/**
 * The one wording of an access refusal, for REST (401/403) and the socket (forbidden):
 * `POST /api/runs: needs the planner role; log in at /#/login (...)` for an anonymous visitor,
 * `...: user "bob" has viewer, not planner` for a logged-in one.
 */
export function roleRefusalText(principal: { user: string | null; roles: readonly string[] }, role: AccountRole, what: string): string {
  if (principal.user === null) return `${what}: needs the ${role} role; ${HOW_TO_LOG_IN}`;
  const has = principal.roles.length === 0 ? 'no roles' : principal.roles.join(', ');
  return `${what}: needs the ${role} role; user "${principal.user}" has ${has} (an administrator grants roles with \`npm run users\`)`;
}
