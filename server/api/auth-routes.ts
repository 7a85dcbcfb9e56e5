import { Router, type Request, type Response } from 'express';
import { stringifySetCookie } from 'cookie';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { principalOf } from '../protocol/access.ts';
import { LoginRequestSchema, type Me } from '../protocol/accounts.ts';
import { parseOrThrow } from '../protocol/errors.ts';
import { SESSION_COOKIE, type AccessPolicy } from './access-policy.ts';
import { HttpError } from './http-errors.ts';

/** https as the browser sees it: directly, or through a proxy that terminates TLS. */
const isHttps = (req: Request) => req.secure || req.headers['x-forwarded-proto'] === 'https';

/**
 * The login cookie: httpOnly (no script reads it), SameSite=Strict (no other site's page sends
 * it; the client is one origin, so Strict costs nothing), Secure over https, path / so the
 * Socket.IO handshake carries it too.
 */
function sessionCookie(req: Request, token: string, maxAgeS: number): string {
  return stringifySetCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: isHttps(req), path: '/', maxAge: maxAgeS });
}

/** Sets the login cookie on a response (password login and single sign-on alike). */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeS: number): void {
  res.set('Set-Cookie', sessionCookie(req, token, maxAgeS));
}

/**
 * POST /api/auth/login {name, password} → 200 {user, roles} and the cookie; 401 on a wrong
 * name or password (the same answer for both), 429 after too many attempts from one address.
 * POST /api/auth/logout ends the login session. GET /api/auth/me → {user, roles, loginRequired}.
 */
export function authRoutes(policy: AccessPolicy): Router {
  const router = Router();
  // Per address: every attempt takes a point before the password is checked (so parallel guesses
  // cannot all slip through), a successful login gives it back. A guesser gets loginAttemptsPerMinute
  // wrong tries a minute; a person who mistypes a few is not locked out.
  const limiter = new RateLimiterMemory({ points: policy.loginAttemptsPerMinute, duration: 60 });

  router.post('/auth/login', async (req, res) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    try {
      await limiter.consume(address);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const waitS = Math.ceil(err.msBeforeNext / 1000);
      res.set('Retry-After', String(waitS));
      throw new HttpError(429, `login: too many attempts from this address; try again in ${waitS} s`);
    }
    const { name, password } = parseOrThrow(LoginRequestSchema, req.body ?? {}, 'login');
    const principal = await policy.users.verify(name, password);
    if (principal === null) throw new HttpError(401, 'login: wrong name or password');
    await limiter.reward(address, 1);
    const { token } = policy.users.startSession(name, policy.loginTtlS);
    setSessionCookie(req, res, token, policy.loginTtlS);
    res.set('Cache-Control', 'no-store');
    res.json({ user: principal.user, roles: [...principal.roles], loginRequired: true } satisfies Me);
  });

  router.post('/auth/logout', (req, res) => {
    const token = policy.tokenOf(req.headers.cookie);
    if (token !== null) policy.users.endSession(token);
    res.set('Set-Cookie', sessionCookie(req, '', 0));
    res.json({ user: null, roles: [...policy.anonymous.roles], loginRequired: !policy.isDesk() } satisfies Me);
  });

  router.get('/auth/me', (_req, res) => {
    const principal = principalOf(res.locals);
    res.set('Cache-Control', 'no-store');
    res.json({ user: principal.user, roles: [...principal.roles], loginRequired: !policy.isDesk(), sso: policy.sso } satisfies Me);
  });

  return router;
}
