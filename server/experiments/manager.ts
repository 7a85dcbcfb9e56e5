import { parseOrThrow, ValidationError } from '../protocol/errors.ts';
import { ExperimentSchema } from '../protocol/experiment.ts';
import { planOffThread } from './plan-off-thread.ts';
import { SCENARIOS_DIR } from '../files/model-files.ts';
import { abortableExecutor, type Executor } from './executors.ts';
import { planExperiment } from './experiment-files.ts';
import { initialExperimentProgress, runExperiment, type ExperimentProgress, type ExperimentResult } from './experiment.ts';
import type { ExperimentPlan } from './plan.ts';
import { FILE_NAME, TrackedRuns, type TrackedRun, type TrackedRunOptions } from './tracked-runs.ts';

export type ExperimentRun = TrackedRun<ExperimentProgress, ExperimentResult>;

export interface ExperimentManagerOptions extends TrackedRunOptions {
  /** Shared by all experiments (e.g. one PoolExecutor sized to the cores, or a QueueExecutor). */
  executor: Executor;
  /** Where scenario files named by an experiment are looked up. */
  scenariosDir?: string;
}

/**
 * Experiments started over the API: validates the request, runs it on the
 * shared executor and reports progress as events the socket layer forwards.
 * No HTTP or sockets here, so it is testable without them.
 */
export class ExperimentManager extends TrackedRuns<ExperimentProgress, ExperimentResult, ExperimentPlan> {
  constructor(private readonly opts: ExperimentManagerOptions) {
    super(opts);
  }

  /** Validates and starts an experiment; throws ValidationError (naming each bad field) before anything runs. */
  start(input: unknown): { run: ExperimentRun; plan: ExperimentPlan; done: Promise<ExperimentRun> } {
    checkReferences(input);
    this.checkRoom(); // a full queue refuses before any planning
    const { plan } = planExperiment(input, this.opts.scenariosDir ?? SCENARIOS_DIR, 'experiment');
    return this.startPlanned(plan);
  }

  /**
   * As start, with the planning (inline model validation, one plant per alternative) in a worker
   * thread: what the API uses. The experiment document itself is checked here first, which sizes
   * it by arithmetic, so an oversized request is refused before any thread starts.
   */
  async startOffThread(input: unknown): Promise<{ run: ExperimentRun; plan: ExperimentPlan; done: Promise<ExperimentRun> }> {
    checkReferences(input);
    parseOrThrow(ExperimentSchema, input, 'experiment');
    this.checkRoom();
    const plan = await planOffThread({ kind: 'experiment', input, baseDir: this.opts.scenariosDir ?? SCENARIOS_DIR, what: 'experiment' });
    return this.startPlanned(plan);
  }

  private startPlanned(plan: ExperimentPlan): { run: ExperimentRun; plan: ExperimentPlan; done: Promise<ExperimentRun> } {
    const { run, done } = this.track(plan, initialExperimentProgress(plan), (onProgress, signal, running) =>
      runExperiment(plan, abortableExecutor(this.opts.executor, signal, running), onProgress, signal),
    );
    return { run, plan, done };
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
