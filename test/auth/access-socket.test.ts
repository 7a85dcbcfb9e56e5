import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { cmd, connectSocket, useAuthServer } from './auth-harness.ts';

/** The live socket on a server bound to the network: the handshake reads the login cookie. */
const net = useAuthServer({ host: '0.0.0.0' });
const sockets: Socket[] = [];
afterAll(() => sockets.forEach((s) => s.close()));
const connect = async (headers: Record<string, string> = {}, transport: 'websocket' | 'polling' = 'websocket') => {
  const s = await connectSocket(net.server.url, headers, transport);
  sockets.push(s);
  return s;
};
const CREATE = { type: 'createSession', model: 'demo-line', play: false };

describe('account roles on the live socket', () => {
  it('refuses an anonymous createSession with how to log in; a planner creates, a viewer joins and watches', async () => {
    const anonymous = await connect();
    const refused = await cmd(anonymous, CREATE);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (refused.ok) return;
    expect(refused.error.message).toMatch(/^createSession: needs the planner role; log in at \/#\/login/);
    const vera = await connect({ cookie: await net.login('vera') });
    const veraRefused = await cmd(vera, CREATE);
    expect(veraRefused.ok ? '' : veraRefused.error.message).toMatch(/^createSession: needs the planner role; user "vera" has viewer/);

    const paul = await connect({ cookie: await net.login('paul') });
    const created = await cmd(paul, CREATE);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const { sessionId, controllerToken } = created.result as { sessionId: string; controllerToken: string };
    expect((await cmd(paul, { type: 'play' })).ok).toBe(true);

    // Viewing stays open: anyone lists and joins as a viewer, but cannot control.
    expect((await cmd(anonymous, { type: 'listSessions' })).ok).toBe(true);
    expect(await cmd(anonymous, { type: 'joinSession', sessionId })).toMatchObject({ ok: true, result: { role: 'viewer' } });
    const pause = await cmd(anonymous, { type: 'pause' });
    expect(pause.ok ? '' : pause.error.message).toMatch(/^pause: needs the planner role/);

    // The owner token stays the key to its session, whoever holds it.
    const holder = await connect();
    expect(await cmd(holder, { type: 'joinSession', sessionId, token: controllerToken })).toMatchObject({ ok: true, result: { role: 'owner' } });
    expect((await cmd(holder, { type: 'pause' })).ok).toBe(true);
    expect((await cmd(holder, { type: 'listClients' })).ok).toBe(true);
  });

  it('lets only instructors start a training exercise', async () => {
    const start = { type: 'startTraining', script: 'demo-line-stacker-down', play: false };
    const anonymous = await cmd(await connect(), start, 'train');
    expect(anonymous.ok ? '' : anonymous.error.message).toMatch(/^startTraining: needs the instructor role; log in at/);
    const planner = await cmd(await connect({ cookie: await net.login('paul') }), start, 'train');
    expect(planner.ok ? '' : planner.error.message).toMatch(/^startTraining: needs the instructor role; user "paul"/);
    const instructor = await cmd(await connect({ cookie: await net.login('ines') }), start, 'train');
    expect(instructor).toMatchObject({ ok: true, result: { sessionId: expect.any(String) } });
  });

  it('sets the principal from a cookie that is no longer valid to anonymous', async () => {
    const s = await connect({ cookie: 'twin_session=not-a-real-token' });
    const r = await cmd(s, CREATE);
    expect(r.ok ? '' : r.error.message).toMatch(/log in at/);
  });
});

describe('origins at the Engine.IO handshake', () => {
  it('refuses a foreign Origin on websocket and polling with 403 naming it, accepts its own and none', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow();
    await expect(connect({ origin: 'http://evil.example' }, 'polling')).rejects.toThrow();
    const raw = await fetch(`${net.server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'http://evil.example' } });
    expect(raw.status).toBe(403);
    expect(((await raw.json()) as { message: string }).message).toMatch(/^live connection: origin "http:\/\/evil\.example" is not this server's page/);

    const own = await connect({ origin: net.server.url }, 'polling');
    expect(own.connected).toBe(true);
    const ownWs = await connect({ origin: net.server.url });
    expect(ownWs.connected).toBe(true);
    const cli = await connect(); // no Origin: a non-browser client
    expect(cli.connected).toBe(true);
  });
});
