import { Redis } from 'ioredis';

/**
 * A bounded check that Redis answers, before BullMQ's clients are made. Those retry
 * connecting forever (they must, to block on jobs), and cannot be closed until they
 * have connected once, so `--queue redis://127.0.0.1:1` used to hang without a word
 * (issue 17). This probe gives up after `ms` with a message naming the URL and the
 * connection error.
 */

/** Redis that cannot be reached: the message says where and why; no stack is needed. */
export class UnreachableError extends Error {}

/** REDIS_CONNECT_TIMEOUT_MS, default 10 s: enough for a Redis across a network, short enough to be told. */
export function redisConnectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.REDIS_CONNECT_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : 10_000;
}

/** Resolves when Redis at `url` answers PING within `ms`; else throws an UnreachableError naming `where` (the URL without its password). */
export async function probeRedis(url: string, where: string, ms = redisConnectTimeoutMs()): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: ms, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let lastError: string | undefined; // the socket's own error says more than "Connection is closed."
  probe.on('error', (err: Error) => (lastError ??= err.message));
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), ms)));
    await Promise.race([probe.connect().then(() => probe.ping()), late]);
  } catch (err) {
    throw new UnreachableError(
      `cannot reach Redis at ${where} within ${(ms / 1000).toFixed(0)} s (${lastError ?? (err as Error).message}): start redis-server there or fix the URL (REDIS_CONNECT_TIMEOUT_MS sets the wait)`,
    );
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}
