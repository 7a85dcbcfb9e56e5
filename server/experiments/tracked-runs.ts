import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DEFAULT_EXPERIMENT_CONCURRENCY, DEFAULT_EXPERIMENT_QUEUE, DEFAULT_EXPERIMENT_TIMEOUT_S } from '../protocol/limits.ts';
import type { TrackedStatus } from '../protocol/experiment-progress.ts';
import { CodedError, failure, type Failure } from '../protocol/failures.ts';
import { failureOf } from './failure-of.ts';

export type { TrackedStatus };

/** One long job started over the API (an experiment, an optimisation), as the API and the socket report it. */
export interface TrackedRun<Progress, Result> {
  id: string;
  name: string;
  model: string;
  status: TrackedStatus;
  progress: Progress;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  /** Why it failed, as a code a page translates (`error` is the English message); null while it has not failed. */
  failure: Failure | null;
  result: Result | null;
}

export interface TrackedRunEvents<Run, Plan> {
  /** Emitted inside start(), before any simulation runs (record the run in the history here). */
  started: [run: Run, plan: Plan];
  /** At most every `progressIntervalMs` per run, and once at the end. */
  progress: [run: Run];
  finished: [run: Run];
  /** Failed, cancelled or timed out (`run.status` says which, `run.error` why). */
  failed: [run: Run];
  /** A cancelled or timed-out run's partial result (what finished before the stop), after its `failed`. */
  kept: [run: Run];
}

export interface TrackedRunOptions {
  /** Finished runs kept in memory (the run history keeps them for good). */
  keep?: number;
  progressIntervalMs?: number;
  /** Runs at once (EXPERIMENT_CONCURRENCY); the others wait in order. */
  concurrency?: number;
  /** Runs waiting at most (EXPERIMENT_QUEUE); one more is refused with QueueFullError. */
  maxQueued?: number;
  /**
   * A running job is stopped after this long and recorded as timed out (EXPERIMENT_TIMEOUT, seconds),
   * counted from its first simulation's start: the wait for the shared thread pool is not running time.
   */
  timeoutMs?: number;
}

/** A bare file name: requests may name models and scenarios in the project's folders, not arbitrary paths. */
export const FILE_NAME = /^[A-Za-z0-9_.-]+$/;

/** Too many experiments waiting: the caller should try later (HTTP 503). */
export class QueueFullError extends CodedError {}

/** The job was ended by cancel() or by its timeout; `status` is what the run records. */
class StopError extends CodedError {
  constructor(readonly status: 'cancelled' | 'timed-out', message: string, params: Record<string, string | number>) {
    super(message, failure(status, params));
  }
}

/**
 * A job's work. Once `signal` aborts, it may still resolve, with what finished before the stop
 * (a partial result): that is kept on the run, which stays cancelled or timed out. It calls
 * `running` when its first simulation starts (abortableExecutor's onStart): the time limit
 * counts from there, not from the wait for a thread the other jobs hold.
 */
type Work<Progress, Result> = (onProgress: (p: Progress) => void, signal: AbortSignal, running: () => void) => Promise<Result>;

interface Job<Progress, Result> {
  run: TrackedRun<Progress, Result>;
  work: Work<Progress, Result>;
  abort: AbortController;
  settle: (run: TrackedRun<Progress, Result>) => void;
  ended: boolean;
}

/** The concurrency, queue and timeout settings from the environment, with limits.ts's defaults. */
export function trackedRunLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): Required<Pick<TrackedRunOptions, 'concurrency' | 'maxQueued' | 'timeoutMs'>> {
  const read = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new RangeError(`${name}: must be a whole number >= ${min}, got "${raw}"`);
    return n;
  };
  return {
    concurrency: read('EXPERIMENT_CONCURRENCY', DEFAULT_EXPERIMENT_CONCURRENCY, 1),
    maxQueued: read('EXPERIMENT_QUEUE', DEFAULT_EXPERIMENT_QUEUE, 0),
    timeoutMs: read('EXPERIMENT_TIMEOUT', DEFAULT_EXPERIMENT_TIMEOUT_S, 1) * 1000,
  };
}

