import { describe, expect, it } from 'vitest';
import { COMMAND_COST, DEFAULT_ADDRESS_LIMITS, FLOOD_REFUSALS } from '../../server/live/address-budgets.ts';
import { useLiveTestServer } from '../live/test-server.ts';
import { baselineRate, expectResponsive, flood, honestViewer, watchHealth } from './attack-harness.ts';

/**
 * Issue 17: 20 sockets asking for snapshots (≈150 KB each) at 50/s dropped the public
 * plant to 6 fps and the server to 1.7 GB. Now snapshot requests spend the sender's
 * address budget (COMMAND_COST.snapshot points of commandsPerSecond), and the snapshot
 * is encoded once per frame for everyone who asks in it.
 */
const live = useLiveTestServer({ publicSession: true, limits: { trustProxy: 1 } });
const ATTACK_S = 5;

describe('snapshot flood from 20 sockets of one address', () => {
  it('is throttled with a clear message; health and the public plant stay responsive', async () => {
    const honest = await honestViewer(live);
    const health = watchHealth(live.server.url);
    const attack = flood({
      url: live.server.url,
      address: '10.6.6.6',
      sockets: 20,
      sessionId: live.server.publicSession!.id,
      hz: 50,
      seconds: ATTACK_S,
      messages: [['cmd', { type: 'snapshot' }]],
    });
    await attack.started;
    const before = await baselineRate(honest, 1000); // while the attacker waits for a fresh budget window
    const from = Date.now();
    await new Promise((r) => setTimeout(r, (ATTACK_S - 0.5) * 1000));
    // An honest viewer on another address may still ask for its snapshot mid-attack.
    const n = honest.viewer.snapshots.length;
    await honest.viewer.ok({ type: 'snapshot' });
    await honest.viewer.until(() => honest.viewer.snapshots.length > n, 10_000, 'the honest snapshot');
    const during = honest.rate(from);
    const h = await health.stop();
    const out = await attack.done;

    console.log(`snapshot flood: ${out.sent} requests from ${out.connected} sockets in ${ATTACK_S} s, ${out.ok} served, ${out.refusals.length} refused, ${out.cutOff} cut off by a disconnect, ${out.snapshots} snapshots received`);
    expect(out.connected).toBe(20);
    expect(out.unanswered).toBe(0);
    for (const r of out.refusals) expect(r).toMatch(/^unavailable: cmd: too many commands from 10\.6\.6\.6: at most \d+ command points per second/);
    // A socket that keeps sending after FLOOD_REFUSALS refusals in a row is cut off, and says why in its last refusal.
    expect(out.disconnects).toEqual(Array(20).fill('io server disconnect'));
    expect(out.refusals.filter((r) => r.endsWith(`this connection is closed: it was refused ${FLOOD_REFUSALS} times in a row and kept sending`)).length).toBeGreaterThanOrEqual(20);
    // Fixed one-second windows: at most budget / cost snapshots per window; the attack spans ≤ ATTACK_S + 2 windows.
    expect(out.ok).toBeLessThanOrEqual((DEFAULT_ADDRESS_LIMITS.commandsPerSecond / COMMAND_COST.snapshot) * (ATTACK_S + 2));
    expect(out.refusals.length).toBeGreaterThanOrEqual(20 * FLOOD_REFUSALS);
    expect(out.snapshots, 'the 20 joins and every served request brought a snapshot').toBe(20 + out.ok);
    expectResponsive(h, { before, during }, 'snapshot flood');
  });
});
