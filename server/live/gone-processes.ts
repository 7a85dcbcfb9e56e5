import type { Redis } from 'ioredis';
import { requestChannel } from './redis-messages.ts';

/**
 * Tells which processes of the service have died, for the members and trainees they had in
 * this process's sessions (no one is left to say they left). A process lives while its
 * request channel has its subscriber (Redis drops it with the connection); it counts as gone
 * when missing at two checks (heartbeats) running, since after a Redis restart it resubscribes.
 */
export class GoneProcesses {
  /** Processes that had no subscriber at the last check. */
  private missingBefore = new Set<string>();

  constructor(private readonly redis: Redis) {}

  /** The processes among `processes` missing now and at the last check. */
  async check(processes: string[]): Promise<string[]> {
    const counts = processes.length === 0 ? [] : ((await this.redis.pubsub('NUMSUB', ...processes.map(requestChannel))) as (string | number)[]);
    const missing = new Set(processes.filter((_, i) => Number(counts[2 * i + 1]) === 0));
    const gone = [...missing].filter((p) => this.missingBefore.has(p));
    this.missingBefore = missing;
    return gone;
  }
}
