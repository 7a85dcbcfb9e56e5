import { describe, expect, it } from 'vitest';
import { ACCOUNT_ROLES } from '../../server/protocol/access.ts';
import { UserStore } from '../../server/store/users.ts';
import { PASSWORD, postNeverEnding, useAuthServer } from './auth-harness.ts';

/** Bound to the network (0.0.0.0, reached here over loopback): anonymous visitors may only view. */
const net = useAuthServer({ host: '0.0.0.0' });
const RUN = { model: 'demo-line', horizonS: 3600, warmupS: 0, seed: 1, wait: false };

async function call(path: string, init: { method?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(net.server.url + path, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text), headers: res.headers };
}

describe('on the network, anonymous visitors view and logged-in users act by role', () => {
  it('lets anyone read, and says that logging in is possible', async () => {
    expect((await call('/api/runs')).status).toBe(200);
    expect((await call('/api/models')).status).toBe(200);
    expect((await call('/api/auth/me')).body).toEqual({ user: null, roles: ['viewer'], loginRequired: true, sso: false });
  });

  it('refuses an anonymous write with 401 and how to log in, before reading the body', async () => {
    // 900 KiB declared, 64 KiB sent, never ended: only a check before the body parser can answer.
    const r = await postNeverEnding(net.server.url, '/api/runs');
    expect(r.status).toBe(401);
    const message = JSON.parse(r.body).error.message as string;
    expect(message).toMatch(/^POST \/api\/runs: needs the planner role; log in at \/#\/login/);
    expect(message).toContain('npm run users -- add');
    for (const path of ['/api/experiments', '/api/optimizations', '/api/scenarios']) expect((await call(path, { method: 'POST', body: {} })).status).toBe(401);
    expect((await call('/api/training/anything', { method: 'POST', body: {} })).body.error.message).toMatch(/needs the instructor role/);
    // The server is still there for everyone.
    expect((await call('/api/health')).status).toBe(200);
  });

  it('logs in with an httpOnly, SameSite=Strict cookie, Secure only over https', async () => {
    const wrong = await call('/api/auth/login', { method: 'POST', body: { name: 'paul', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('login: wrong name or password');
    expect((await call('/api/auth/login', { method: 'POST', body: { name: 'nobody', password: PASSWORD } })).body.error.message).toBe('login: wrong name or password');
    expect((await call('/api/auth/login', { method: 'POST', body: { name: 'paul' } })).body.error.problems).toEqual(['password: must be a string']);

    const ok = await call('/api/auth/login', { method: 'POST', body: { name: 'paul', password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ user: 'paul', roles: ['planner'], loginRequired: true });
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^twin_session=[A-Za-z0-9_-]{43}; /);
    const flags = cookie.split('; ').slice(1).map((f) => f.toLowerCase());
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/', `max-age=${12 * 3600}`]));
    expect(flags).not.toContain('secure');
    const https = await call('/api/auth/login', { method: 'POST', body: { name: 'paul', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('set-cookie')!.toLowerCase().split('; ')).toContain('secure');
  });

  it('answers a viewer 403 naming the missing role, and lets a planner run', async () => {
    const vera = await net.login('vera');
    const refused = await postNeverEnding(net.server.url, '/api/runs', { cookie: vera });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.message).toMatch(/^POST \/api\/runs: needs the planner role; user "vera" has viewer/);
    expect((await call('/api/auth/me', { cookie: vera })).body).toEqual({ user: 'vera', roles: ['viewer'], loginRequired: true, sso: false });

    const paul = await net.login('paul');
    const run = await call('/api/runs', { method: 'POST', cookie: paul, body: RUN });
    expect(run.status).toBe(202);
    expect(run.body.status).toBe('running');
    // Instructors are not planners: the roles are separate.
    expect((await call('/api/runs', { method: 'POST', cookie: await net.login('ines'), body: RUN })).status).toBe(403);
  });

  it('guards the training log: anonymous 401, viewer and planner 403, instructor through', async () => {
    expect((await call('/api/training/no-such-run/log')).status).toBe(401);
    expect((await call('/api/training/no-such-run/log', { cookie: await net.login('vera') })).status).toBe(403);
    expect((await call('/api/training/no-such-run/log', { cookie: await net.login('paul') })).status).toBe(403);
    expect((await call('/api/training/no-such-run/log', { cookie: await net.login('ines') })).status).toBe(404);
  });

  it('logs out: the token stops working at once', async () => {
    const paul = await net.login('paul');
    const out = await call('/api/auth/logout', { method: 'POST', cookie: paul });
    expect(out.headers.get('set-cookie')).toMatch(/^twin_session=; .*Max-Age=0/i);
    expect((await call('/api/runs', { method: 'POST', cookie: paul, body: RUN })).status).toBe(401);
  });

  it('accepts writes only from its own pages and from CORS_ORIGIN: 403 naming a foreign origin', async () => {
    const paul = await net.login('paul');
    const foreign = await postNeverEnding(net.server.url, '/api/runs', { cookie: paul, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.message).toMatch(/origin "http:\/\/evil\.example" is not this server's page/);
    const byReferer = await call('/api/runs', { method: 'POST', cookie: paul, body: RUN, headers: { referer: 'http://evil.example/page' } });
    expect(byReferer.status).toBe(403);
    // Logging in from another site is refused too (login CSRF).
    expect((await call('/api/auth/login', { method: 'POST', body: { name: 'paul', password: PASSWORD }, headers: { origin: 'http://evil.example' } })).status).toBe(403);
    const own = await call('/api/runs', { method: 'POST', cookie: paul, body: RUN, headers: { origin: net.server.url } });
    expect(own.status).toBe(202);
  });
});

describe('on loopback', () => {
  const desk = useAuthServer({ host: '127.0.0.1', access: { allowedOrigins: ['http://localhost:5173'] } }, {});

  it('with no accounts, is a desk tool with every role; an account switches logins on without a restart', async () => {
    const me = await fetch(`${desk.server.url}/api/auth/me`).then((r) => r.json());
    expect(me).toEqual({ user: null, roles: [...ACCOUNT_ROLES], loginRequired: false, sso: false });
    const post = () => fetch(`${desk.server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' }, body: JSON.stringify(RUN) });
    expect((await post()).status).toBe(202); // the configured dev origin is allowed
    const users = new UserStore(`${desk.dir}/twin.db`);
    await users.add('paula', ['planner'], PASSWORD);
    users.close();
    expect((await post()).status).toBe(401);
    expect(await fetch(`${desk.server.url}/api/auth/me`).then((r) => r.json())).toEqual({ user: null, roles: ['viewer'], loginRequired: true, sso: false });
  });
});

describe('login attempts are rate-limited per address', () => {
  const limited = useAuthServer({ host: '0.0.0.0', access: { loginAttemptsPerMinute: 3 } }, { paul: ['planner'] });

  it('answers 429 with Retry-After after the budget, even for the right password', async () => {
    const attempt = (password: string) =>
      fetch(`${limited.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'paul', password }) });
    for (let i = 0; i < 3; i++) expect((await attempt(`guess number ${i}`)).status).toBe(401);
    const blocked = await attempt(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { message: string } }).error.message).toMatch(/^login: too many attempts from this address; try again in \d+ s$/);
  });
});
