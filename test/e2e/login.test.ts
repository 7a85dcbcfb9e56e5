import { expect, it } from 'vitest';
import { e2eSuite, type Account } from './suite.ts';

/**
 * The server on the network (HOST=0.0.0.0) with one planner account: an anonymous visitor
 * sees "viewing only" and a disabled New session, logs in through the dialog (a wrong
 * password is answered in the page's language), and is then the planner, with New session enabled.
 */
const PAUL: Account = { name: 'paul', roles: ['planner'], password: 'correct horse battery' };
const e2e = e2eSuite({ name: 'e2e login', accounts: [PAUL], serverEnv: { HOST: '0.0.0.0' } });

e2e.describe('browser end-to-end: logging in', () => {
  it('logs in from the top bar; roles change what the page offers', async () => {
    // The language comes from the address here: ?lang=ru, then ?lang=en.
    const page = await (await e2e.contextFor('from-address', 1400, { height: 900 })).newPage();
    const base = e2e.url.replace('0.0.0.0', '127.0.0.1');
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
    await dialog.locator('input[name=username]').fill(PAUL.name);
    await dialog.locator('input[name=password]').fill('not the password');
    await dialog.locator('button[type=submit]').click();
    await page.locator('[data-testid=login-refusal]', { hasText: 'Wrong name or password.' }).waitFor();

    await dialog.locator('input[name=password]').fill(PAUL.password);
    await Promise.all([page.waitForEvent('load'), dialog.locator('button[type=submit]').click()]);
    await page.locator('[data-testid=account] strong', { hasText: PAUL.name }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'New session' && !b.disabled), undefined, { timeout: 60_000 });
    // The cookie is httpOnly: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.context().close();
  });
});
