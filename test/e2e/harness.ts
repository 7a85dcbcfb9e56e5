import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Shared pieces of the end-to-end tests: the real server as `npm start` runs it (a child
 * process, so SIGKILL/SIGTERM are real), Debian's chromium, and waits on app state.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS = join(ROOT, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';
const MAIN = join(ROOT, 'server', 'main.ts');

/** A missing browser skips the tests with a visible notice locally, and fails them in CI. */
export function browserGate(suite: string): { skip: boolean } {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.CI !== 'true') {
    console.warn(`[${suite}] SKIPPED: ${CHROMIUM} not found (apt-get install chromium); with CI=true this fails instead`);
  }
  return { skip: !present && process.env.CI !== 'true' };
}

/** The built client; built once here if absent (CI builds it before the tests). */
export function ensureClientBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'client', 'index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not build the client (npm run build:client)');
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  // launch() gives every browser a fresh temporary profile, removed on close; each
  // newContext() inside it has its own storage, so owner and viewer tabs stay apart.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--headless=new', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  port: number;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/**
 * Starts server/main.ts (or the given node arguments, e.g. a compiled main.js) on `port`
 * (0 = any) against the database in `dir`; resolves once it listens.
 */
export async function startServer(dir: string, port = 0, env: Record<string, string> = {}, nodeArgs = ['--import', 'tsx', MAIN]): Promise<ServerProcess> {
  const proc = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_PATH: join(dir, 'twin.db'), LOG_LEVEL: 'info', PUBLIC_SPEED: '60',
      // A browser and a second test file share the 2 cores: give a graceful stop more than the 10 s default.
      SHUTDOWN_TIMEOUT_MS: '40000',
      // The public plant starts empty unless a test asks for the warm start npm start gives (front-door.test.ts).
      PUBLIC_WARMUP: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not a log line
      }
      logs.push(entry);
      if (entry.msg === 'listening') {
        clearTimeout(timer);
        resolve(entry.url as string);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited during startup (code ${code})`));
    });
  });
  return { proc, url, port: Number(new URL(url).port), logs, exited };
}

/** Stops a server process by its own pid; SIGKILL if SIGTERM did not end it in 15 s. */
export async function stopServer(s: ServerProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (!s || s.proc.exitCode !== null || s.proc.signalCode !== null) return s?.proc.exitCode ?? null;
  s.proc.kill(signal);
  const timer = setTimeout(() => s.proc.kill('SIGKILL'), 45_000);
  const code = await s.exited;
  clearTimeout(timer);
  return code;
}

export function resultsDir(): string {
  mkdirSync(RESULTS, { recursive: true });
  return RESULTS;
}

/** What window.__twin shows (see client/src/test-hook.ts). */
export interface TwinView {
  counts: Record<string, number>;
  simTime: number;
  frame: number;
  connection: string;
  sessionId: string | null;
  role: string | null;
  renderedFrames: number;
  errors: string[];
}

export function twin(page: Page): Promise<TwinView> {
  return page.evaluate(() => {
    const t = (window as unknown as { __twin: TwinView }).__twin;
    return { counts: t.counts, simTime: t.simTime, frame: t.frame, connection: t.connection, sessionId: t.sessionId, role: t.role, renderedFrames: t.renderedFrames, errors: t.errors };
  });
}

/**
 * Polls the app state until `predicate` holds. Waits on state, never on fixed sleeps, so a
 * slow shared machine only makes the test slower; the message says what was last seen.
 */
export async function waitTwin(page: Page, predicate: (t: TwinView) => boolean, what: string, timeoutMs = 60_000): Promise<TwinView> {
  const end = Date.now() + timeoutMs;
  let last: TwinView | undefined;
  while (Date.now() < end) {
    last = await twin(page);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last __twin: ${JSON.stringify(last)}`);
}

/** Waits until the page's live socket is connected (`who` names the page in the timeout's message). */
export const connected = (page: Page, who = 'the socket'): Promise<TwinView> => waitTwin(page, (t) => t.connection === 'connected', `${who} to connect`);

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined && v !== null && v !== false) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface PixelStats {
  /** Share of pixels that differ clearly from the background colour. */
  drawn: number;
  /** Distinct colours, quantised to 4 bits per channel. */
  colours: number;
  /** RGB at the probe point, if one was given. */
  probe: [number, number, number] | null;
}

/**
 * Decodes a PNG screenshot in the page itself (the browser has a PNG decoder; Node has
 * none without extra packages) and summarises it.
 */
export async function pixelStats(page: Page, png: Buffer, background: [number, number, number], probe?: { x: number; y: number }): Promise<PixelStats> {
  return page.evaluate(
    async ({ b64, bg, probe }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let drawn = 0;
      const colours = new Set<number>();
      for (let i = 0; i < d.length; i += 4) {
        if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 30) drawn++;
        colours.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
      }
      let at: [number, number, number] | null = null;
      if (probe) {
        const j = (Math.round(probe.y) * c.width + Math.round(probe.x)) * 4;
        at = [d[j], d[j + 1], d[j + 2]];
      }
      return { drawn: drawn / (d.length / 4), colours: colours.size, probe: at };
    },
    { b64: png.toString('base64'), bg: background, probe },
  );
}
