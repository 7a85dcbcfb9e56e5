import { describe, expect, it } from 'vitest';
import { originRefusal, normalOrigins } from '../../server/api/origin-check.ts';
import { isLoopbackHost } from '../../server/api/access-policy.ts';
import { parseRoleList } from '../../server/protocol/accounts.ts';
import { connectSocket, useAuthServer } from './auth-harness.ts';

describe('origin check', () => {
  const host = 'plant.example:3000';
  it('accepts no origin (non-browser), the own host, X-Forwarded-Host and the configured list', () => {
    expect(originRefusal({ host }, [])).toBeNull();
    expect(originRefusal({ host, origin: 'http://plant.example:3000' }, [])).toBeNull();
    expect(originRefusal({ host, origin: 'https://plant.example:3000' }, [])).toBeNull(); // TLS ended at a proxy
    expect(originRefusal({ host, referer: 'http://plant.example:3000/#/capacity' }, [])).toBeNull();
    expect(originRefusal({ host: '10.0.0.5:3000', origin: 'https://plant.example', 'x-forwarded-host': 'plant.example' }, [])).toBeNull();
    expect(originRefusal({ host, origin: 'http://localhost:5173' }, normalOrigins(['http://localhost:5173/']))).toBeNull();
    expect(originRefusal({ host, origin: 'http://anything.example' }, ['*'])).toBeNull();
  });
  it('refuses another host, another port, and the opaque "null" origin, naming it', () => {
    expect(originRefusal({ host, origin: 'http://evil.example' }, [])).toMatch(/^origin "http:\/\/evil\.example" is not this server's page/);
    expect(originRefusal({ host, origin: 'http://plant.example:3001' }, [])).toMatch(/plant\.example:3001/);
    expect(originRefusal({ host, origin: 'null' }, [])).toMatch(/^origin "null"/);
    expect(originRefusal({ host, referer: 'http://evil.example/x?y' }, [])).toMatch(/"http:\/\/evil\.example"/);
  });
});

describe('access settings', () => {
  it('knows loopback hosts', () => {
    for (const h of [undefined, '', '127.0.0.1', '127.1.2.3', '::1', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.4', 'plant.example']) expect(isLoopbackHost(h)).toBe(false);
  });
  it('parses role lists naming the field', () => {
    expect(parseRoleList('planner, instructor,planner', '--role')).toEqual(['planner', 'instructor']);
    expect(() => parseRoleList('viewer,boss', 'ANONYMOUS_ROLES')).toThrow('ANONYMOUS_ROLES: unknown role "boss"; roles are viewer, planner, instructor, admin');
    expect(() => parseRoleList(' , ', '--role')).toThrow(/^--role: must name at least one role/);
  });
});

describe('ANONYMOUS_ROLES=none', () => {
  const closed = useAuthServer({ host: '0.0.0.0', access: { anonymousRoles: [] } }, { vera: ['viewer'] });
  it('refuses anonymous reads and live connections, keeps health and login open', async () => {
    expect((await fetch(`${closed.server.url}/api/runs`)).status).toBe(401);
    expect((await fetch(`${closed.server.url}/api/health`)).status).toBe(200);
    expect(await fetch(`${closed.server.url}/api/auth/me`).then((r) => r.json())).toEqual({ user: null, roles: [], loginRequired: true, sso: false });
    await expect(connectSocket(closed.server.url)).rejects.toThrow(/^live connection: needs the viewer role; log in at/);
    const cookie = await closed.login('vera');
    expect((await fetch(`${closed.server.url}/api/runs`, { headers: { cookie } })).status).toBe(200);
    const socket = await connectSocket(closed.server.url, { cookie });
    expect(socket.connected).toBe(true);
    socket.close();
  });
});
