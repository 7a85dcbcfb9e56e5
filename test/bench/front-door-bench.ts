/**
 * The front door, measured: how big the built client is (raw, gzip, brotli; the first
 * screen's files apart from the pages loaded later), how long the server takes to warm
 * the public plant at boot, and how long a browser takes from opening the address to
 * positive output on the page (window.__twin.kpis).
 *
 *   npx tsx test/bench/front-door-bench.ts      (the client is built first if dist/client is missing)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { CHROMIUM, ensureClientBuilt, ROOT } from '../e2e/harness.ts';
import { e2eSuite } from '../e2e/suite.ts';

const DIST = join(ROOT, 'dist', 'client');

interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  /** Loaded by index.html for the first screen (script, preload or stylesheet). */
  first: boolean;
}

export interface FrontDoorResult {
  files: FileSize[];
  /** Server start to the public plant running (warm), ms, as the client would see it via /api/health. */
  bootToWarmMs: number | null;
  /** The server's own measure of the warm-up (its log: warmWallS). */
  warmWallS: number | null;
  /** Opening the URL to positive cells/day and GWh/yr on the page, ms, per try (fresh browser context each). */
  toFirstOutputMs: number[];
}

function bundleSizes(): FileSize[] {
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const assets = readdirSync(join(DIST, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  return assets
    .map((file) => {
      const body = readFileSync(join(DIST, 'assets', file));
      return { file, raw: body.length, gzip: gzipSync(body, { level: 6 }).length, brotli: brotliCompressSync(body).length, first: index.includes(`/assets/${file}`) };
    })
    .sort((a, b) => Number(b.first) - Number(a.first) || b.raw - a.raw);
}

export async function runFrontDoorBench(tries = 3): Promise<FrontDoorResult | null> {
  ensureClientBuilt();
  const files = bundleSizes();
  if (!existsSync(CHROMIUM)) return { files, bootToWarmMs: null, warmWallS: null, toFirstOutputMs: [] };
  // The e2e files' own set-up (temp data dir, server, chromium), run by hand: this is a script, not a test.
  const env = e2eSuite({ name: 'bench front door', serverEnv: { PUBLIC_WARMUP: '30d' } });
  const t0 = Date.now();
  try {
    await env.start();
    const server = env.server;
    let bootToWarmMs: number | null = null;
    while (Date.now() - t0 < 120_000) {
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { publicPlant?: { status: string } };
      if (health.publicPlant?.status === 'running') {
        bootToWarmMs = Date.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // The server's log line can be read a moment after /api/health reports the plant running.
    const findWarmLog = () => server.logs.find((l) => l.msg === 'public session running');
    for (const end = Date.now() + 5_000; bootToWarmMs !== null && findWarmLog() === undefined && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
    const warmLog = findWarmLog();
    const toFirstOutputMs: number[] = [];
    for (let i = 0; i < tries; i++) {
      const ctx = await env.contextFor('from-address', 1600, { height: 900 });
      const page = await ctx.newPage();
      const start = Date.now();
      await page.goto(server.url);
      await page.waitForFunction(
        () => {
          const k = (window as unknown as { __twin?: { kpis: { cellsPerDay: number | null; gwhPerYear: number | null } } }).__twin?.kpis;
          return k !== undefined && (k.cellsPerDay ?? 0) > 0 && (k.gwhPerYear ?? 0) > 0;
        },
        undefined,
        { timeout: 120_000, polling: 50 },
      );
      toFirstOutputMs.push(Date.now() - start);
      await ctx.close();
    }
    return { files, bootToWarmMs, warmWallS: typeof warmLog?.warmWallS === 'number' ? warmLog.warmWallS : null, toFirstOutputMs };
  } finally {
    await env.stop();
  }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function printFrontDoorBench(r: FrontDoorResult | null): void {
  if (r === null) return;
  console.log('front door: built client (dist/client/assets)');
  for (const f of r.files) console.log(`  ${f.first ? 'first screen' : 'later      '}  ${f.file.padEnd(40)} ${kib(f.raw).padStart(11)} raw ${kib(f.gzip).padStart(10)} gzip ${kib(f.brotli).padStart(10)} brotli`);
  const sum = (first: boolean, key: 'raw' | 'gzip' | 'brotli') => r.files.filter((f) => f.first === first).reduce((a, f) => a + f[key], 0);
  console.log(`  first screen total: ${kib(sum(true, 'raw'))} raw, ${kib(sum(true, 'gzip'))} gzip, ${kib(sum(true, 'brotli'))} brotli; loaded later: ${kib(sum(false, 'raw'))} raw`);
  if (r.toFirstOutputMs.length === 0) {
    console.log(`  time to first plant: SKIPPED (${CHROMIUM} not found)`);
    return;
  }
  console.log(`  server start → public plant warm (30 simulated days): ${r.bootToWarmMs ?? '—'} ms (warm-up in the worker, server log: ${r.warmWallS ?? '—'} s)`);
  const sorted = [...r.toFirstOutputMs].sort((a, b) => a - b);
  console.log(`  opening the URL → positive output on the page (headless chromium, software WebGL): median ${sorted[Math.floor(sorted.length / 2)]} ms of ${sorted.join(', ')} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) printFrontDoorBench(await runFrontDoorBench());
