import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ValidationError } from '../protocol/errors.ts';
import { SCENARIOS_DIR } from '../files/model-files.ts';
import type { Executor } from './executors.ts';
import { planExperiment } from './experiment-files.ts';
import { runExperiment, type ExperimentProgress, type ExperimentResult } from './experiment.ts';
import type { ExperimentPlan } from './plan.ts';

export type ExperimentStatus = 'running' | 'finished' | 'failed';

export interface ExperimentRun {
  id: string;
  name: string;
  model: string;
  status: ExperimentStatus;
  progress: ExperimentProgress;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  result: ExperimentResult | null;
}

export interface ExperimentEvents {
  /** Emitted inside start(), before any replication runs (record the run in the history here). */
  started: [run: ExperimentRun, plan: ExperimentPlan];
  /** At most every `progressIntervalMs` per run, and once at the end. */
  progress: [run: ExperimentRun];
  finished: [run: ExperimentRun];
  failed: [run: ExperimentRun];
}

export interface ExperimentManagerOptions {
  /** Shared by all experiments (e.g. one PoolExecutor sized to the cores, or a QueueExecutor). */
  executor: Executor;
  /** Where scenario files named by an experiment are looked up. */
  scenariosDir?: string;
  /** Finished runs kept in memory (the run history keeps them for good). */
  keep?: number;
  progressIntervalMs?: number;
}

/** A bare file name: requests may name models and scenarios in the project's folders, not arbitrary paths. */
const FILE_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Experiments started over the API: validates the request, runs it on the
 * shared executor and reports progress as events the socket layer forwards.
 * No HTTP or sockets here, so it is testable without them.
 */
export class ExperimentManager extends EventEmitter<ExperimentEvents> {
  private readonly runs = new Map<string, ExperimentRun>();

  constructor(private readonly opts: ExperimentManagerOptions) {
    super();
  }

  /** Validates and starts an experiment; throws ValidationError (naming each bad field) before anything runs. */
  start(input: unknown): { run: ExperimentRun; plan: ExperimentPlan; done: Promise<ExperimentRun> } {
    checkReferences(input);
    const { plan } = planExperiment(input, this.opts.scenariosDir ?? SCENARIOS_DIR, 'experiment');
    const run: ExperimentRun = {
      id: randomUUID(),
      name: plan.name,
      model: plan.modelName,
      status: 'running',
      progress: { done: 0, total: 0, phase: 'replications' },
      startedAt: new Date().toISOString(),
      endedAt: null,
      error: null,
      result: null,
    };
    this.runs.set(run.id, run);
    this.prune();
    this.emit('started', run, plan);
    let lastEmit = 0;
    const interval = this.opts.progressIntervalMs ?? 250;
    const onProgress = (p: ExperimentProgress) => {
      run.progress = p;
      const now = Date.now();
      if (now - lastEmit >= interval) {
        lastEmit = now;
        this.emit('progress', run);
      }
    };
    const done = runExperiment(plan, this.opts.executor, onProgress).then(
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
    return { run, plan, done };
  }

  get(id: string): ExperimentRun | undefined {
    return this.runs.get(id);
  }

  /** Newest first, without results (they can be large). */
  list(): Omit<ExperimentRun, 'result'>[] {
    return [...this.runs.values()].reverse().map(({ result: _result, ...summary }) => summary);
  }

  private prune(): void {
    const keep = this.opts.keep ?? 50;
    for (const [id, run] of this.runs) {
      if (this.runs.size <= keep) break;
      if (run.status !== 'running') this.runs.delete(id);
    }
  }
}

function checkReferences(input: unknown): void {
  if (typeof input !== 'object' || input === null) return; // the schema reports it
  const e = input as { model?: unknown; scenarios?: unknown };
  const problems: string[] = [];
  if (typeof e.model === 'string' && !FILE_NAME.test(e.model)) problems.push('model: must be a model id from models/ (or an inline model), not a path');
  if (Array.isArray(e.scenarios)) {
    e.scenarios.forEach((s, i) => {
      const ref = typeof s === 'string' ? s : (s as { file?: unknown } | null)?.file;
      if (typeof ref === 'string' && !FILE_NAME.test(ref)) problems.push(`scenarios[${i}]${typeof s === 'string' ? '' : '.file'}: must be a file name in scenarios/, not a path`);
    });
  }
  if (problems.length > 0) throw new ValidationError('experiment', problems);
}
