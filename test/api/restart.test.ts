import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The real entry point, as `npm start` runs it (minus the client build), against a temporary database. */
const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
let dir: string;
const children: ChildProcess[] = [];

interface Started {
  proc: ChildProcess;
  url: string;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

async function startMain(): Promise<Started> {
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DB_PATH: join(dir, 'twin.db'), LOG_LEVEL: 'info', PUBLIC_SPEED: '100', PUBLIC_WARMUP: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(proc);
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  let listening: string | null = null;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      // The server listens first and starts the public plant after (main.ts); these tests need both.
      if (entry.msg === 'listening') listening = entry.url as string;
      if (entry.msg === 'public session running' && listening !== null) {
        clearTimeout(timer);
        resolve(listening);
      }
    });
    proc.on('exit', () => reject(new Error('server exited during startup')));
  });
  return { proc, url, logs, exited };
}

async function runs(url: string): Promise<{ id: string; kind: string; status: string }[]> {
  return ((await (await fetch(`${url}/api/runs`)).json()) as { runs: { id: string; kind: string; status: string }[] }).runs;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twin-restart-'));
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('restarts', () => {
  it('keep the history; SIGTERM stops sessions cleanly, a crash leaves them interrupted', async () => {
    const a = await startMain();
    const publicA = (await (await fetch(`${a.url}/api/sessions`)).json()) as { sessions: { id: string }[] };
    const sessionA = publicA.sessions[0].id;
    const run = await fetch(`${a.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'demo-line', horizonS: 3600 }) });
    const runId = ((await run.json()) as { runId: string }).runId;
    a.proc.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(a.logs.some((l) => l.msg === 'session ended' && l.session === sessionA)).toBe(true);

    const b = await startMain();
    const afterTerm = await runs(b.url);
    // SIGTERM stops the run pool first: the run finished if it was quick enough, else it is recorded as interrupted.
    expect(afterTerm.find((r) => r.id === runId)).toMatchObject({ kind: 'batch', status: expect.stringMatching(/^(finished|interrupted)$/) });
    expect(afterTerm.find((r) => r.id === sessionA)).toMatchObject({ kind: 'session', status: 'stopped' });
    const sessionB = ((await (await fetch(`${b.url}/api/sessions`)).json()) as { sessions: { id: string }[] }).sessions[0].id;
    b.proc.kill('SIGKILL'); // a crash: nothing gets written
    await b.exited;

    const c = await startMain();
    const afterCrash = await runs(c.url);
    expect(afterCrash.find((r) => r.id === sessionB)).toMatchObject({ kind: 'session', status: 'interrupted' });
    expect(afterCrash.find((r) => r.id === runId)?.status).toBe('finished');
    expect(c.logs.some((l) => l.count === 1 && String(l.msg).includes('interrupted'))).toBe(true);
    c.proc.kill('SIGTERM');
    expect(await c.exited).toBe(0);
  });
});