/**
 * The bookkeeping the experiment and optimisation managers share: a run record per job,
 * at most `concurrency` jobs at once and the rest queued in order (refused beyond
 * `maxQueued`), cancel and a timeout that abort the job's signal (its executor drops queued
 * tasks and ends running ones), progress events throttled to `progressIntervalMs`, a final
 * event, and a bounded in-memory list. No HTTP or sockets here.
 */
export class TrackedRuns<Progress, Result, Plan> extends EventEmitter<TrackedRunEvents<TrackedRun<Progress, Result>, Plan>> {
  private readonly runs = new Map<string, TrackedRun<Progress, Result>>();
  private readonly waiting: Job<Progress, Result>[] = [];
  private readonly active = new Map<string, Job<Progress, Result>>();
  /** Jobs whose work has not returned or thrown yet (after a stop, until its partial result is kept). */
  private readonly unwinding = new Map<string, Promise<void>>();

  constructor(private readonly limits: TrackedRunOptions) {
    super();
  }

  /** Refuses a new job when the queue is full; call before any planning work. */
  protected checkRoom(): void {
    const concurrency = this.limits.concurrency ?? DEFAULT_EXPERIMENT_CONCURRENCY;
    const maxQueued = this.limits.maxQueued ?? DEFAULT_EXPERIMENT_QUEUE;
    if (this.active.size >= concurrency && this.waiting.length >= maxQueued) {
      throw new QueueFullError(
        `${this.active.size} running and ${this.waiting.length} waiting, the most the server queues (EXPERIMENT_QUEUE = ${maxQueued}); try later or cancel one`,
        failure('queue-full', { running: this.active.size, waiting: this.waiting.length, max: maxQueued }),
      );
    }
  }

  /** Records a run for `plan`, emits `started`, then runs `work` (now or when a slot frees) and settles the record. */
  protected track(plan: Plan & { name: string; modelName: string }, initial: Progress, work: Work<Progress, Result>): { run: TrackedRun<Progress, Result>; done: Promise<TrackedRun<Progress, Result>> } {
    this.checkRoom();
    const run: TrackedRun<Progress, Result> = {
      id: randomUUID(),
      name: plan.name,
      model: plan.modelName,
      status: 'queued',
      progress: initial,
      startedAt: new Date().toISOString(),
      endedAt: null,
      error: null,
      failure: null,
      result: null,
    };
    this.runs.set(run.id, run);
    this.prune();
    let settle!: (r: TrackedRun<Progress, Result>) => void;
    const done = new Promise<TrackedRun<Progress, Result>>((resolve) => (settle = resolve));
    this.waiting.push({ run, work, abort: new AbortController(), settle, ended: false });
    this.emit('started', run, plan);
    this.startNext();
    return { run, done };
  }

  /**
   * Cancels a queued or running job (its tasks stop: queued ones are dropped, running threads
   * ended). Returns the run, or undefined when there is no such id; an ended run stays as it was.
   */
  cancel(id: string): TrackedRun<Progress, Result> | undefined {
    const run = this.runs.get(id);
    if (run === undefined) return undefined;
    const queued = this.waiting.findIndex((j) => j.run.id === id);
    if (queued >= 0) {
      const [job] = this.waiting.splice(queued, 1);
      this.end(job, new StopError('cancelled', 'cancelled before it started', { when: 'queued' }));
    } else {
      const job = this.active.get(id);
      if (job !== undefined) this.stop(job, new StopError('cancelled', 'cancelled while running', { when: 'running' }));
    }
    return run;
  }

  private startNext(): void {
    const concurrency = this.limits.concurrency ?? DEFAULT_EXPERIMENT_CONCURRENCY;
    while (this.active.size < concurrency && this.waiting.length > 0) this.begin(this.waiting.shift()!);
  }

