import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ValidationError } from '../protocol/errors.ts';
import { SCENARIOS_DIR } from '../files/model-files.ts';
import type { Executor } from './executors.ts';
import { planOptimization, type OptimizePlan } from './optimize-plan.ts';
import { runOptimization, type OptimizeProgress, type OptimizeResult } from './optimize.ts';
import type { ExperimentStatus } from './manager.ts';

export interface OptimizationRun {
  id: string;
  name: string;
  model: string;
  status: ExperimentStatus;
  progress: OptimizeProgress;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  result: OptimizeResult | null;
}

export interface OptimizationEvents {
  /** Emitted inside start(), before any candidate runs (record the run in the history here). */
  started: [run: OptimizationRun, plan: OptimizePlan];
  /** At most every `progressIntervalMs` per run, and once at the end. */
  progress: [run: OptimizationRun];
  finished: [run: OptimizationRun];
  failed: [run: OptimizationRun];
}

export interface OptimizationManagerOptions {
  /** Shared with the experiments (one pool sized to the cores, or a queue). */
  executor: Executor;
  /** Where models and scenarios named by a request are looked up besides models/. */
  scenariosDir?: string;
  keep?: number;
  progressIntervalMs?: number;
}

const FILE_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Optimisations started over the API (the browser's optimiser page): validates
 * the file, runs the search on the shared executor and reports progress as events
 * the socket layer forwards. Like ExperimentManager, no HTTP or sockets here.
 */
export class OptimizationManager extends EventEmitter<OptimizationEvents> {
  private readonly runs = new Map<string, OptimizationRun>();

  constructor(private readonly opts: OptimizationManagerOptions) {
    super();
  }

  /** Validates and starts; throws ValidationError (naming each bad field) before anything runs. */
  start(input: unknown): { run: OptimizationRun; plan: OptimizePlan; done: Promise<OptimizationRun> } {
    checkReferences(input);
    const plan = planOptimization(input, this.opts.scenariosDir ?? SCENARIOS_DIR, 'optimisation');
    const run: OptimizationRun = {
      id: randomUUID(),
      name: plan.name,
      model: plan.modelName,
      status: 'running',
      progress: { evaluated: 0, budget: 0, runsDone: 0, runsQueued: 0, phase: 'search' },
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
    const onProgress = (p: OptimizeProgress) => {
      run.progress = p;
      const now = Date.now();
      if (now - lastEmit >= interval) {
        lastEmit = now;
        this.emit('progress', run);
      }
    };
    const done = runOptimization(plan, this.opts.executor, onProgress).then(
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

  get(id: string): OptimizationRun | undefined {
    return this.runs.get(id);
  }

  /** Newest first, without results (they can be large). */
  list(): Omit<OptimizationRun, 'result'>[] {
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

/** Requests may name models and scenarios in the project's folders, not arbitrary paths. */
function checkReferences(input: unknown): void {
  if (typeof input !== 'object' || input === null) return; // the schema reports it
  const o = input as { model?: unknown; scenario?: unknown };
  const problems: string[] = [];
  if (typeof o.model === 'string' && !FILE_NAME.test(o.model)) problems.push('model: must be a model id from models/ (or an inline model), not a path');
  if (typeof o.scenario === 'string' && !FILE_NAME.test(o.scenario)) problems.push('scenario: must be a file name in scenarios/, not a path');
  if (problems.length > 0) throw new ValidationError('optimisation', problems);
}
