import { Router } from 'express';
import type { ExperimentManager } from '../experiments/manager.ts';
import { notFound } from './http-errors.ts';

/**
 * Experiments over HTTP, mounted under /api:
 *   POST /api/experiments      body = an experiment document (as in scenarios/*.experiment.json;
 *                              `model` a model id or inline model) → 202 { id, status, progress }
 *   GET  /api/experiments      → { experiments: [...] } newest first, without results
 *   GET  /api/experiments/:id  → { id, status, progress: { done, total, phase, pilots?, checks? }, result?, error? }
 *                              (done/total: replications; pilots and checks: the warm-up runs, counted apart)
 *   DELETE /api/experiments/:id → cancels a queued or running experiment → { id, status: "cancelled" }, answered
 *                              once the replications that finished are the run's `result`, marked `partial`
 * A full queue (EXPERIMENT_QUEUE) answers 503; a job past EXPERIMENT_TIMEOUT ends "timed-out".
 * Progress is also pushed as manager events ('progress', 'finished', 'failed') for the socket layer.
 * Errors are thrown; the server's JSON error handler turns a ValidationError into 400 with `problems`.
 */
export function experimentsRouter(manager: ExperimentManager): Router {
  const router = Router();

  router.post('/experiments', async (req, res) => {
    // Planned in a worker thread; a refusal by size or field comes before it starts.
    const { run } = await manager.startOffThread(req.body ?? {});
    res.location(`/api/experiments/${run.id}`);
    res.status(202).json({ id: run.id, status: run.status, progress: run.progress });
  });

  router.get('/experiments', (_req, res) => {
    res.json({ experiments: manager.list() });
  });

  router.delete('/experiments/:id', async (req, res) => {
    const run = manager.cancel(req.params.id);
    if (run === undefined) throw notFound('experiment', req.params.id);
    // What finished before the cancel becomes the run's partial result once its tasks have stopped
    // (at once on the thread pool; after the withdrawal from redis in queue mode): answer then, so a GET right after has it.
    await manager.settled(run.id);
    res.json({ id: run.id, status: run.status, error: run.error, failure: run.failure });
  });

  router.get('/experiments/:id', (req, res) => {
    const run = manager.get(req.params.id);
    if (run === undefined) throw notFound('experiment', req.params.id);
    res.json(run);
  });

  return router;
}
