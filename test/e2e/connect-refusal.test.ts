import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CAP_RETRY_MS, RETRY_SPREAD_MS } from '../../client/src/net/connect-refusal.ts';
import { LiveClient } from '../live/live-client.ts';
import { browserGate, ensureClientBuilt, launchBrowser, startServer, stopServer, waitFor, type ServerProcess } from './harness.ts';

/**
 * A page whose live connection the server refuses at the handshake (its address is at
 * a per-address budget) shows why, in its language, and connects by itself once the
 * address may again: socket.io-client gives up on such refusals, so the page retries.
 * The cap of open connections is used (MAX_CONNECTIONS_PER_ADDRESS=1, held by this
 * test's own client from the same loopback address) because it refuses
 * deterministically; the new-connection budget's refusal takes the same path
 * (test/client/connect-refusal.test.ts).
 */
const gate = browserGate('e2e connect refusal');
let dir: string;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
let holder: LiveClient | undefined;

describe.skipIf(gate.skip)('browser end-to-end: a refused live connection', () => {
  beforeAll(async () => {
    ensureClientBuilt();
    dir = mkdtempSync(join(tmpdir(), 'twin-e2e-refusal-'));
    server = await startServer(dir, 0, { MAX_CONNECTIONS_PER_ADDRESS: '1' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    holder?.close();
    await browser?.close();
    await stopServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says why instead of a blank page, and connects by itself once the address may', async () => {
    holder = new LiveClient(server!.url);
    await holder.connected();
    const ctx = await browser!.newContext({ viewport: { width: 1400, height: 900 } });
    await ctx.addInitScript(() => localStorage.setItem('twin.locale', 'en'));
    const page = await ctx.newPage();
    await page.goto(server!.url);
    const toast = page.locator('.toast-msg');
    await toast.first().waitFor({ timeout: 30_000 });
    expect(await toast.first().innerText()).toBe(`Too many open connections from your address (at most 1): close some tabs; the page tries again every ${CAP_RETRY_MS / 1000} s.`);
    expect(await page.getByTestId('connection').innerText()).toContain('reconnecting');

    holder.close(); // the address's one connection is free again
    const freed = Date.now();
    await waitFor(async () => (await page.getByTestId('connection').innerText()).includes('connected') && !(await page.getByTestId('connection').innerText()).includes('reconnecting'), 'the page connected again', CAP_RETRY_MS + RETRY_SPREAD_MS + 20_000);
    console.log(`refused page connected ${((Date.now() - freed) / 1000).toFixed(1)} s after the address's connection was freed`);
    await ctx.close();
  });
});
