import { describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../server/protocol/messages.ts';
import { ConnectRefusalSchema } from '../../server/protocol/connect-refusal.ts';
import { AddressBudgets, DEFAULT_ADDRESS_LIMITS } from '../../server/live/address-budgets.ts';
import { useLiveTestServer } from '../live/test-server.ts';
import { baselineRate, expectResponsive, flood, honestViewer, watchHealth } from './attack-harness.ts';

/**
 * New connections per address are budgeted: RATE a second, sustained, plus BURST more
 * once a minute (rate-limiter-flexible's BurstyRateLimiter; the defaults are 2 and 100,
 * NEW_CONNECTIONS_PER_ADDRESS_PER_S and NEW_CONNECTIONS_BURST_PER_ADDRESS). Small here so
 * the test is quick. Beyond it the handshake is refused with a message and when to retry,
 * before any join or snapshot; another address is not affected.
 */
const RATE = 1;
const BURST = 4;
const live = useLiveTestServer({ publicSession: true, limits: { trustProxy: 1, newConnectionsPerSecond: RATE, newConnectionsBurst: BURST } });

interface Attempt {
  socket: Socket;
  ok: boolean;
  message?: string;
  data?: unknown;
  /** Events other than the handshake's the socket received (a refused one must get none). */
  events: string[];
}

/** Opens a connection from `address` and waits for the handshake's outcome. */
function attempt(address: string): Promise<Attempt> {
  const socket = io(live.server.url, { auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': address } });
  const events: string[] = [];
  socket.onAny((event: string) => events.push(event));
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket, ok: true, events }));
    socket.once('connect_error', (err: Error & { data?: unknown }) => resolve({ socket, ok: false, message: err.message, data: err.data, events }));
  });
}

const refusalText = (address: string) => `too many new connections from ${address}: at most ${RATE} per second per address, plus ${BURST} more once a minute; try again in 1 s`;

describe('new connections from one address faster than its budget', () => {
  it('refuses the extra ones with the message and when to retry; after that time one is accepted; another address is not affected', async () => {
    const attacker = '10.7.7.7';
    const openBefore = live.server.io.of('/').sockets.size;
    const t0 = Date.now();
    const first = await Promise.all(Array.from({ length: 12 }, () => attempt(attacker)));
    const elapsedS = (Date.now() - t0) / 1000;
    const accepted = first.filter((a) => a.ok);
    const refused = first.filter((a) => !a.ok);
    console.log(`new-connection budget: 12 at once from one address in ${elapsedS.toFixed(2)} s: ${accepted.length} accepted, ${refused.length} refused`);
    // The first second's RATE plus the BURST; one more RATE for each further second the attempts took (a busy machine).
    expect(accepted.length).toBeGreaterThanOrEqual(RATE + BURST);
    expect(accepted.length).toBeLessThanOrEqual(RATE + BURST + RATE * Math.floor(elapsedS));
    expect(refused.length).toBe(12 - accepted.length);
    for (const r of refused) {
      expect(r.message).toBe(refusalText(attacker));
      const data = ConnectRefusalSchema.parse(r.data);
      expect(data.code).toBe('too_many_new_connections');
      expect(data.retryAfterMs).toBeGreaterThan(0);
      expect(data.retryAfterMs).toBeLessThanOrEqual(1000); // the next second's share
      expect(r.events, 'a refused connection is sent nothing').toEqual([]);
    }
    // Only the accepted ones hold a socket on the server (so no join, no snapshot for the others).
    expect(live.server.io.of('/').sockets.size).toBe(openBefore + accepted.length);

    // Another address connects at once.
    const other = await attempt('10.7.7.8');
    expect(other.ok, other.message).toBe(true);

    // After the time the refusals named, the address may connect again.
    const wait = Math.max(...refused.map((r) => ConnectRefusalSchema.parse(r.data).retryAfterMs ?? 0));
    await new Promise((r) => setTimeout(r, wait + 50));
    const again = await attempt(attacker);
    expect(again.ok, again.message).toBe(true);
    for (const a of [...first, other, again]) a.socket.close();
  });
});

describe('a flood of refused connections', () => {
  it('costs little: health and the public plant stay responsive', async () => {
    const honest = await honestViewer(live, '10.0.0.7');
    const health = watchHealth(live.server.url);
    const idleCpu0 = process.cpuUsage();
    const idleFrom = Date.now();
    const before = await baselineRate(honest, 2000);
    const idleCpu = process.cpuUsage(idleCpu0);
    const idleS = (Date.now() - idleFrom) / 1000;
    const from = Date.now();
    const cpu0 = process.cpuUsage(); // the server's process (with the honest viewer and the health probe), not the attacker's
    const attack = flood({ url: live.server.url, address: '10.7.7.9', sockets: 300, sessionId: live.server.publicSession!.id, hz: 1, seconds: 1, messages: [['cmd', { type: 'listSessions' }]] });
    await attack.started; // every attempt made (the attacker opens them one after another)
    const attemptsS = (Date.now() - from) / 1000; // an upper bound: includes the attacker's start
    const out = await attack.done;
    const cpu = process.cpuUsage(cpu0);
    const during = honest.rate(from);
    const h = await health.stop();
    console.log(`new-connection flood: 300 attempts within ${attemptsS.toFixed(1)} s, ${out.connected} accepted, ${out.connectErrors.length} refused, ${out.snapshots} snapshots sent to the flooder`);
    const perS = (c: NodeJS.CpuUsage, seconds: number) => ((c.user + c.system) / 1000 / seconds).toFixed(0);
    console.log(`server process CPU (the public plant, its viewer and the health probe included): ${perS(idleCpu, idleS)} ms/s before, ${perS(cpu, (Date.now() - from) / 1000)} ms/s during the flood`);
    expect(out.connected).toBeGreaterThanOrEqual(RATE + BURST);
    expect(out.connected).toBeLessThanOrEqual(RATE + BURST + RATE * Math.ceil(attemptsS));
    expect(out.connectErrors.length).toBe(300 - out.connected);
    for (const m of out.connectErrors) expect(m).toBe(refusalText('10.7.7.9'));
    // Each accepted socket joined the plant and got one snapshot; the refused ones got none.
    expect(out.snapshots).toBe(out.connected);
    expectResponsive(h, { before, during }, 'new-connection flood');
  });
});

describe('new-connection budget settings', () => {
  it('refuses settings that would make a refusal wait for nothing, naming the field', () => {
    expect(() => new AddressBudgets({ newConnectionsPerSecond: 0 })).toThrow('limits.newConnectionsPerSecond: must be a whole number >= 1, got 0');
    expect(() => new AddressBudgets({ newConnectionsPerSecond: 1.5 })).toThrow('limits.newConnectionsPerSecond');
    expect(() => new AddressBudgets({ newConnectionsBurst: -1 })).toThrow('limits.newConnectionsBurst: must be a whole number >= 0, got -1');
  });

  it('by default takes a classroom of 40 behind one address, each with two tabs, reconnecting at once', () => {
    // 80 connections within the client's back-off of 1–5 s: the burst alone must hold them.
    expect(DEFAULT_ADDRESS_LIMITS.newConnectionsBurst).toBeGreaterThanOrEqual(40 * 2);
    // And the cap on open connections can be re-opened at once after a restart.
    expect(DEFAULT_ADDRESS_LIMITS.newConnectionsBurst + DEFAULT_ADDRESS_LIMITS.newConnectionsPerSecond).toBeGreaterThanOrEqual(DEFAULT_ADDRESS_LIMITS.connectionsPerAddress);
  });
});
