import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { LiveClient } from './live-client.ts';

type ServerOptions = Omit<Parameters<typeof startTwinServer>[0], 'port' | 'host' | 'dbPath'>;

/** A real server on an ephemeral loopback port with a throw-away database, for one test file. */
export interface LiveTestServer {
  readonly server: TwinServer;
  /** Connects a client (closed after the file) and waits until it is connected. */
  client(auth?: Record<string, unknown>): Promise<LiveClient>;
  /** Registers a client made elsewhere so it is closed after the file. */
  track<C extends LiveClient>(c: C): C;
}

/**
 * Starts the server in beforeAll and stops it, its clients and its database
 * folder in afterAll. Experiment threads are off: these tests exercise sessions.
 */
export function useLiveTestServer(options: ServerOptions = {}): LiveTestServer {
  let server: TwinServer | undefined;
  let dir = '';
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'twin-test-'));
    server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), experimentThreads: 0, ...options });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const handle: LiveTestServer = {
    get server() {
      if (server === undefined) throw new Error('the test server is not started yet (use it inside tests or hooks)');
      return server;
    },
    track(c) {
      clients.push(c);
      return c;
    },
    async client(auth) {
      const c = handle.track(new LiveClient(handle.server.url, auth));
      await c.connected();
      return c;
    },
  };
  return handle;
}
