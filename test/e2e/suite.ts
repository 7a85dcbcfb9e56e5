import { afterAll, beforeAll, describe, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { AccountRole } from '../../server/protocol/access.ts';
import type { Model } from '../../server/protocol/model.ts';
import { UserStore } from '../../server/store/users.ts';
import { browserGate, ensureClientBuilt, launchBrowser, resultsDir, startServer, stopServer, type ServerProcess } from './harness.ts';

/**
 * The one set-up of the end-to-end files: a temp data dir (with its own user scenarios),
 * the accounts written before the server starts, the real server process, chromium, browser
 * contexts per language and width (logged in or not), screenshots by name, and all of it torn
 * down after the file. A file declares what differs and writes only its steps:
 *
 *   const e2e = e2eSuite({ name: 'e2e cancel', accounts: [PLANNER] });
 *   e2e.describe('browser end-to-end: cancelling', () => { it(..., async () => { const page = await e2e.open('/#/experiments', 'en', 1600, { as: PLANNER }); }) });
 */

export interface Account {
  name: string;
  roles: readonly AccountRole[];
  password: string;
}

/** The language a context starts in: stored as the app's saved choice, or none so the page picks it (?lang, the browser). */
export type ContextLocale = 'en' | 'ru' | 'from-address';

export interface ContextOptions {
  /** Logged in through /api/auth/login as this account before any page opens; anonymous by default. */
  as?: Account | 'anonymous';
  /** Viewport height; by default a phone's 844 px below 500 px of width, a tablet's 1180 px below 1000, else 1000 px. */
  height?: number;
  /** A touch device that reports itself mobile (phones and tablets as their browsers are). */
  mobile?: boolean;
}

export interface E2eOptions {
  /** Names the skip notice and the temp dir. */
  name: string;
  accounts?: readonly Account[];
  /** More environment for the server process (startServer's defaults stay unless overridden). */
  serverEnv?: Record<string, string>;
  /** A model id fetched from /api/models once the server listens, as `e2e.model`. */
  model?: string;
  /** Writes into the data dir before the server starts (user scenarios, stored history). */
  prepare?: (dir: string) => void | Promise<void>;
  /** false: the server alone, no client build, no chromium and no browser gate. */
  browser?: boolean;
  /** How the server is stopped after the file (SIGTERM waits for a graceful stop). */
  stopSignal?: NodeJS.Signals;
}

export interface E2eSuite {
  /** `describe`, skipped by the browser gate, with the set-up before its tests and the tear-down after. */
  describe(title: string, body: () => void): void;
  readonly server: ServerProcess;
  readonly url: string;
  readonly browser: Browser;
  readonly dir: string;
  readonly model: Model;
  contextFor(locale: ContextLocale, width: number, options?: ContextOptions): Promise<BrowserContext>;
  /** A page in a new context of its own, opened at `path` (after the server's address). */
  open(path: string, locale: ContextLocale, width: number, options?: ContextOptions): Promise<Page>;
  login(context: BrowserContext, account: Account): Promise<void>;
  /** A screenshot into test-results/<name>.png; a locator shoots just that element. */
  shot(target: Page | Locator, name: string, options?: { fullPage?: boolean }): Promise<Buffer>;
  /** GET of a JSON document from the server; a failure status throws with the body. */
  get<T>(path: string): Promise<T>;
  /** POST of a JSON body to the server, asserting the answer's status; the answer's JSON. */
  post<T>(path: string, body: unknown, status: number): Promise<T>;
  /** Starts the server again over the same data and environment (after the test stopped or killed it). */
  restart(port?: number): Promise<ServerProcess>;
  /** The set-up `describe` runs before its tests, for a script outside vitest (a benchmark) to run by hand. */
  start(): Promise<void>;
  /** The tear-down `describe` runs after its tests: contexts, browser, server and data dir. */
  stop(): Promise<void>;
}

/** The harness's own budgets: starting a server and a browser on a loaded 2-core machine, and a graceful stop (up to 45 s). */
const SET_UP_MS = 120_000;
const TEAR_DOWN_MS = 90_000;

/** The viewport height of a device of this width: a phone's, a tablet's (portrait) or a desktop's. */
export function defaultHeight(width: number): number {
  if (width < 500) return 844;
  return width < 1000 ? 1180 : 1000;
}

export function e2eSuite(options: E2eOptions): E2eSuite {
  const withBrowser = options.browser !== false;
  const skip = withBrowser && browserGate(options.name).skip;
  const contexts: BrowserContext[] = [];
  let dir: string | undefined;
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let model: Model | undefined;

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${options.name}: no ${what} yet (used outside the suite's tests?)`);
    return value;
  };
  // Each file saves its scenarios in its own data dir, never in the checkout's data/scenarios.
  const env = () => ({ USER_SCENARIOS_DIR: join(started(dir, 'data dir'), 'scenarios'), ...options.serverEnv });

  async function setUp(): Promise<void> {
    if (withBrowser) ensureClientBuilt();
    dir = mkdtempSync(join(tmpdir(), `twin-${options.name.replace(/[^a-z0-9]+/gi, '-')}-`));
    if (options.accounts?.length) {
      const users = new UserStore(join(dir, 'twin.db'));
      for (const a of options.accounts) await users.add(a.name, a.roles, a.password);
      users.close();
    }
    await options.prepare?.(dir);
    server = await startServer(dir, 0, env());
    if (withBrowser) browser = await launchBrowser();
    if (options.model) model = await suite.get<Model>(`/api/models/${options.model}`);
  }

  async function tearDown(): Promise<void> {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stopServer(server, options.stopSignal);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  const suite: E2eSuite = {
    describe(title, body) {
      describe.skipIf(skip)(title, () => {
        beforeAll(setUp, SET_UP_MS);
        afterAll(tearDown, TEAR_DOWN_MS);
        body();
      });
    },
    get server() {
      return started(server, 'server');
    },
    get url() {
      return started(server, 'server').url;
    },
    get browser() {
      return started(browser, 'browser');
    },
    get dir() {
      return started(dir, 'data dir');
    },
    get model() {
      return started(model, `model (give e2eSuite a model id)`);
    },
    async contextFor(locale, width, { as = 'anonymous', height = defaultHeight(width), mobile = false } = {}) {
      const ctx = await suite.browser.newContext({ viewport: { width, height }, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1, acceptDownloads: true });
      contexts.push(ctx);
      // Set before the app reads its saved locale (the app defaults to Russian).
      if (locale !== 'from-address') await ctx.addInitScript((l) => localStorage.setItem('twin.locale', l), locale);
      if (as !== 'anonymous') await suite.login(ctx, as);
      return ctx;
    },
    async open(path, locale, width, contextOptions) {
      const page = await (await suite.contextFor(locale, width, contextOptions)).newPage();
      await page.goto(`${suite.url}${path}`);
      return page;
    },
    async login(ctx, account) {
      const res = await ctx.request.post(`${suite.url}/api/auth/login`, { data: { name: account.name, password: account.password } });
      expect(res.status(), `logging in as ${account.name}`).toBe(200);
    },
    shot(target, name, { fullPage = false } = {}) {
      const path = join(resultsDir(), `${name}.png`);
      // A page can shoot beyond its viewport; an element is shot as it is.
      return 'goto' in target ? target.screenshot({ path, fullPage }) : target.screenshot({ path });
    },
    async get<T>(path: string) {
      const res = await fetch(`${suite.url}${path}`);
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async post<T>(path: string, body: unknown, status: number) {
      const res = await fetch(`${suite.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      expect(res.status, `POST ${path} answered ${text.slice(0, 500)}`).toBe(status);
      return JSON.parse(text) as T;
    },
    async restart(port = 0) {
      server = await startServer(suite.dir, port, env());
      return server;
    },
    start: setUp,
    stop: tearDown,
  };
  return suite;
}
