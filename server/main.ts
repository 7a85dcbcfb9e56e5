import { pino } from 'pino';
import { startTwinServer } from './api/twin-server.ts';
import { defaultDbPath } from './store/history-store.ts';
import { MAX_SPEED, MIN_SPEED, type Speed } from './protocol/messages.ts';
import { parseDuration } from './protocol/duration.ts';

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

const server = await startTwinServer({
  port: envNumber('PORT', 3000),
  host: process.env.HOST,
  dbPath: defaultDbPath(),
  logger,
  frameHz: envNumber('FRAME_HZ', 20),
  // "max" runs the public plant as fast as the engine goes (the load benchmark uses it).
  publicSpeed: envSpeed(),
  publicWarmupS: envWarmup(),
  // Listen at once: /api/health and the page answer while the public plant warms up.
  awaitPublic: false,
  maxSessions: envNumber('MAX_SESSIONS', 8),
  corsOrigin: process.env.CORS_ORIGIN?.split(','),
  redisUrl: process.env.REDIS_URL || undefined,
}).catch((err: unknown) => {
  logger.fatal({ err }, 'server failed to start');
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
