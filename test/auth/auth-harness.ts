import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { startTwinServer, type TwinServer, type TwinServerOptions } from '../../server/api/twin-server.ts';
import { UserStore } from '../../server/store/users.ts';
import type { AccountRole } from '../../server/protocol/access.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/messages.ts';

export const PASSWORD = 'correct horse battery';

/** The accounts every auth test server has (added before it starts, as the CLI would). */
export const ACCOUNTS: Record<string, AccountRole[]> = { vera: ['viewer'], paul: ['planner'], ines: ['instructor'] };

export interface AuthTestServer {
  readonly server: TwinServer;
  readonly dir: string;
  /** Logs in and returns the `name=value` cookie pair for the Cookie header. */
  login(name: string): Promise<string>;
}

/** A server in a throw-away folder; `accounts` are added to its database first. */
export function useAuthServer(options: Partial<TwinServerOptions>, accounts: Record<string, AccountRole[]> = ACCOUNTS): AuthTestServer {
  let server: TwinServer | undefined;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'twin-auth-'));
    const users = new UserStore(join(dir, 'twin.db'));
    for (const [name, roles] of Object.entries(accounts)) await users.add(name, roles, PASSWORD);
    users.close();
    server = await startTwinServer({ port: 0, dbPath: join(dir, 'twin.db'), experimentThreads: 0, publicSession: false, clientDir: join(dir, 'no-client'), ...options });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const handle: AuthTestServer = {
    get server() {
      if (server === undefined) throw new Error('the auth test server is not started yet');
      return server;
    },
    get dir() {
      return dir;
    },
    async login(name) {
      const res = await fetch(`${handle.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
      return res.headers.get('set-cookie')!.split(';')[0];
    },
  };
  return handle;
}

export interface RawAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * POSTs with a declared body of `declaredBytes` but sends only the first 64 KiB and never
 * ends the request: an answer can only come from a check made before the body is read.
 * 900 KiB is under the 1 MB body limit, so a body parser placed first would wait for the
 * rest (the test times out) instead of answering 413 from the Content-Length alone.
 */
export function postNeverEnding(url: string, path: string, headers: Record<string, string> = {}, declaredBytes = 900 * 1024): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(declaredBytes), ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        req.destroy();
      });
    });
    req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
    req.write(`{"model":"demo-line","pad":"${'x'.repeat(64 * 1024)}`);
  });
}

/** A Socket.IO client with the given Cookie/Origin headers; resolves once connected, rejects with the connect error. */
export function connectSocket(url: string, headers: Record<string, string> = {}, transport: 'websocket' | 'polling' = 'websocket'): Promise<Socket> {
  const socket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: [transport], reconnection: false, forceNew: true, extraHeaders: headers });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

type CmdReply = { ok: true; result: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };
export const cmd = (socket: Socket, command: unknown, event = 'cmd') => socket.timeout(10_000).emitWithAck(event, command) as Promise<CmdReply>;
