import type { Principal } from '../protocol/access.ts';
import type { HttpAnswer } from './redis-messages.ts';
import type { RedisCluster } from './redis-cluster.ts';
import type { RunRecord } from '../store/history-store.ts';
import { CommandError } from './live-edits.ts';

/** How long a read waits for the other processes; those that have not answered by then are left out and named. */
export const READ_TIMEOUT_MS = 3_000;
const PROCESS_KEY = 'twin:process:';

/** Answers a GET of this process's own REST API (no fan-out), with the principal of the client who asked. */
export type ReadHere = (path: string, principal: Principal) => Promise<HttpAnswer>;

/** What the other processes answered, and which ones did not within the timeout (or are gone). */
export interface ServiceAnswers {
  answers: HttpAnswer[];
  missing: { process: string; reason: string }[];
}

/**
 * The finished work of the whole service (REDIS_URL): each process keeps its run history,
 * exercises and experiments in its own SQLite file, and answers the others' reads of
 * them by the cluster's request/reply (op `read`). Every live process holds a key
 * `twin:process:<id>` (renewed every heartbeat, gone one TTL after the process), so a
 * process that just died is asked too, fails at once (no subscriber on its request
 * channel), and the list says it is partial rather than silently short.
 */
export class ServiceReads {
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(
    private readonly cluster: RedisCluster,
    private readonly here: ReadHere,
    private readonly timeoutMs: number,
  ) {
    this.heartbeat = setInterval(() => void this.register().catch(() => undefined), cluster.ttlMs / 3);
    this.heartbeat.unref();
  }

  static async start(cluster: RedisCluster, here: ReadHere, timeoutMs = READ_TIMEOUT_MS): Promise<ServiceReads> {
    const reads = new ServiceReads(cluster, here, timeoutMs);
    await reads.register();
    cluster.reads = { serve: (path, principal) => reads.here(path, principal) };
    return reads;
  }

  private async register(): Promise<void> {
    await this.cluster.redis.set(PROCESS_KEY + this.cluster.processId, String(Date.now()), 'PX', this.cluster.ttlMs);
  }

  /** This process's own answer. */
  local(path: string, principal: Principal): Promise<HttpAnswer> {
    return this.here(path, principal);
  }

  /**
   * The other processes to ask, or why none can be: with Redis unreachable the read
   * answers from this process alone (within the timeout), marked partial.
   */
  private async askable(): Promise<{ processes: string[]; missing: ServiceAnswers['missing'] }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs / 1000} s`)), this.timeoutMs)));
    try {
      return { processes: await Promise.race([this.others(), late]), missing: [] };
    } catch (err) {
      return { processes: [], missing: [{ process: 'the other processes', reason: `Redis: ${(err as Error).message}` }] };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The other processes of the service (those alive within the last TTL). */
  async others(): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.cluster.redis.scan(cursor, 'MATCH', `${PROCESS_KEY}*`, 'COUNT', 200);
      found.push(...keys.map((k) => k.slice(PROCESS_KEY.length)));
      cursor = next;
    } while (cursor !== '0');
    return [...new Set(found)].filter((p) => p !== this.cluster.processId);
  }

  /** Asks every other process for `path`; waits at most the timeout for each (all at once). */
  async all(path: string, principal: Principal): Promise<ServiceAnswers> {
    const { processes, missing } = await this.askable();
    const replies = await Promise.all(processes.map((p) => this.cluster.call<HttpAnswer>(p, { op: 'read', path, principal }, this.timeoutMs)));
    const out: ServiceAnswers = { answers: [], missing };
    replies.forEach((r, i) => (r.ok ? out.answers.push(r.result) : out.missing.push({ process: processes[i]!, reason: r.error.message })));
    return out;
  }

  /**
   * One entry stored on some other process: the first answer that is not 404 (run ids
   * are unique, so at most one process has it), as soon as it arrives; null when every
   * process said 404 or failed (`missing` names those that failed).
   */
  async one(path: string, principal: Principal): Promise<{ answer: HttpAnswer | null; missing: ServiceAnswers['missing'] }> {
    const { processes, missing } = await this.askable();
    return new Promise((resolve) => {
      let left = processes.length;
      if (left === 0) return resolve({ answer: null, missing });
      for (const p of processes) {
        void this.cluster.call<HttpAnswer>(p, { op: 'read', path, principal }, this.timeoutMs).then((r) => {
          if (r.ok && r.result.status !== 404) resolve({ answer: r.result, missing });
          if (!r.ok) missing.push({ process: p, reason: r.error.message });
          if (--left === 0) resolve({ answer: null, missing });
        });
      }
    });
  }

  /**
   * A run stored on another process (`GET /api/runs/:id` there), for a replay here; null
   * when no process has it. Throws a refusal naming the processes when it may be on one
   * that did not answer, or when its owner refused it.
   */
  async run(runId: string, principal: Principal): Promise<RunRecord | null> {
    const { answer, missing } = await this.one(`/api/runs/${encodeURIComponent(runId)}`, principal);
    if (answer?.status === 200) return answer.body as RunRecord; // the training part is checked before it is replayed (stored-training.ts)
    if (answer !== null) throw new CommandError('unavailable', `runId: the process storing run "${runId}" answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (missing.length > 0) {
      const who = missing.map((m) => `${m.process} (${m.reason})`).join(', ');
      throw new CommandError('unavailable', `runId: run "${runId}" is not stored here nor on the processes that answered; it may be on process ${who}: try again once it is back`);
    }
    return null;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.cluster.reads = null;
    await this.cluster.redis.del(PROCESS_KEY + this.cluster.processId).catch(() => undefined);
  }
}
