import { Router } from 'express';
import type { Logger } from 'pino';
import { ExperimentManager } from '../experiments/manager.ts';
import { PoolExecutor } from '../experiments/executors.ts';
import type { HistoryStore } from '../store/history-store.ts';
import { trackedRunLimitsFromEnv, type TrackedStatus } from '../experiments/tracked-runs.ts';
import { experimentsRouter } from './experiments.ts';
import { OptimizationManager } from '../experiments/optimize-manager.ts';
import { optimizationsRouter } from './optimizations.ts';
import { failure, type Failure } from '../protocol/failures.ts';

/**
 * The experiments and optimisations APIs (server/api/experiments.ts, optimizations.ts)
 * on one small thread pool, with every run recorded in the run history like batch
 * runs are (optimisations as kind "experiment" with params.kind "optimization": the
 * history's kinds are fixed by its table).
 */
export function startExperiments(
  history: HistoryStore,
  threads: number,
  logger?: Logger,
  scenariosDir?: string,
): { router: Router; manager: ExperimentManager; optimizations: OptimizationManager; close: () => Promise<void> } {
  const executor = new PoolExecutor(threads);
  // Scenario names resolve in the user folder (saved layouts) first, then in the shipped scenarios/.
  // One concurrency cap, queue and timeout per kind (EXPERIMENT_CONCURRENCY, EXPERIMENT_QUEUE, EXPERIMENT_TIMEOUT).
  const limits = trackedRunLimitsFromEnv();
  const manager = new ExperimentManager({ executor, scenariosDir, ...limits });
  const record = (what: () => void) => {
    try {
      what();
    } catch (err) {
      logger?.error({ err }, 'could not record the experiment in the history');
    }
  };
  manager.on('started', (run, plan) =>
    record(() =>
      history.started({
        id: run.id,
        kind: 'experiment',
        model: run.model,
        scenario: null,
        seed: plan.seed,
        params: { name: plan.name, horizonS: plan.horizonS, warmupS: plan.warmupS, replications: plan.replications ?? null, alternatives: plan.points.length },
        startedAt: run.startedAt,
      }),
    ),
  );
  manager.on('finished', (run) =>
    record(() => history.ended(run.id, { status: 'finished', kpis: run.result?.best ? { best: run.result.best } : null, result: run.result })),
  );
  let closing = false; // runs that fail because the pool is shut down were interrupted, not broken
  // The failure code is stored with the message, so a page read from the history after a restart still says it in its reader's language.
  const failed = (run: { id: string; status: TrackedStatus; error: string | null; failure: Failure | null }) =>
    record(() =>
      history.ended(
        run.id,
        closing ? { status: 'interrupted', error: 'the server shut down during the run', failure: failure('shutdown') } : { status: historyStatus(run.status), error: run.error ?? 'failed', failure: run.failure },
      ),
    );
  manager.on('failed', failed);
  // A cancelled or timed-out run's partial result arrives after its end was recorded: record it again, with the result.
  const kept = (run: { id: string; status: TrackedStatus; error: string | null; failure: Failure | null; result: { best?: unknown } | null }) =>
    record(() => history.ended(run.id, { status: historyStatus(run.status), error: run.error ?? 'stopped', failure: run.failure, kpis: run.result?.best ? { best: run.result.best } : null, result: run.result }));
  manager.on('kept', kept);
  const optimizations = new OptimizationManager({ executor, scenariosDir, ...limits });
  optimizations.on('started', (run, plan) =>
    record(() =>
      history.started({
        id: run.id,
        kind: 'experiment',
        model: run.model,
        scenario: null,
        seed: plan.seed,
        params: { kind: 'optimization', name: plan.name, horizonS: plan.horizonS, warmupS: plan.warmupS, replications: plan.replications, variables: plan.variables.map((v) => v.path) },
        startedAt: run.startedAt,
      }),
    ),
  );
  optimizations.on('finished', (run) =>
    record(() => history.ended(run.id, { status: 'finished', kpis: run.result?.best ? { best: run.result.best } : null, result: run.result })),
  );
  optimizations.on('failed', failed);
  optimizations.on('kept', kept);
  const router = Router();
  router.use(experimentsRouter(manager), optimizationsRouter(optimizations));
  return { router, manager, optimizations, close: () => ((closing = true), executor.close()) };
}

/** The history's fixed statuses: a cancelled job was stopped; a timed-out one failed (its error says so). */
function historyStatus(status: TrackedStatus): 'stopped' | 'failed' {
  return status === 'cancelled' ? 'stopped' : 'failed';
}
