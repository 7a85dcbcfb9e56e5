import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

export type TrackedStatus = 'running' | 'finished' | 'failed';

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
  result: Result | null;
}

export interface TrackedRunEvents<Run, Plan> {
  /** Emitted inside start(), before any simulation runs (record the run in the history here). */
  started: [run: Run, plan: Plan];
  /** At most every `progressIntervalMs` per run, and once at the end. */
  progress: [run: Run];
  finished: [run: Run];
  failed: [run: Run];
}

export interface TrackedRunOptions {
  /** Finished runs kept in memory (the run history keeps them for good). */
  keep?: number;
  progressIntervalMs?: number;
}

/** A bare file name: requests may name models and scenarios in the project's folders, not arbitrary paths. */
export const FILE_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * The bookkeeping the experiment and optimisation managers share: a run record
 * per job, progress events throttled to `progressIntervalMs`, a final event on
 * success or failure, and a bounded in-memory list. No HTTP or sockets here.
 */
export class TrackedRuns<Progress, Result, Plan> extends EventEmitter<TrackedRunEvents<TrackedRun<Progress, Result>, Plan>> {
  private readonly runs = new Map<string, TrackedRun<Progress, Result>>();

  constructor(private readonly limits: TrackedRunOptions) {
    super();
  }

  /** Records a run for `plan`, emits `started`, then runs `work` and settles the record with its outcome. */
  protected track(
    plan: Plan & { name: string; modelName: string },
    initial: Progress,
    work: (onProgress: (p: Progress) => void) => Promise<Result>,
  ): { run: TrackedRun<Progress, Result>; done: Promise<TrackedRun<Progress, Result>> } {
    const run: TrackedRun<Progress, Result> = {
      id: randomUUID(),
      name: plan.name,
      model: plan.modelName,
      status: 'running',
      progress: initial,
      startedAt: new Date().toISOString(),
      endedAt: null,
      error: null,
      result: null,
    };
    this.runs.set(run.id, run);
    this.prune();
    this.emit('started', run, plan);
    let lastEmit = 0;
    const interval = this.limits.progressIntervalMs ?? 250;
    const onProgress = (p: Progress) => {
      run.progress = p;
      const now = Date.now();
      if (now - lastEmit >= interval) {
        lastEmit = now;
        this.emit('progress', run);
      }
    };
    const done = work(onProgress).then(
      (result) => {
        Object.assign(run, { status: 'finished', result, endedAt: new Date().toISOString() });
        this.emit('progress', run);
        this.emit('finished', run);
        return run;
      },
      (err: Error) => {
        Object.assign(run, { status: 'failed', error: err.message, endedAt: new Date().toISOString() });
        this.emit('progress', run);
        this.emit('failed', run);
        return run;
      },
    );
    return { run, done };
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
      if (run.status !== 'running') this.runs.delete(id);
    }
  }
}
