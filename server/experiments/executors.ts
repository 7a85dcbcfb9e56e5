import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { StopReason } from '../protocol/partial-result.ts';
import { runTask, type Outcome, type Task } from './task.ts';
import { workerEntry, workerExecArgv, workerResourceLimits } from '../files/worker-entry.ts';

/**
 * Runs tasks somewhere (this thread, a thread pool, a job queue) and hands back
 * their outcomes in task order, whatever order they finished in, so results
 * never depend on where or how fast they ran.
 */
export interface Executor {
  readonly description: string;
  /** With `signal`: once aborted, no further task starts and the run rejects with the signal's reason. */
  run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void, signal?: AbortSignal): Promise<Outcome[]>;
  close(): Promise<void>;
}

/** The executor with `signal` passed to every run: an experiment's cancel or timeout reaches code that knows nothing of it. */
export function abortableExecutor(executor: Executor, signal: AbortSignal): Executor {
  return {
    description: executor.description,
    run: (tasks, onOutcome) => executor.run(tasks, onOutcome, signal),
    close: () => executor.close(),
  };
}

/** Runs tasks one after another on this thread, yielding between them so progress can be shown. */
export class InlineExecutor implements Executor {
  readonly description = 'this thread';

  async run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void, signal?: AbortSignal): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (const task of tasks) {
      signal?.throwIfAborted();
      const outcome = runTask(task);
      out.push(outcome);
      onOutcome?.(outcome);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  }

  async close(): Promise<void> {}
}

const REPLICATION_WORKER = workerEntry(import.meta.url, 'replication-worker');

export function defaultThreadCount(): number {
  return availableParallelism();
}

/** A piscina pool of worker threads, one task per thread at a time. */
export class PoolExecutor implements Executor {
  private readonly pool: Piscina<Task, Outcome>;

  constructor(readonly threads = defaultThreadCount()) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`workers must be a whole number >= 1, got ${threads}`);
    this.pool = new Piscina<Task, Outcome>({
      filename: REPLICATION_WORKER.href,
      execArgv: workerExecArgv(REPLICATION_WORKER),
      minThreads: threads,
      maxThreads: threads,
      // Threads stay alive between experiments (the live server reuses one pool).
      idleTimeout: 60_000,
      resourceLimits: workerResourceLimits(),
    });
  }

  get description(): string {
    return `${this.threads} worker thread${this.threads === 1 ? '' : 's'}`;
  }

  /** An abort drops the queued tasks and ends the running ones (piscina terminates their threads and starts fresh ones). */
  run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void, signal?: AbortSignal): Promise<Outcome[]> {
    // piscina listens on the signal once per task: hundreds of listeners are the design, not a leak to warn about.
    if (signal) setMaxListeners(0, signal);
    return Promise.all(
      tasks.map((task) =>
        this.pool.run(task, signal ? { signal } : {}).then((outcome) => {
          onOutcome?.(outcome);
          return outcome;
        }),
      ),
    );
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/**
 * Why an aborted run stopped, from its signal's reason: the API's cancel and timeout carry a
 * `status` (tracked-runs.ts); anything else aborting a run is an interrupt (Ctrl-C, SIGTERM).
 */
export function stopReasonOf(reason: unknown): StopReason {
  const status = typeof reason === 'object' && reason !== null ? (reason as { status?: unknown }).status : undefined;
  return status === 'cancelled' || status === 'timed-out' ? status : 'interrupted';
}
