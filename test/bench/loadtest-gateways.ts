/**
 * The server side of `npm run loadtest`: one server process listening directly, or
 * (`--gateways N`) N server processes behind the shipped nginx config (deploy/nginx.conf)
 * on one address, joined through a throw-away Redis when N > 1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { compiledServer } from './compiled-server.ts';
import { freePort, hasRedisServer, startRedis, stopProcess } from '../experiments/redis-harness.ts';

const NGINX_CONF = fileURLToPath(new URL('../../deploy/nginx.conf', import.meta.url));

export interface Gateways {
  /** Where viewers connect: the proxy, or the one server. */
  url: string;
  /** Each server process and its own address (for /api/health). */
  servers: { proc: ChildProcess; url: string }[];
  /** The proxy process (null without --gateways). */
  proxyPid: number | null;
  stop(): Promise<void>;
}

/** Starts `count` servers (0 = one server and no proxy: the plain setup) in `dir`. */
export async function startGateways(count: number, dir: string, env: Record<string, string>): Promise<Gateways> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    let redisUrl: string | undefined;
    if (count > 1) {
      if (!hasRedisServer()) throw new Error('--gateways > 1 needs redis-server (apt-get install redis-server)');
      const redis = await startRedis();
      stops.push(redis.stop);
      redisUrl = redis.url;
    }
    const servers: Gateways['servers'] = [];
    // The production server, as `npm start` runs it: loading it under tsx would measure slower code.
    const main = join(compiledServer(), 'main.js');
    for (let i = 0; i < Math.max(1, count); i++) {
      const port = count === 0 ? 0 : await freePort();
      const proc = spawn(process.execPath, ['--enable-source-maps', main], {
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DB_PATH: join(dir, `twin-${i}.db`), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      stops.push(() => stopProcess(proc));
      // One after the other: the first takes the public plant (the others relay it).
      servers.push({ proc, url: await listeningUrl(proc) });
    }
    if (count === 0) return { url: servers[0].url, servers, proxyPid: null, stop };
    const proxy = await startNginx(servers.map((s) => new URL(s.url).port), dir);
    stops.push(() => stopProcess(proxy.proc));
    return { url: proxy.url, servers, proxyPid: proxy.proc.pid!, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The shipped config with this machine's upstreams and a free port; nginx in the foreground. */
async function startNginx(ports: string[], dir: string): Promise<{ proc: ChildProcess; url: string }> {
  if (spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status !== 0) throw new Error('--gateways needs nginx (apt-get install nginx-light)');
  const port = await freePort();
  const shipped = readFileSync(NGINX_CONF, 'utf8');
  const conf = shipped
    .replace(/^\s*server twin:3000;$/m, ports.map((p) => `    server 127.0.0.1:${p};`).join('\n'))
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`);
  if (conf === shipped || !conf.includes(`listen 127.0.0.1:${port}`)) throw new Error(`${NGINX_CONF}: the upstream or listen line the loadtest replaces has changed`);
  const prefix = join(dir, 'nginx');
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  const proc = spawn('nginx', ['-p', prefix, '-c', 'nginx.conf', '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode})`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { proc, url };
  }
  proc.kill('SIGKILL');
  throw new Error('nginx did not answer within 10 s');
}

/** The port (PORT=0 lets the OS choose) comes from the server's "listening" log line. */
function listeningUrl(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60_000);
    proc.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: { msg?: string; url?: string } = {};
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return; // not a log line
      }
      if (entry.msg === 'listening') {
        clearTimeout(timer);
        resolve(entry.url!);
      }
    });
  });
}
