import { randomUUID } from 'node:crypto';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import type { Executor } from './executors.ts';
import { PoolExecutor, onceOnly } from './executors.ts';
import type { Outcome, Task } from './task.ts';
import { probeRedis } from './redis-ready.ts';

/** Replications travel on this BullMQ queue unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'bpt-replications';

export interface QueueConnection {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  queueName?: string;
}

function connection(url: string) {
  // Workers block on redis; BullMQ requires ioredis to retry such commands forever.
  return { url, maxRetriesPerRequest: null };
}

/** The URL without its password, for messages. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid redis URL)';
  }
}

/**
 * Runs tasks on whatever `npm run worker` processes consume the queue. Each task
 * is one job whose id is unique to this run, so a job retried after a worker
 * crash is still one entry here: an outcome is taken once per id, and a late
 * duplicate is ignored. Completion arrives by queue events; a periodic sweep
 * reads the jobs themselves, so an event missed while reconnecting loses nothing.
 * An aborted signal (a cancel, a timeout) first takes the outcomes of jobs that had
 * finished by then (their completion events may still be on the way), then rejects
 * the run with its reason once the run's jobs still waiting are removed from redis, so
 * no worker picks them up; a job a worker already holds is locked and cannot be removed:
 * it finishes there, and its outcome is ignored.
 */
export class QueueExecutor implements Executor {
  private queue: Queue | null = null;
  private events: QueueEvents | null = null;
  readonly queueName: string;

