import type { Redis } from 'ioredis';
import type { SessionInfo } from '../protocol/messages.ts';

/** Every entry lives this long unless its process renews it: a dead process's sessions vanish with it. */
export const REGISTRY_TTL_MS = 15_000;
/** A live process renews its entries three times per lifetime (every 5 s at the 15 s TTL): one lost write is survived. */
export const RENEWALS_PER_TTL = 3;

const PREFIX = 'twin:session:';

/** A session as other processes see it: where it runs and what the session list shows. */
export interface RegistryEntry {
  process: string;
  info: SessionInfo;
  /**
   * A training exercise's join code, so a trainee connected to any process joins by it.
   * Kept out of `info`, which every list shows: the code is the instructor's to hand out.
   */
  code?: string;
}

/** What a process writes for one of its sessions. */
export type OwnEntry = Omit<RegistryEntry, 'process'>;

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
    /** REGISTRY_TTL_MS in production; tests of a process's death shorten it. */
    readonly ttlMs = REGISTRY_TTL_MS,
  ) {}

  /** Writes (or renews) this process's sessions. */
  async put(entries: OwnEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const batch = this.redis.multi();
    for (const e of entries) batch.set(PREFIX + e.info.id, JSON.stringify({ process: this.processId, ...e } satisfies RegistryEntry), 'PX', this.ttlMs);
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

  /** The session of another process whose exercise has join code `code` (read afresh: a trainee waits on it). */
  async byCode(code: string): Promise<RegistryEntry | null> {
    return (await this.refresh()).find((e) => e.code === code && e.process !== this.processId) ?? null;
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
