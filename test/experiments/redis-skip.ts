import { describe, it } from 'vitest';
import { hasRedisServer } from './redis-harness.ts';

/**
 * Whether the tests of `what` must be skipped for want of redis-server: outside CI they skip
 * with a notice; in CI (`CI=true`) a failing test says what to install instead.
 */
export function skipWithoutRedis(what: string): boolean {
  if (hasRedisServer()) return false;
  if (process.env.CI === 'true') {
    describe(what, () => {
      it('needs redis-server (CI=true)', () => {
        throw new Error(`redis-server is not installed; the ${what} tests cannot run (apt-get install redis-server)`);
      });
    });
    return true;
  }
  console.warn(`SKIPPED ${what} tests: redis-server is not installed (apt-get install redis-server)`);
  return true;
}
