import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { rolesFromClaim } from '../../server/api/oidc-routes.ts';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, its dev login form:
 * any name, any password) on a loopback port: authorization code + PKCE through openid-client,
 * roles from the provider's `roles` claim, the twin's own login cookie at the end.
 */
const ROLES: Record<string, string[]> = { paul: ['planner', 'unknown-role'], olga: [] };
let idp: Server;
let twin: TwinServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twin-oidc-'));
  idp = createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  twin = await startTwinServer({
    port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), experimentThreads: 0, publicSession: false, clientDir: join(dir, 'no-client'),
    oidc: { issuer, clientId: 'twin', clientSecret: 'a-long-test-client-secret-0123456789', scopes: 'openid profile roles', allowHttp: true },
  });
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'twin', client_secret: 'a-long-test-client-secret-0123456789', redirect_uris: [`${twin.url}/api/auth/oidc/callback`], token_endpoint_auth_method: 'client_secret_post' }],
    claims: { openid: ['sub'], profile: ['preferred_username'], roles: ['roles'] },
    scopes: ['openid', 'profile', 'roles'],
    cookies: { keys: ['test-cookie-key'] },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, preferred_username: id, roles: ROLES[id] ?? [] }) }),
    // A first-party client: no consent screen (oidc-provider's documented way to skip it).
    async loadExistingGrant(ctx: { oidc: { provider: { Grant: new (o: object) => { addOIDCScope(s: string): void; save(): Promise<string> } }; client: { clientId: string }; session: { accountId: string } } }) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile roles');
      await grant.save();
      return grant;
    },
  });
  idp.on('request', provider.callback());
});

afterAll(async () => {
  await twin?.close();
  idp?.closeAllConnections();
  await new Promise((resolve) => idp?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Walks the browser's path: twin → provider → its login form → back to the twin's callback; returns the twin's cookie. */
async function signOn(user: string): Promise<{ cookie: string; landing: string }> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  let url = `${twin.url}/api/auth/oidc/login`;
  for (let hop = 0; hop < 12; hop++) {
    const res = await go(url);
    if (url.startsWith(`${twin.url}/api/auth/oidc/callback`)) {
      expect(res.status).toBe(302);
      return { cookie: `twin_session=${jar.get('twin_session')}`, landing: res.headers.get('location')! };
    }
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    if (res.status === 200 && url.includes('/interaction/')) {
      const login = await go(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ prompt: 'login', login: user, password: 'any' }).toString() });
      url = new URL(login.headers.get('location')!, url).href;
      continue;
    }
    throw new Error(`unexpected ${res.status} at ${url}: ${(await res.text()).slice(0, 300)}`);
  }
  throw new Error('single sign-on did not come back to the twin');
}

const me = (cookie?: string) => fetch(`${twin.url}/api/auth/me`, { headers: cookie ? { cookie } : {} }).then((r) => r.json());

describe('single sign-on (OpenID Connect)', () => {
  it('ends the desk rule even on loopback, and says sign-on is available', async () => {
    expect(await me()).toEqual({ user: null, roles: ['viewer'], loginRequired: true, sso: true });
  });

  it('logs a user in with the roles of the provider\'s claim, and they act on them', async () => {
    const { cookie, landing } = await signOn('paul');
    expect(landing).toBe('/');
    expect(await me(cookie)).toEqual({ user: 'paul', roles: ['planner'], loginRequired: true, sso: true });
    const run = await fetch(`${twin.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ model: 'demo-line', horizonS: 3600, warmupS: 0, wait: false }) });
    expect(run.status).toBe(202);
  });

  it('gives a user without a known role the default (viewer)', async () => {
    const { cookie } = await signOn('olga');
    expect(await me(cookie)).toMatchObject({ user: 'olga', roles: ['viewer'] });
  });

  it('refuses a callback without a login in flight', async () => {
    const r = await fetch(`${twin.url}/api/auth/oidc/callback?code=forged&state=forged`);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/^state: no single sign-on login in progress/);
  });

  it('maps claim values to roles', () => {
    expect(rolesFromClaim(['admin', 'planner'], ['viewer'])).toEqual(['planner', 'admin']);
    expect(rolesFromClaim('instructor, viewer', ['viewer'])).toEqual(['viewer', 'instructor']);
    expect(rolesFromClaim(undefined, ['viewer'])).toEqual(['viewer']);
    expect(rolesFromClaim(42, [])).toEqual([]);
  });
});