  constructor(
    private readonly opts: QueueConnection & { attempts?: number; sweepMs?: number },
  ) {
    if (!/^rediss?:\/\//.test(opts.url)) throw new RangeError(`queue: must be a redis:// or rediss:// URL, got "${opts.url}"`);
    this.queueName = opts.queueName ?? DEFAULT_QUEUE_NAME;
  }

  get description(): string {
    return `queue "${this.queueName}" at ${describeRedisUrl(this.opts.url)}`;
  }

  private async open(): Promise<{ queue: Queue; events: QueueEvents }> {
    if (this.queue === null || this.events === null) {
      await probeRedis(this.opts.url, describeRedisUrl(this.opts.url)); // a message, not a silent hang, when it is not there
      this.queue = new Queue(this.queueName, { connection: connection(this.opts.url) });
      this.events = new QueueEvents(this.queueName, { connection: connection(this.opts.url) });
      await Promise.all([this.queue.waitUntilReady(), this.events.waitUntilReady()]);
    }
    return { queue: this.queue, events: this.events };
  }

  async run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void, signal?: AbortSignal, onStart?: () => void): Promise<Outcome[]> {
    if (tasks.length === 0) return [];
    signal?.throwIfAborted();
    const { queue, events } = await this.open();
    signal?.throwIfAborted();
    const runId = randomUUID();
    const ids = tasks.map((_, i) => `${runId}.${i}`);
    const pending = new Map(ids.map((id, i) => [id, i]));
    const results: Outcome[] = new Array(tasks.length);

    let finish!: () => void;
    let fail!: (err: Error) => void;
    const finished = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
    // A failure or an abort may come while the jobs are still being added, before anyone awaits `finished`.
    finished.catch(() => {});
    let closing = false;
    // Started when a worker takes one of these jobs (its 'active' event), or at the latest when one is done.
    const startedOnce = onceOnly(onStart);
    const started = (jobId: string) => {
      if (pending.has(jobId)) startedOnce();
    };
    const accept = (jobId: string, value: unknown) => {
      const index = pending.get(jobId);
      if (index === undefined || value === null || value === undefined || closing) return;
      started(jobId);
      pending.delete(jobId);
      results[index] = (typeof value === 'string' ? JSON.parse(value) : value) as Outcome;
      onOutcome?.(results[index]);
      if (pending.size === 0) finish();
    };
    const check = async (jobId: string) => {
      if (!pending.has(jobId)) return;
      const job = await Job.fromId(queue, jobId);
      if (job === undefined) return fail(new Error(`job ${jobId} vanished from the queue before it finished`));
      if (job.finishedOn !== undefined && job.returnvalue !== null && job.returnvalue !== undefined) return accept(jobId, job.returnvalue);
      if ((await job.getState()) === 'failed') {
        const t = tasks[pending.get(jobId)!];
        fail(new Error(`${t.kind} ${t.replication} of alternative ${t.point} failed after ${job.attemptsMade} attempt(s): ${job.failedReason}`));
      }
    };
    // On an abort, jobs that finished before it but whose completion event has not arrived yet (events
    // trail by milliseconds, more while reconnecting) are read from redis, so the run's partial result
    // keeps them; only then does the run reject and nothing more is taken.
    const onAbort = () =>
      void Promise.allSettled([...pending.keys()].map(async (id) => {
        const job = await Job.fromId(queue, id);
        if (job?.finishedOn !== undefined) accept(id, job.returnvalue);
      })).then(() => {
        closing = true;
        fail(signal!.reason);
      });
    signal?.addEventListener('abort', onAbort, { once: true });
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => accept(jobId, returnvalue);
    const onFailed = ({ jobId }: { jobId: string }) => void check(jobId).catch(fail);
    const onActive = ({ jobId }: { jobId: string }) => started(jobId);
    events.on('active', onActive);
    events.on('completed', onCompleted);
    events.on('failed', onFailed);
    const sweep = setInterval(() => {
      for (const id of [...pending.keys()].slice(0, 500)) void check(id).catch(fail);
    }, this.opts.sweepMs ?? 2000);
    try {
      await queue.addBulk(
        tasks.map((task, i) => ({
          name: task.kind,
          data: task,
          opts: {
            jobId: ids[i],
            // Retries cover a replication that threw; a crashed worker's job comes back through the stalled-job check.
            attempts: this.opts.attempts ?? 3,
            backoff: { type: 'fixed', delay: 1000 },
            removeOnComplete: { age: 24 * 3600 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        })),
      );
      await finished;
      return results;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      clearInterval(sweep);
      events.off('active', onActive);
      events.off('completed', onCompleted);
      events.off('failed', onFailed);
      // Finished jobs are tidied away; after an abort this is what takes the waiting ones off the queue
      // (remove answers 0 for a job a worker holds locked, which then finishes unheeded).
      await Promise.allSettled(ids.map((id) => queue.remove(id)));
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.events?.close(), this.queue?.close()]);
    this.events = null;
    this.queue = null;
  }
}

export interface QueueWorkerOptions extends QueueConnection {
  /** Worker threads, and jobs taken at once. */
  threads: number;
  /** How long a job stays locked without a renewal before another worker may take it over (BullMQ default 30 s). */
  lockDurationMs?: number;
  /** How often stalled jobs (their worker died) are looked for. */
  stalledIntervalMs?: number;
  log?: (line: string) => void;
}

/**
 * Consumes replication jobs. The simulation runs in pool threads, so this
 * thread stays free to renew job locks; a worker that dies loses its locks and
 * its jobs go back to the queue for another worker.
 */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<{ close: () => Promise<void> }> {
  await probeRedis(opts.url, describeRedisUrl(opts.url));
  const pool = new PoolExecutor(opts.threads);
  const log = opts.log ?? (() => {});
  const worker = new Worker(
    opts.queueName ?? DEFAULT_QUEUE_NAME,
    async (job) => {
      const task = job.data as Task;
      if (task === null || typeof task !== 'object' || (task.kind !== 'replication' && task.kind !== 'series') || typeof task.model !== 'object') {
        throw new Error(`job ${job.id}: not a replication task`);
      }
      log(`started ${job.id} (${task.kind} ${task.replication} of alternative ${task.point}, attempt ${job.attemptsMade + 1})`);
      const [outcome] = await pool.run([task]);
      log(`finished ${job.id}`);
      return outcome;
    },
    {
      connection: connection(opts.url),
      concurrency: opts.threads,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 30_000,
      maxStalledCount: 3,
    },
  );
  worker.on('error', (err) => log(`error: ${err.message}`));
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      await pool.close();
    },
  };
}
