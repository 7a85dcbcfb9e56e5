import { parseOrThrow, ValidationError } from '../protocol/errors.ts';
import { OptimizeSchema } from '../protocol/optimize.ts';
import { planOffThread } from './plan-off-thread.ts';
import { SCENARIOS_DIR } from '../files/model-files.ts';
import { abortableExecutor, type Executor } from './executors.ts';
import { planOptimization, type OptimizePlan } from './optimize-plan.ts';
import { runOptimization, type OptimizeResult } from './optimize.ts';
import { initialOptimizeProgress, type OptimizeProgress } from './optimize-progress.ts';
import { FILE_NAME, TrackedRuns, type TrackedRun, type TrackedRunOptions } from './tracked-runs.ts';

export type OptimizationRun = TrackedRun<OptimizeProgress, OptimizeResult>;

export interface OptimizationManagerOptions extends TrackedRunOptions {
  /** Shared with the experiments (one pool sized to the cores, or a queue). */
  executor: Executor;
  /** Where models and scenarios named by a request are looked up besides models/. */
  scenariosDir?: string;
}

/**
 * Optimisations started over the API (the browser's optimiser page): validates
 * the file, runs the search on the shared executor and reports progress as events
 * the socket layer forwards. Like ExperimentManager, no HTTP or sockets here.
 */
export class OptimizationManager extends TrackedRuns<OptimizeProgress, OptimizeResult, OptimizePlan> {
  constructor(private readonly opts: OptimizationManagerOptions) {
    super(opts);
  }

  /** Validates and starts; throws ValidationError (naming each bad field) before anything runs. */
  start(input: unknown): { run: OptimizationRun; plan: OptimizePlan; done: Promise<OptimizationRun> } {
    checkReferences(input);
    this.checkRoom(); // a full queue refuses before any planning
    const plan = planOptimization(input, this.opts.scenariosDir ?? SCENARIOS_DIR, 'optimisation');
    return this.startPlanned(plan);
  }

  /** As start, planned in a worker thread after a cheap check of the document (its size by arithmetic) here. */
  async startOffThread(input: unknown): Promise<{ run: OptimizationRun; plan: OptimizePlan; done: Promise<OptimizationRun> }> {
    checkReferences(input);
    parseOrThrow(OptimizeSchema, input, 'optimisation');
    this.checkRoom();
    const plan = await planOffThread({ kind: 'optimization', input, baseDir: this.opts.scenariosDir ?? SCENARIOS_DIR, what: 'optimisation' });
    return this.startPlanned(plan);
  }

  private startPlanned(plan: OptimizePlan): { run: OptimizationRun; plan: OptimizePlan; done: Promise<OptimizationRun> } {
    const { run, done } = this.track(plan, initialOptimizeProgress(plan), (onProgress, signal, running) =>
      runOptimization(plan, abortableExecutor(this.opts.executor, signal, running), onProgress, signal),
    );
    return { run, plan, done };
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
