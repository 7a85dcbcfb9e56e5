import { describe, expect, it } from 'vitest';
import { Manager } from 'socket.io-client';
import { clientAddress } from '../../server/live/address-budgets.ts';
import { useLiveTestServer } from '../live/test-server.ts';
import { baselineRate, clientFrom, expectResponsive, flood, honestViewer, watchHealth } from './attack-harness.ts';

/**
 * Issue 17: 3,000 connections from one address were accepted. Now the handshake
 * beyond `connectionsPerAddress` open connections from one address is refused with a
 * message; other addresses are not affected. (The cap is 30 here so the test is quick;
 * the default is 100, MAX_CONNECTIONS_PER_ADDRESS.)
 */
const CAP = 30;
const ATTEMPTS = 200;
const live = useLiveTestServer({ publicSession: true, limits: { trustProxy: 1, connectionsPerAddress: CAP } });

describe('connection flood from one address', () => {
  it('refuses the handshake beyond the cap with a message; health and the public plant stay responsive', async () => {
    const honest = await honestViewer(live);
    const health = watchHealth(live.server.url);
    const before = await baselineRate(honest, 1000);
    const from = Date.now();
    const attack = flood({ url: live.server.url, address: '10.6.6.7', sockets: ATTEMPTS, sessionId: null, hz: 1, seconds: 2, messages: [['cmd', { type: 'listSessions' }]] });
    await attack.started;
    // While the attacker holds its CAP connections, another address still connects and joins.
    const other = await clientFrom(live, '10.0.0.8');
    await other.ok({ type: 'joinSession', sessionId: live.server.publicSession!.id });
    const out = await attack.done;
    const during = honest.rate(from);
    const h = await health.stop();

    console.log(`connection flood: ${ATTEMPTS} attempts, ${out.connected} accepted, ${out.connectErrors.length} refused`);
    expect(out.connected).toBe(CAP);
    expect(out.connectErrors).toHaveLength(ATTEMPTS - CAP);
    for (const m of out.connectErrors) expect(m).toBe(`too many connections from 10.6.6.7: at most ${CAP} open connections per address; close some tabs or clients and try again`);
    expect(out.refusals, 'the accepted ones command normally').toEqual([]);
    expectResponsive(h, { before, during }, 'connection flood');
    // Closed connections are counted out: the address may connect again.
    await new Promise((r) => setTimeout(r, 300));
    const again = await clientFrom(live, '10.6.6.7');
    expect((await again.cmd({ type: 'listSessions' })).ok).toBe(true);
  });
});

describe('raw Engine.IO connections that never join the namespace', () => {
  it('are closed beyond twice the cap, so they cannot pile up until the connect timeout', async () => {
    const managers: Manager[] = [];
    let closed = 0;
    for (let i = 0; i < 2 * CAP + 10; i++) {
      const m = new Manager(live.server.url, { transports: ['websocket'], reconnection: false, autoConnect: false, extraHeaders: { 'x-forwarded-for': '10.6.6.10' } });
      m.on('close', () => closed++);
      await new Promise<void>((resolve, reject) => m.open((err) => (err ? reject(err) : resolve())));
      managers.push(m);
    }
    const end = Date.now() + 10_000;
    while (closed < 10 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(10);
    for (const m of managers) m.engine.close();
  });
});

describe('clientAddress', () => {
  const headers = { 'x-forwarded-for': '6.6.6.6, 10.1.2.3' };
  it('ignores X-Forwarded-For unless proxies are trusted, so a client cannot pick its address', () => {
    expect(clientAddress('::ffff:127.0.0.1', headers, 0)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', {}, 1)).toBe('127.0.0.1');
  });
  it('takes the address the trusted proxy appended, not what the client wrote left of it', () => {
    expect(clientAddress('127.0.0.1', headers, 1)).toBe('10.1.2.3');
    expect(clientAddress('127.0.0.1', headers, 2)).toBe('6.6.6.6');
    expect(clientAddress('127.0.0.1', headers, 5)).toBe('6.6.6.6');
  });
});
