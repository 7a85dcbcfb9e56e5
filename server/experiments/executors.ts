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
  /**
   * With `signal`: once aborted, no further task starts and the run rejects with the signal's reason.
   * `onStart` is called once, when the first of these tasks starts running (not while it waits for a
   * thread another job holds): a job's time limit counts from there.
   */
  run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void, signal?: AbortSignal, onStart?: () => void): Promise<Outcome[]>;
  close(): Promise<void>;
}

/** `onStart` at most once, however many of a run's tasks report their start (the pool's and the queue's runs). */
export function onceOnly(onStart: (() => void) | undefined): () => void {
  let told = false;
  return () => {
    if (told) return;
    told = true;
    onStart?.();
  };
}

/**
 * The executor with `signal` and `onStart` passed to every run: an experiment's cancel or timeout
 * reaches code that knows nothing of it, and its clock starts when its first task does.
 */
export function abortableExecutor(executor: Executor, signal: AbortSignal, onStart?: () => void): Executor {
  return {
    description: executor.description,
    run: (tasks, onOutcome) => executor.run(tasks, onOutcome, signal, onStart),
    close: () => executor.close(),
  };
}

/** Runs tasks one after another on this thread, yielding between them so progress can be shown. */
export class InlineExecutor implements Executor {
  readonly description = 'this thread';

  async run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void, signal?: AbortSignal, onStart?: () => void): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (const task of tasks) {
      signal?.throwIfAborted();
      if (out.length === 0) onStart?.();
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

/** A task waiting for a free thread, in the order submitted (all runs share one line). */
interface Waiting {
  task: Task;
  signal: AbortSignal | undefined;
  started: () => void;
  resolve: (outcome: Outcome) => void;
  reject: (err: unknown) => void;
  dropOnAbort: () => void;
}

/**
 * A piscina pool of worker threads, one task per thread at a time. Tasks wait in this class's own
 * line rather than piscina's, so the pool knows when a task really starts (a thread takes it):
 * piscina says only when one ends, and a job's time limit must not count its wait behind another's.
 */
export class PoolExecutor implements Executor {
  private readonly pool: Piscina<Task, Outcome>;
  private readonly waiting: Waiting[] = [];
  private busy = 0;
  private closed = false;

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

  /** An abort drops the waiting tasks and ends the running ones (piscina terminates their threads and starts fresh ones). */
  run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void, signal?: AbortSignal, onStart?: () => void): Promise<Outcome[]> {
    // Each task listens on the signal while it waits and piscina while it runs: hundreds of listeners are the design, not a leak.
    if (signal) setMaxListeners(0, signal);
    const started = onceOnly(onStart);
    return Promise.all(
      tasks.map((task) =>
        this.submit(task, signal, started).then((outcome) => {
          onOutcome?.(outcome);
          return outcome;
        }),
      ),
    );
  }

  private submit(task: Task, signal: AbortSignal | undefined, started: () => void): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      if (this.closed) return reject(new Error('the worker pool is closed'));
      if (signal?.aborted) return reject(signal.reason);
      const entry: Waiting = {
        task, signal, started, resolve, reject,
        dropOnAbort: () => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal!.reason);
        },
      };
      signal?.addEventListener('abort', entry.dropOnAbort, { once: true });
      this.waiting.push(entry);
      this.dispatch();
    });
  }

  /** Hands waiting tasks to free threads; piscina starts a task at once on an idle thread (minThreads = threads). */
  private dispatch(): void {
    while (this.busy < this.threads && this.waiting.length > 0) {
      const { task, signal, started, resolve, reject, dropOnAbort } = this.waiting.shift()!;
      signal?.removeEventListener('abort', dropOnAbort);
      this.busy++;
      started();
      this.pool
        .run(task, signal ? { signal } : {})
        .then(resolve, reject)
        .finally(() => {
          this.busy--;
          this.dispatch();
        });
    }
  }

  close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) {
      w.signal?.removeEventListener('abort', w.dropOnAbort);
      w.reject(new Error('the worker pool is closed'));
    }
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
