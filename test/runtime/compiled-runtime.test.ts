import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, startServer, stopServer, waitFor, type ServerProcess } from '../e2e/harness.ts';

/**
 * `npm start` runs the server compiled by tsc (tsconfig.build.json), not tsx: the
 * compiled main, its session worker thread and its batch-run pool must all load
 * JavaScript, and nothing compiled may need tsx except behind the TypeScript-only branch
 * of server/files/worker-entry.ts. Compiled into a folder of its own under dist/ so the
 * project root (the nearest package.json) is found as in production.
 */
const OUT = join(ROOT, 'dist', `runtime-test-${process.pid}`);
let dir: string;
let server: ServerProcess | undefined;

function jsFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => join(folder, f));
}

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed:\n${r.stdout}${r.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'twin-runtime-'));
});

afterAll(async () => {
  await stopServer(server);
  rmSync(OUT, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('compiled production runtime', () => {
  it('imports no TypeScript source and names tsx only in the worker-entry helper', () => {
    const files = jsFiles(OUT);
    expect(files.length).toBeGreaterThan(50);
    const importsTs = files.filter((f) => /from ["']\.{1,2}\/[^"']*\.ts["']/.test(readFileSync(f, 'utf8')));
    expect(importsTs.map((f) => relative(OUT, f))).toEqual([]);
    const namesTsx = files.filter((f) => /['"]tsx(\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8')));
    expect(namesTsx.map((f) => relative(OUT, f))).toEqual([join('files', 'worker-entry.js')]);
  });

  it('serves the live plant from a compiled worker thread and runs a batch on the compiled pool', async () => {
    server = await startServer(dir, 0, { PUBLIC_SPEED: '600' }, [join(OUT, 'main.js')]);
    const sessions = async () => ((await (await fetch(`${server!.url}/api/sessions`)).json()) as { sessions: { public: boolean; simTimeS: number }[] }).sessions;
    // The public plant's clock only moves if its (compiled) worker thread loaded and runs.
    await waitFor(async () => ((await sessions()).find((s) => s.public)?.simTimeS ?? 0) > 0, 'the public plant to run', 60_000);

    const res = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'demo-line', horizonS: 8 * 3600, replications: 1, seed: 1, wait: true }),
    });
    const body = (await res.json()) as { nodes?: Record<string, { completed: number }> };
    expect(res.status, JSON.stringify(body)).toBe(201);
    // A source that released parts proves the (compiled) pool thread simulated the run.
    expect(body.nodes?.kits?.completed ?? 0).toBeGreaterThan(0);
  });
});
