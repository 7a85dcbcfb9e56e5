import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startTwinServer, type TwinServer, type TwinServerOptions } from '../../server/api/twin-server.ts';
import { startRedis } from '../experiments/redis-harness.ts';
import type { LiveClient } from './live-client.ts';

/**
 * Two servers that share nothing but one throw-away Redis: separate HTTP ports, Socket.IO
 * servers, session managers, worker threads and databases (in one test process, which only
 * saves start-up time: they talk to each other through Redis alone). Started before the
 * calling file's tests and closed after them, with every client `client` opened.
 */
export function useTwoServers<C extends LiveClient>(open: (url: string) => C, options: Partial<TwinServerOptions> = {}) {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  let a: TwinServer | undefined;
  let b: TwinServer | undefined;
  const dirs: string[] = [];
  const clients: C[] = [];
  const start = () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-cluster-'));
    dirs.push(dir);
    return startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), experimentThreads: 0, publicSession: false, ...options, redisUrl: redis!.url });
  };

  beforeAll(async () => {
    redis = await startRedis();
    a = await start();
    b = await start();
  }, 90_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  return {
    /** The first server (where the tests start their sessions). */
    get a(): TwinServer {
      return a!;
    },
    get b(): TwinServer {
      return b!;
    },
    /** A connected client of `server`, closed after the file's tests. */
    async client(server: TwinServer): Promise<C> {
      const c = open(server.url);
      clients.push(c);
      await c.connected();
      return c;
    },
  };
}
