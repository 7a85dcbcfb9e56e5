import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { TwinServer } from '../../server/api/twin-server.ts';
import { MODELS_DIR } from '../../server/files/model-files.ts';
import { startRedis, stopProcess, waitForLine } from '../experiments/redis-harness.ts';
import type { LiveClient } from './live-client.ts';

/**
 * A service of two processes for a test file that kills one of them without cleanup: Redis,
 * a temporary directory, one process as a child (a script beside this file that prints its
 * `{"url": …}` line, so it can be SIGKILLed), the in-process server the test starts, and the
 * clients it opens. After the file's tests all are stopped and the directory is removed.
 */
export function useKillableService(dirPrefix: string, opts: { demoCatalog?: boolean } = {}) {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  let child: ChildProcess | undefined;
  const clients: LiveClient[] = [];
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  if (opts.demoCatalog === true) {
    // A catalog of the demo line alone, so a public plant is the small model.
    mkdirSync(join(dir, 'models'));
    copyFileSync(join(MODELS_DIR, 'demo-line.json'), join(dir, 'models', 'demo-line.json'));
  }
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    if (child !== undefined) await stopProcess(child, 'SIGKILL');
    await service.server?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const service = {
    dir,
    /** The in-process server of the service, once the test has started it (closed after the tests). */
    server: undefined as TwinServer | undefined,
    get redisUrl(): string {
      return redis!.url;
    },
    /** Starts `script` (in test/live) as a process of the service; resolves with the JSON line it prints. */
    async spawnChild<T extends { url: string }>(script: string, args: string[]): Promise<T> {
      child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      return JSON.parse(await waitForLine(child, /^\{"url"/, 60_000)) as T;
    },
    /** SIGKILLs the child process: it dies without telling anyone. */
    async killChild(): Promise<void> {
      if (child !== undefined) await stopProcess(child, 'SIGKILL');
      child = undefined;
    },
    /** Stops Redis itself (a test of the service without it); stopping again after the tests is harmless. */
    async stopRedis(): Promise<void> {
      await redis?.stop();
    },
    /** Connects `c`; it is closed after the file's tests. */
    async connect<C extends LiveClient>(c: C): Promise<C> {
      clients.push(c);
      await c.connected();
      return c;
    },
  };
  return service;
}
