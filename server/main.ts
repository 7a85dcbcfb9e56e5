import { pino } from 'pino';
import { startTwinServer } from './api/twin-server.ts';
import { defaultDbPath } from './store/history-store.ts';
import { defaultUsersDbPath } from './store/users.ts';
import { MAX_SPEED, MIN_SPEED, type Speed } from './protocol/messages.ts';
import { parseDuration } from './protocol/duration.ts';
import { DEFAULT_ADDRESS_LIMITS } from './live/address-budgets.ts';
import type { AccountRole } from './protocol/access.ts';
import { parseRoleList } from './protocol/accounts.ts';
import { isLoopbackHost } from './api/access-policy.ts';
import type { OidcOptions } from './api/oidc-routes.ts';

/**
 * `npm start`: the REST API, the live Socket.IO server and the built client on
 * PORT (default 3000), with the default plant running in a public session.
 * SIGTERM/SIGINT stop every session, write the history and close the sockets.
 */
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    logger.fatal(`${name}: must be a number >= 0, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

/** A whole number >= `min` from the environment (counts a budget spends one at a time). */
function envWhole(name: string, fallback: number, min: number): number {
  const n = envNumber(name, fallback);
  if (!Number.isInteger(n) || n < min) {
    logger.fatal(`${name}: must be a whole number >= ${min}, got "${process.env[name]}"`);
    process.exit(2);
  }
  return n;
}

function envSpeed(): Speed {
  if (process.env.PUBLIC_SPEED === 'max') return 'max';
  const speed = envNumber('PUBLIC_SPEED', 60);
  if (speed < MIN_SPEED || speed > MAX_SPEED) {
    logger.fatal(`PUBLIC_SPEED: must be from ${MIN_SPEED} to ${MAX_SPEED} or "max", got "${process.env.PUBLIC_SPEED}"`);
    process.exit(2);
  }
  return speed;
}

/**
 * Warm start of the public plant: 30 simulated days from empty (about 1.5 s of engine
 * time on the default plant), so the first screen shows the plant in steady state:
 * the first cell needs ~17 days, and the 7-day headline window then spans days 23–30.
 */
function envWarmup(): number {
  const raw = process.env.PUBLIC_WARMUP ?? '30d';
  try {
    return parseDuration(raw);
  } catch (err) {
    logger.fatal(`PUBLIC_WARMUP: ${(err as Error).message}`);
    process.exit(2);
  }
}

/** TRUST_PROXY: how many proxies in front append to X-Forwarded-For ("true" = 1); unset = trust none. */
function envTrustProxy(): number {
  const raw = process.env.TRUST_PROXY;
  if (raw === 'true') return 1;
  if (raw === 'false') return 0;
  return Math.floor(envNumber('TRUST_PROXY', 0));
}

/** Roles of visitors who have not logged in, on the network or once accounts exist: `viewer` (default), a list, or `none`. */
function envAnonymousRoles(): AccountRole[] {
  const raw = process.env.ANONYMOUS_ROLES ?? 'viewer';
  if (raw.trim() === 'none') return [];
  try {
    return parseRoleList(raw, 'ANONYMOUS_ROLES');
  } catch (err) {
    logger.fatal(`${(err as Error).message}, or "none"`);
    process.exit(2);
  }
}

function envLoginTtl(): number {
  const raw = process.env.LOGIN_TTL ?? '12h';
  try {
    const s = parseDuration(raw);
    if (s <= 0) throw new Error('must be > 0');
    return s;
  } catch (err) {
    logger.fatal(`LOGIN_TTL: ${(err as Error).message}`);
    process.exit(2);
  }
}

/** Single sign-on, when OIDC_ISSUER is set: needs OIDC_CLIENT_ID; http only for a provider on this machine. */
function envOidc(): OidcOptions | undefined {
  const issuer = process.env.OIDC_ISSUER;
  if (issuer === undefined || issuer === '') return undefined;
  const fail = (message: string): never => {
    logger.fatal(message);
    process.exit(2);
  };
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return fail(`OIDC_ISSUER: not a URL: "${issuer}"`);
  }
  const local = isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) fail(`OIDC_ISSUER: must be https:// (http:// only for a provider on this machine), got "${issuer}"`);
  const clientId = process.env.OIDC_CLIENT_ID ?? fail('OIDC_CLIENT_ID: required with OIDC_ISSUER (the client id registered at the identity provider)');
  let defaultRoles: AccountRole[] = ['viewer'];
  try {
    defaultRoles = parseRoleList(process.env.OIDC_DEFAULT_ROLES ?? 'viewer', 'OIDC_DEFAULT_ROLES');
  } catch (err) {
    fail((err as Error).message);
  }
  return { issuer, clientId, clientSecret: process.env.OIDC_CLIENT_SECRET, rolesClaim: process.env.OIDC_ROLES_CLAIM, scopes: process.env.OIDC_SCOPES, defaultRoles, allowHttp: local };
}

