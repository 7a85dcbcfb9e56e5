import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { UserStore } from '../../server/store/users.ts';
import { browserGate, ensureClientBuilt, launchBrowser, startServer, stopServer, type ServerProcess } from './harness.ts';

/**
 * The server on the network (HOST=0.0.0.0) with one planner account: an anonymous visitor
 * sees "viewing only" and a disabled New session, logs in through the dialog (a wrong
 * password is answered in the page's language), and is then the planner, with New session enabled.
 */
const gate = browserGate('e2e login');
const PASSWORD = 'correct horse battery';
let dir: string;
let server: ServerProcess | undefined;
let browser: Browser | undefined;

describe.skipIf(gate.skip)('browser end-to-end: logging in', () => {
  beforeAll(async () => {
    ensureClientBuilt();
    dir = mkdtempSync(join(tmpdir(), 'twin-login-'));
    const users = new UserStore(join(dir, 'twin.db'));
    await users.add('paul', ['planner'], PASSWORD);
    users.close();
    server = await startServer(dir, 0, { HOST: '0.0.0.0' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs in from the top bar; roles change what the page offers', async () => {
    const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    const base = server!.url.replace('0.0.0.0', '127.0.0.1');
    await page.goto(`${base}/?lang=ru`);
    await page.locator('[data-testid=account] button', { hasText: 'Войти' }).waitFor({ timeout: 60_000 });
    await page.goto(`${base}/?lang=en`);
    const account = page.locator('[data-testid=account]');
    await account.locator('button', { hasText: 'Log in' }).waitFor({ timeout: 60_000 });
    expect(await account.textContent()).toContain('viewing only');
    const newSession = page.locator('button', { hasText: 'New session' });
    expect(await newSession.isDisabled()).toBe(true);
    expect(await newSession.getAttribute('title')).toBe('Needs the planner role: log in as a planner');

    await account.locator('button').click();
    const dialog = page.locator('[data-testid=login-dialog]');
    await dialog.locator('input[name=username]').fill('paul');
    await dialog.locator('input[name=password]').fill('not the password');
    await dialog.locator('button[type=submit]').click();
    await page.locator('[data-testid=login-refusal]', { hasText: 'Wrong name or password.' }).waitFor();

    await dialog.locator('input[name=password]').fill(PASSWORD);
    await Promise.all([page.waitForEvent('load'), dialog.locator('button[type=submit]').click()]);
    await page.locator('[data-testid=account] strong', { hasText: 'paul' }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'New session' && !b.disabled), undefined, { timeout: 60_000 });
    // The cookie is httpOnly: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.close();
  });
});
