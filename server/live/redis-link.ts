import { Redis } from 'ioredis';

/** How long a process waits for Redis at start before it gives up with a message. */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/** The URL without a password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Connects to Redis, or throws within `timeoutMs` with a message naming the URL. ioredis
 * would otherwise retry for ever and queue commands meanwhile, so the server would hang at start.
 * Once connected, it reconnects on its own (a Redis restart is survived).
 */
export async function connectRedis(url: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<Redis> {
  let redis: Redis;
  try {
    redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  } catch (err) {
    throw new Error(`REDIS_URL ${redactedUrl(url)}: not a Redis URL (${(err as Error).message})`, { cause: err });
  }
  let lastError = '';
  redis.on('error', (err: Error) => (lastError = err.message));
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref());
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), timer]);
  } catch (err) {
    redis.disconnect();
    const why = lastError || (err as Error).message;
    throw new Error(`REDIS_URL ${redactedUrl(url)}: cannot reach Redis (${why}; waited at most ${timeoutMs / 1000} s); start Redis there or unset REDIS_URL to run as one process`, { cause: err });
  }
  return redis;
}

type Handler = (message: string) => void;

/**
 * Redis pub/sub for this process: one subscriber connection, a handler per channel.
 * Frames of a session travel on its own channel, so only processes with viewers of
 * that session receive them (PUBLISH to a channel nobody listens to costs Redis nothing).
 */
export class RedisBus {
  private readonly handlers = new Map<string, Handler>();

  private constructor(
    readonly redis: Redis,
    private readonly sub: Redis,
    onBadMessage: (channel: string, err: unknown) => void,
  ) {
    sub.on('message', (channel: string, message: string) => {
      try {
        this.handlers.get(channel)?.(message);
      } catch (err) {
        onBadMessage(channel, err); // one bad message must not take the process down
      }
    });
  }

  static open(redis: Redis, onBadMessage: (channel: string, err: unknown) => void): RedisBus {
    const sub = redis.duplicate();
    sub.on('error', () => undefined); // reconnects on its own; the command connection reports
    return new RedisBus(redis, sub, onBadMessage);
  }

  async subscribe(channel: string, handler: Handler): Promise<void> {
    this.handlers.set(channel, handler);
    await this.sub.subscribe(channel);
  }

  async unsubscribe(channel: string): Promise<void> {
    this.handlers.delete(channel);
    await this.sub.unsubscribe(channel).catch(() => undefined);
  }

  /** Number of processes that received it. */
  publish(channel: string, message: string): Promise<number> {
    return this.redis.publish(channel, message);
  }

  close(): void {
    this.handlers.clear();
    this.sub.disconnect();
  }
}
