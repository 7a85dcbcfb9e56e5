import { afterAll, expect, it } from 'vitest';
import { CAP_RETRY_MS, RETRY_SPREAD_MS } from '../../client/src/net/connect-refusal.ts';
import { LiveClient } from '../live/live-client.ts';
import { waitFor } from './harness.ts';
import { e2eSuite } from './suite.ts';

/**
 * A page whose live connection the server refuses at the handshake (its address is at
 * a per-address budget) shows why, in its language, and connects by itself once the
 * address may again: socket.io-client gives up on such refusals, so the page retries.
 * The cap of open connections is used (MAX_CONNECTIONS_PER_ADDRESS=1, held by this
 * test's own client from the same loopback address) because it refuses
 * deterministically; the new-connection budget's refusal takes the same path
 * (test/client/connect-refusal.test.ts).
 */
const e2e = e2eSuite({ name: 'e2e connect refusal', serverEnv: { MAX_CONNECTIONS_PER_ADDRESS: '1' } });
let holder: LiveClient | undefined;

e2e.describe('browser end-to-end: a refused live connection', () => {
  afterAll(() => holder?.close());

  it('says why instead of a blank page, and connects by itself once the address may', async () => {
    holder = new LiveClient(e2e.url);
    await holder.connected();
    const page = await e2e.open('', 'en', 1400, { height: 900 });
    const toast = page.locator('.toast-msg');
    await toast.first().waitFor({ timeout: 30_000 });
    expect(await toast.first().innerText()).toBe(`Too many open connections from your address (at most 1): close some tabs; the page tries again every ${CAP_RETRY_MS / 1000} s.`);
    expect(await page.getByTestId('connection').innerText()).toContain('reconnecting');

    holder.close(); // the address's one connection is free again
    const freed = Date.now();
    await waitFor(async () => (await page.getByTestId('connection').innerText()).includes('connected') && !(await page.getByTestId('connection').innerText()).includes('reconnecting'), 'the page connected again', CAP_RETRY_MS + RETRY_SPREAD_MS + 20_000);
    console.log(`refused page connected ${((Date.now() - freed) / 1000).toFixed(1)} s after the address's connection was freed`);
    await page.context().close();
  });
});
