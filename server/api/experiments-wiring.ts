import type { Router } from 'express';
import type { Logger } from 'pino';
import { ExperimentManager } from '../experiments/manager.ts';
import { PoolExecutor } from '../experiments/executors.ts';
import type { HistoryStore } from '../store/history-store.ts';
import { experimentsRouter } from './experiments.ts';

/**
 * The experiments API (server/api/experiments.ts) on its own small thread pool,
 * with every experiment recorded in the run history like batch runs are.
 */
export function startExperiments(history: HistoryStore, threads: number, logger?: Logger, scenariosDir?: string): { router: Router; manager: ExperimentManager; close: () => Promise<void> } {
  const executor = new PoolExecutor(threads);
  // Scenario names resolve in the user folder (saved layouts) first, then in the shipped scenarios/.
  const manager = new ExperimentManager({ executor, scenariosDir });
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
  manager.on('failed', (run) => record(() => history.ended(run.id, { status: 'failed', error: run.error ?? 'failed' })));
  return { router: experimentsRouter(manager), manager, close: () => executor.close() };
}
