import { randomUUID } from 'node:crypto';
import { Piscina } from 'piscina';
import type { Model } from '../protocol/model.ts';
import { CodedError, failure } from '../protocol/failures.ts';
import { failureOf } from '../experiments/failure-of.ts';
import { validateSettings, type ReplicationResult, type RunRequestSettings, type RunResult } from '../experiments/runner.ts';
import type { WarmupChoice } from '../experiments/warmup.ts';
import type { HistoryStore } from '../store/history-store.ts';
import type { BatchJob } from './batch-run-worker.ts';
import { workerEntry, workerExecArgv, workerFailureMessage, workerResourceLimits } from '../files/worker-entry.ts';

const BATCH_WORKER = workerEntry(import.meta.url, 'batch-run-worker');

export interface BatchRunOptions {
  history?: HistoryStore | null;
  /** Threads for batch runs; 1 keeps the live sessions' cores free on a small machine. */
  threads?: number;
  /** Replications waiting beyond this are refused (HTTP 503) rather than queued without end. */
  maxQueue?: number;
  /** A run still going after this long is cancelled and recorded as failed. */
  timeoutMs?: number;
}

export interface StartedRun {
  id: string;
  done: Promise<RunResult>;
}

/** Too many runs queued: the caller should try later. */
export class BusyError extends CodedError {}

/** The server is stopping: new runs are refused, runs in progress are interrupted (HTTP 503). */
export class ShuttingDownError extends BusyError {
  constructor(message: string) {
    super(message, failure('shutdown'));
  }
}

/** The run outgrew its worker's memory (WORKER_MAX_MB): the request asked for too much, not a server fault. */
export class RunTooLargeError extends CodedError {}

/** Headline numbers of a batch result, stored with the run so the history can be listed without the full document. */
export function batchKpis(result: RunResult): Record<string, number | null> {
  const sinks = Object.values(result.sinks) as Record<string, unknown>[];
  const sum = (field: string) => sinks.reduce((a, s) => a + (typeof s[field] === 'number' ? (s[field] as number) : 0), 0);
  return {
    throughputPerHour: sum('perHour'),
    partsOut: sum('count'),
    unitsOut: sum('units'),
    avgWip: result.system.avgWip ?? null,
    avgTimeInSystemS: result.system.avgTimeInSystemS ?? null,
    leadTimeP95S: result.system.leadTimeP95S ?? null,
    cellsPerDay: result.kpis?.cellsPerDay ?? null,
    gwhPerYear: result.kpis?.gwhPerYear ?? null,
    yield: result.kpis?.yield?.overall ?? null,
  };
}

/**
 * Runs batch simulations on a piscina thread pool, so the HTTP and Socket.IO
 * thread stays responsive, and records each run in the history (running, then
 * finished or failed).
 */
export class BatchRunner {
  private readonly pool: Piscina<BatchJob, ReplicationResult | WarmupChoice | RunResult>;
  private readonly maxQueue: number;
  private closing = false;

  constructor(private readonly opts: BatchRunOptions = {}) {
    this.maxQueue = opts.maxQueue ?? 200;
    this.pool = new Piscina({
      filename: BATCH_WORKER.href,
      // Piscina's own worker entry is JavaScript; under tsx this loader lets it import the .ts task file.
      execArgv: workerExecArgv(BATCH_WORKER),
      minThreads: 0,
      maxThreads: opts.threads ?? 1,
      idleTimeout: 30_000,
      // A run that outgrows its heap ends its own thread (workerFailureMessage), never the server.
      resourceLimits: workerResourceLimits(),
    });
  }

  /** Validates and starts a run; `done` settles with the CLI-shaped result. */
  start(model: Model, modelId: string, scenario: string | null, settings: RunRequestSettings): StartedRun {
    validateSettings(settings);
    if (this.closing) throw new ShuttingDownError('the server is shutting down; no new runs are started');
    if (this.pool.queueSize + settings.replications > this.maxQueue) {
      throw new BusyError(`the run queue is full (${this.pool.queueSize} replications waiting); try later`, failure('busy', { waiting: this.pool.queueSize }));
    }
    const id = randomUUID();
    const params = { horizonS: settings.horizonS, warmupS: settings.warmupS, replications: settings.replications, modelName: model.name };
    this.opts.history?.started({ id, kind: 'batch', model: modelId, scenario, seed: settings.seed, params });
    const timeoutMs = this.opts.timeoutMs ?? 10 * 60_000;
    const signal = AbortSignal.timeout(timeoutMs);
    const { replications: _r, warmupS, ...rest } = settings;
    // An 'auto' warm-up: a pilot of replication 0 finds it (MSER-5), then every replication uses it.
    const warmup: Promise<WarmupChoice | undefined> =
      warmupS === 'auto' ? (this.pool.run({ kind: 'pilot', model, settings: rest }, { signal }) as Promise<WarmupChoice>) : Promise.resolve(undefined);
    const results = warmup.then((choice) => {
      const perReplication = { ...rest, warmupS: choice?.warmupS ?? (warmupS as number) };
      const jobs = Array.from({ length: settings.replications }, (_, replication) =>
        this.pool.run({ kind: 'replication', model, settings: perReplication, replication }, { signal }) as Promise<ReplicationResult>,
      );
      return Promise.all(jobs).then((list) => ({ list, choice, perReplication }));
    });
    // KPIs and the combination run in the pool too: the main thread only receives the finished result.
    const combined = results.then(({ list, choice, perReplication }) => {
      const job: BatchJob = { kind: 'combine', model, settings: { ...perReplication, replications: settings.replications }, results: list, ...(scenario === null ? {} : { scenario }), ...(choice ? { warmup: choice } : {}) };
      return this.pool.run(job, { signal }) as Promise<RunResult>;
    });
    const done = combined.then(
      (result) => {
        this.opts.history?.ended(id, { status: 'finished', kpis: batchKpis(result), result });
        return result;
      },
      (err: unknown) => {
        if (this.closing) {
          this.opts.history?.ended(id, { status: 'interrupted', error: 'the server shut down during the run', failure: failure('shutdown') });
          throw new ShuttingDownError('the server is shutting down; the run was interrupted');
        }
        const message = signal.aborted ? 'the run took too long and was cancelled' : workerFailureMessage(err);
        const coded = signal.aborted ? failure('timed-out', { seconds: timeoutMs / 1000 }) : failureOf(err);
        this.opts.history?.ended(id, { status: 'failed', error: message, failure: coded });
        if (coded?.code === 'out-of-memory') throw new RunTooLargeError(message, coded);
        throw coded ? new CodedError(message, coded) : new Error(message);
      },
    );
    done.catch(() => undefined); // callers that do not wait must not cause an unhandled rejection
    return { id, done };
  }

  /** Stops the pool: runs in progress end as `interrupted` and their callers get a ShuttingDownError. */
  close(): Promise<void> {
    this.closing = true;
    return this.pool.destroy();
  }
}
