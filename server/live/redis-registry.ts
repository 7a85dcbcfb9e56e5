import type { Redis } from 'ioredis';
import type { SessionInfo } from '../protocol/messages.ts';

/** Every entry lives this long unless its process renews it: a dead process's sessions vanish with it. */
export const REGISTRY_TTL_MS = 15_000;
/** How often a live process renews its entries (three renewals per lifetime: one lost write is survived). */
export const HEARTBEAT_MS = 5_000;

const PREFIX = 'twin:session:';

/** A session as other processes see it: where it runs and what the session list shows. */
export interface RegistryEntry {
  process: string;
  info: SessionInfo;
}

/**
 * The session registry in Redis: one key per session (`twin:session:<id>`) holding its
 * owning process and its list entry, with a TTL the owner renews every heartbeat.
 */
export class SessionRegistry {
  /** The last list read from Redis, so the session list stays a synchronous read. */
  private cached: RegistryEntry[] = [];
  private refreshedAt = 0;

  constructor(
    private readonly redis: Redis,
    readonly processId: string,
  ) {}

  /** Writes (or renews) this process's sessions. */
  async put(infos: SessionInfo[]): Promise<void> {
    if (infos.length === 0) return;
    const batch = this.redis.multi();
    for (const info of infos) batch.set(PREFIX + info.id, JSON.stringify({ process: this.processId, info } satisfies RegistryEntry), 'PX', REGISTRY_TTL_MS);
    await batch.exec();
  }

  async remove(id: string): Promise<void> {
    await this.redis.del(PREFIX + id);
  }

  async get(id: string): Promise<RegistryEntry | null> {
    const raw = await this.redis.get(PREFIX + id);
    return raw === null ? null : (JSON.parse(raw) as RegistryEntry);
  }

  /** Reads every entry (a few dozen at most: sessions are worker threads) and caches the result. */
  async refresh(): Promise<RegistryEntry[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 200);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    const values = keys.length === 0 ? [] : await this.redis.mget(keys);
    this.refreshedAt = Date.now();
    this.cached = values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as RegistryEntry);
    return this.cached;
  }

  /** Sessions of other processes, as of the last refresh (a list older than a second is re-read for the next caller). */
  others(): SessionInfo[] {
    if (Date.now() - this.refreshedAt > 1000) {
      this.refreshedAt = Date.now();
      this.refresh().catch(() => undefined);
    }
    return this.cached.filter((e) => e.process !== this.processId).map((e) => e.info);
  }
}
