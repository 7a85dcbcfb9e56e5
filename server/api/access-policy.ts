import { parseCookie } from 'cookie';
import { ANONYMOUS_PRINCIPAL, DESK_PRINCIPAL, type AccountRole, type Principal } from '../protocol/access.ts';
import { DEFAULT_LOGIN_TTL_S, type UserStore } from '../store/users.ts';
import { normalOrigins } from './origin-check.ts';

/** The login cookie's name. */
export const SESSION_COOKIE = 'twin_session';

export interface AccessOptions {
  /**
   * Roles of a visitor who is not logged in, once the desk rule does not apply (the server
   * is bound to the network or has accounts). Default ['viewer']; [] refuses even viewing.
   */
  anonymousRoles?: readonly AccountRole[];
  /** Origins allowed besides the page's own (CORS_ORIGIN), for writes and the socket handshake. */
  allowedOrigins?: readonly string[];
  /** How long a login lasts (seconds; default 12 h). */
  loginTtlS?: number;
  /** Login attempts per address per minute (default 10). */
  loginAttemptsPerMinute?: number;
  /** Single sign-on is configured: like having accounts, it ends the desk rule. */
  sso?: boolean;
}

/** 127.0.0.0/8, ::1 and localhost; an unset host is the server's default, loopback. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined || host === '' || host === 'localhost' || host === '::1') return true;
  return /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Who is asking. Bound to loopback with no accounts, the server is a one-person desk tool:
 * everybody gets every role (DESK_PRINCIPAL). Bound to the network, or once an account exists
 * (read per request, so `npm run users -- add` applies to a running server), a visitor is
 * the user of a valid login cookie or else anonymous with `anonymousRoles`.
 */
export class AccessPolicy {
  readonly anonymous: Principal;
  readonly allowedOrigins: readonly string[];
  readonly loginTtlS: number;
  readonly loginAttemptsPerMinute: number;
  readonly sso: boolean;
  private readonly loopback: boolean;

  constructor(
    readonly users: UserStore,
    host: string | undefined,
    opts: AccessOptions = {},
  ) {
    this.loopback = isLoopbackHost(host);
    const roles = opts.anonymousRoles ?? ['viewer'];
    this.anonymous = roles.length === 1 && roles[0] === 'viewer' ? ANONYMOUS_PRINCIPAL : Object.freeze({ user: null, roles: [...roles] });
    this.allowedOrigins = normalOrigins(opts.allowedOrigins ?? []);
    this.loginTtlS = opts.loginTtlS ?? DEFAULT_LOGIN_TTL_S;
    this.loginAttemptsPerMinute = opts.loginAttemptsPerMinute ?? 10;
    this.sso = opts.sso ?? false;
  }

  /** The desk rule: loopback, no accounts and no single sign-on. */
  isDesk(): boolean {
    return this.loopback && !this.sso && this.users.count() === 0;
  }

  /** The login token in a Cookie header, if any. */
  tokenOf(cookieHeader: string | undefined): string | null {
    if (cookieHeader === undefined || cookieHeader === '') return null;
    return parseCookie(cookieHeader)[SESSION_COOKIE] ?? null;
  }

  principalFor(cookieHeader: string | undefined): Principal {
    if (this.isDesk()) return DESK_PRINCIPAL;
    const token = this.tokenOf(cookieHeader);
    return (token === null ? null : this.users.sessionPrincipal(token)) ?? this.anonymous;
  }
}
