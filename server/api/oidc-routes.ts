import { Router, type Request } from 'express';
import * as oidc from 'openid-client';
import { ACCOUNT_ROLES, type AccountRole } from '../protocol/access.ts';
import type { AccessPolicy } from './access-policy.ts';
import { setSessionCookie } from './auth-routes.ts';
import { HttpError } from './http-errors.ts';

export interface OidcOptions {
  /** The identity provider's issuer URL (OIDC_ISSUER); discovery runs at the first login. */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The claim that lists the user's roles (OIDC_ROLES_CLAIM, default `roles`): an array or a comma/space-separated string. */
  rolesClaim?: string;
  /** Roles of a user whose claim names none of ours (default viewer). */
  defaultRoles?: readonly AccountRole[];
  /** Scopes asked for (default `openid profile email`); some providers release the roles claim only under a scope of their own. */
  scopes?: string;
  /** Allow an http:// issuer (a provider on the same host, a test); refused otherwise, as the standard asks. */
  allowHttp?: boolean;
}

/** A login in flight, from the redirect to the provider until its callback; forgotten after 10 minutes. */
interface Pending {
  verifier: string;
  nonce: string;
  expires: number;
}
const PENDING_TTL_MS = 10 * 60_000;
/** Bounds the memory an unauthenticated flood of /oidc/login can take. */
const MAX_PENDING = 1000;

/** The roles a claim value grants: ours only, in our order; unknown names are ignored. */
export function rolesFromClaim(value: unknown, fallback: readonly AccountRole[]): AccountRole[] {
  const names = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const roles = ACCOUNT_ROLES.filter((r) => names.includes(r));
  return roles.length > 0 ? roles : [...fallback];
}

/** The page's own address, as the browser used it (the callback must come back to it). */
const ownBase = (req: Request) => `${req.secure || req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'}://${req.headers['x-forwarded-host'] ?? req.headers.host}`;

/**
 * Single sign-on with OpenID Connect (authorization code + PKCE, openid-client):
 * GET /api/auth/oidc/login redirects to the provider; GET /api/auth/oidc/callback checks the
 * answer (state, nonce, PKCE), reads the user's name (preferred_username, email, else sub) and
 * roles (the roles claim from the ID token or userinfo), opens a login session like a password
 * login and returns to the page. The provider must list `<page>/api/auth/oidc/callback` as a redirect URI.
 */
export function oidcRoutes(policy: AccessPolicy, opts: OidcOptions): Router {
  const router = Router();
  const pending = new Map<string, Pending>();
  let config: Promise<oidc.Configuration> | null = null;
  const discover = () =>
    (config ??= oidc
      .discovery(new URL(opts.issuer), opts.clientId, undefined, opts.clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(opts.clientSecret), opts.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        config = null; // try again at the next login
        throw new HttpError(502, `OIDC_ISSUER: discovery at ${opts.issuer} failed: ${(err as Error).message}`);
      }));

  router.get('/auth/oidc/login', async (req, res) => {
    const cfg = await discover();
    const now = Date.now();
    for (const [state, p] of pending) if (p.expires <= now) pending.delete(state);
    if (pending.size >= MAX_PENDING) throw new HttpError(503, 'single sign-on: too many logins in progress; try again in a few minutes');
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    pending.set(state, { verifier, nonce, expires: now + PENDING_TTL_MS });
    const url = oidc.buildAuthorizationUrl(cfg, {
      redirect_uri: `${ownBase(req)}/api/auth/oidc/callback`,
      scope: opts.scopes ?? 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    res.redirect(302, url.href);
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    const cfg = await discover();
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const flight = pending.get(state);
    pending.delete(state);
    if (flight === undefined || flight.expires <= Date.now()) throw new HttpError(400, 'state: no single sign-on login in progress with this state (expired or already used); log in again');
    const current = new URL(`${ownBase(req)}${req.originalUrl}`);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(cfg, current, { pkceCodeVerifier: flight.verifier, expectedState: state, expectedNonce: flight.nonce, idTokenExpected: true });
    } catch (err) {
      throw new HttpError(401, `single sign-on refused: ${(err as Error).message}`);
    }
    const idClaims: Record<string, unknown> = tokens.claims() ?? {};
    const info = await oidc.fetchUserInfo(cfg, tokens.access_token, String(idClaims.sub)).catch(() => ({}) as Record<string, unknown>);
    const claims: Record<string, unknown> = { ...info, ...idClaims };
    const name = String(claims.preferred_username ?? claims.email ?? claims.sub);
    const roles = rolesFromClaim(claims[opts.rolesClaim ?? 'roles'], opts.defaultRoles ?? ['viewer']);
    const { token } = policy.users.startSession(name, policy.loginTtlS, roles);
    setSessionCookie(req, res, token, policy.loginTtlS);
    res.redirect(302, '/');
  });

  return router;
}
