import { describe, expect, it } from 'vitest';
import { DEFAULT_ADDRESS_LIMITS, FLOOD_REFUSALS } from '../../server/live/address-budgets.ts';
import { useLiveTestServer } from '../live/test-server.ts';
import { baselineRate, clientFrom, expectResponsive, flood, honestViewer, watchHealth } from './attack-harness.ts';

/**
 * Issue 17: the 50/s command limit was per connection and `train` had none, so more
 * sockets meant more commands (200 `debrief` requests froze a training session). Now
 * `cmd`, `train` and the progress subscriptions spend one budget per address; REST
 * writes have a budget per address too.
 */
const WRITES_PER_MINUTE = 30;
const live = useLiveTestServer({ publicSession: true, experimentThreads: 1, limits: { trustProxy: 1, restWritesPerMinute: WRITES_PER_MINUTE } });
const ATTACK_S = 4;
const THROTTLED = /^(unavailable: )?(cmd|train|watchExperiment): too many commands from 10\.6\.6\.8: at most \d+ command points per second/;

describe('command flood over cmd, train and watchExperiment from 5 sockets of one address', () => {
  it('shares one budget across channels and sockets; health, frames and other addresses unaffected', async () => {
    const honest = await honestViewer(live);
    const health = watchHealth(live.server.url);
    const attack = flood({
      url: live.server.url,
      address: '10.6.6.8',
      sockets: 5,
      sessionId: live.server.publicSession!.id,
      hz: 100,
      seconds: ATTACK_S,
      messages: [
        ['cmd', { type: 'listSessions' }],
        ['train', { type: 'trainingState' }],
        ['watchExperiment', { id: 'nope' }],
      ],
    });
    await attack.started;
    const before = await baselineRate(honest, 1000);
    const from = Date.now();
    // Another address keeps its own budget: its commands all pass during the attack.
    const other = await clientFrom(live, '10.0.0.9');
    for (let i = 0; i < 20; i++) expect((await other.cmd({ type: 'listSessions' })).ok).toBe(true);
    const out = await attack.done;
    const during = honest.rate(from);
    const h = await health.stop();

    const throttled = out.refusals.filter((r) => THROTTLED.test(r));
    const judged = out.ok + out.refusals.length - throttled.length; // answered on their merits (trainingState outside training is refused)
    console.log(`command flood: ${out.sent} messages, ${judged} judged, ${throttled.length} throttled, ${out.cutOff} cut off with the connection`);
    for (const channel of ['cmd', 'train', 'watchExperiment']) expect(throttled.some((r) => r.includes(`${channel}: too many`)), channel).toBe(true);
    // One-second windows of the address's points: at most budget × (windows spanned) pass, whatever the channel or socket.
    expect(judged).toBeLessThanOrEqual(DEFAULT_ADDRESS_LIMITS.commandsPerSecond * (ATTACK_S + 2));
    expect(throttled.length).toBeGreaterThanOrEqual(5 * FLOOD_REFUSALS);
    expect(out.disconnects).toEqual(Array(5).fill('io server disconnect'));
    expectResponsive(h, { before, during }, 'command flood');
  });
});

describe('REST write flood from one address', () => {
  it('answers 429 with Retry-After and a message beyond the budget; reads and other addresses go on', async () => {
    const post = (address: string) =>
      fetch(`${live.server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: '{}' });
    const statuses: number[] = [];
    let refusal: { status: number; retryAfter: string | null; message?: string } | undefined;
    for (let i = 0; i < WRITES_PER_MINUTE + 10; i++) {
      const res = await post('10.6.6.9');
      statuses.push(res.status);
      const body = (await res.json()) as { error?: { message?: string } };
      if (res.status === 429) refusal ??= { status: 429, retryAfter: res.headers.get('retry-after'), message: body.error?.message };
    }
    // The empty body is invalid (400) while the budget lasts; then 429 before the body is even read.
    expect(statuses.slice(0, WRITES_PER_MINUTE)).toEqual(Array(WRITES_PER_MINUTE).fill(400));
    expect(statuses.slice(WRITES_PER_MINUTE)).toEqual(Array(10).fill(429));
    expect(Number(refusal?.retryAfter)).toBeGreaterThan(0);
    expect(refusal?.message).toMatch(new RegExp(`^too many writes from 10\\.6\\.6\\.9: at most ${WRITES_PER_MINUTE} POST/PUT/DELETE requests per minute per address; try again in \\d+ s$`));
    expect((await post('10.0.0.10')).status, 'another address').toBe(400);
    expect((await fetch(`${live.server.url}/api/runs`, { headers: { 'x-forwarded-for': '10.6.6.9' } })).status, 'reads are not budgeted').toBe(200);
  });
});