/** SESSION_IDLE_TIMEOUT (default 10min): a session of any kind (plant, layout, training) with nobody inside stops after this long; the public plant never. */
function envIdleTimeoutMs(): number {
  const raw = process.env.SESSION_IDLE_TIMEOUT ?? '10min';
  try {
    const s = parseDuration(raw);
    if (s <= 0) throw new RangeError('must be > 0');
    return s * 1000;
  } catch (err) {
    logger.fatal(`SESSION_IDLE_TIMEOUT: ${(err as Error).message} (e.g. 10min, 90s, 1h)`);
    process.exit(2);
  }
}

const server = await startTwinServer({
  port: envNumber('PORT', 3000),
  host: process.env.HOST,
  dbPath: defaultDbPath(),
  usersDbPath: defaultUsersDbPath(),
  logger,
  frameHz: envNumber('FRAME_HZ', 20),
  // "max" runs the public plant as fast as the engine goes (the load benchmark uses it).
  publicSpeed: envSpeed(),
  publicWarmupS: envWarmup(),
  // Listen at once: /api/health and the page answer while the public plant warms up.
  awaitPublic: false,
  maxSessions: envNumber('MAX_SESSIONS', 8),
  idleStopMs: envIdleTimeoutMs(),
  // Also the origins (besides the page's own) whose pages may write and open live connections.
  corsOrigin: process.env.CORS_ORIGIN?.split(','),
  limits: {
    connectionsPerAddress: envNumber('MAX_CONNECTIONS_PER_ADDRESS', DEFAULT_ADDRESS_LIMITS.connectionsPerAddress),
    newConnectionsPerSecond: envWhole('NEW_CONNECTIONS_PER_ADDRESS_PER_S', DEFAULT_ADDRESS_LIMITS.newConnectionsPerSecond, 1),
    newConnectionsBurst: envWhole('NEW_CONNECTIONS_BURST_PER_ADDRESS', DEFAULT_ADDRESS_LIMITS.newConnectionsBurst, 0),
    commandsPerSecond: envNumber('COMMANDS_PER_ADDRESS_PER_S', DEFAULT_ADDRESS_LIMITS.commandsPerSecond),
    restWritesPerMinute: envNumber('WRITES_PER_ADDRESS_PER_MIN', DEFAULT_ADDRESS_LIMITS.restWritesPerMinute),
    trustProxy: envTrustProxy(),
  },
  redisUrl: process.env.REDIS_URL || undefined,
  access: { anonymousRoles: envAnonymousRoles(), loginTtlS: envLoginTtl() },
  oidc: envOidc(),
}).catch((err: unknown) => {
  logger.fatal({ err }, `server failed to start: ${(err as Error).message}`);
  process.exit(1);
});

logger.info({ port: server.port, url: server.url, db: server.history.path }, 'listening');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, envNumber('SHUTDOWN_TIMEOUT_MS', 10_000));
    force.unref();
    server.close(`the server is shutting down (${signal})`).then(
      () => {
        logger.info('history written, sessions stopped; bye');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