  private begin(job: Job<Progress, Result>): void {
    const { run, abort } = job;
    this.active.set(run.id, job);
    run.status = 'running';
    const timeoutMs = this.limits.timeoutMs ?? DEFAULT_EXPERIMENT_TIMEOUT_S * 1000;
    let timer: NodeJS.Timeout | undefined;
    const running = () => {
      if (timer !== undefined || job.ended) return;
      timer = setTimeout(() => this.stop(job, new StopError('timed-out', `stopped after ${timeoutMs / 1000} s, the longest a job may run (EXPERIMENT_TIMEOUT)`, { seconds: timeoutMs / 1000 })), timeoutMs);
      timer.unref();
    };
    let lastEmit = 0;
    const interval = this.limits.progressIntervalMs ?? 250;
    const onProgress = (p: Progress) => {
      run.progress = p;
      // After a stop the count still follows what the partial result keeps, but is sent once, with it.
      if (abort.signal.aborted) return;
      const now = Date.now();
      if (now - lastEmit >= interval) {
        lastEmit = now;
        this.emit('progress', run);
      }
    };
    this.emit('progress', run);
    // A job that stops on its signal rejects with whatever its executor says; the signal's reason is what happened.
    const stopped = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true }));
    const working = Promise.resolve().then(() => job.work(onProgress, abort.signal, running));
    this.unwinding.set(
      run.id,
      working.then((result) => this.keepPartial(job, result), () => {}).finally(() => this.unwinding.delete(run.id)),
    );
    Promise.race([working, stopped]).then(
      (result) => this.end(job, null, result),
      (err: unknown) => this.end(job, abort.signal.aborted ? abort.signal.reason : err),
    ).finally(() => {
      clearTimeout(timer);
      this.active.delete(run.id);
      this.startNext();
    });
  }

  /** A stopped job's work returned after all: its result is what finished before the stop. */
  private keepPartial(job: Job<Progress, Result>, result: Result): void {
    const { run } = job;
    if (run.status !== 'cancelled' && run.status !== 'timed-out') return;
    run.result = result;
    this.emit('progress', run);
    this.emit('kept', run);
  }

  /**
   * Resolves when the job's work has unwound after a cancel (its partial result, if any, is on
   * the run by then), or after `timeoutMs` at the latest; at once for a job that never ran.
   */
  async settled(id: string, timeoutMs = 10_000): Promise<void> {
    const unwound = this.unwinding.get(id);
    if (unwound === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([unwound, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** Records the stop at once (the caller's answer says so), then aborts the job's tasks. */
  private stop(job: Job<Progress, Result>, reason: StopError): void {
    this.end(job, reason);
    job.abort.abort(reason);
  }

  private end(job: Job<Progress, Result>, err: unknown, result?: Result): void {
    if (job.ended) return;
    job.ended = true;
    const { run } = job;
    if (err === null) Object.assign(run, { status: 'finished', result, endedAt: new Date().toISOString() });
    else {
      const status = err instanceof StopError ? err.status : 'failed';
      Object.assign(run, { status, error: err instanceof Error ? err.message : String(err), failure: failureOf(err), endedAt: new Date().toISOString() });
    }
    this.emit('progress', run);
    this.emit(err === null ? 'finished' : 'failed', run);
    job.settle(run);
  }

  get(id: string): TrackedRun<Progress, Result> | undefined {
    return this.runs.get(id);
  }

  /** Newest first, without results (they can be large). */
  list(): Omit<TrackedRun<Progress, Result>, 'result'>[] {
    return [...this.runs.values()].reverse().map(({ result: _result, ...summary }) => summary);
  }

  private prune(): void {
    const keep = this.limits.keep ?? 50;
    for (const [id, run] of this.runs) {
      if (this.runs.size <= keep) break;
      if (run.status !== 'running' && run.status !== 'queued') this.runs.delete(id);
    }
  }
}
