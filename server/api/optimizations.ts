import { Router } from 'express';
import type { OptimizationManager } from '../experiments/optimize-manager.ts';
import { notFound } from './http-errors.ts';

/**
 * Optimisations over HTTP, mounted under /api:
 *   POST /api/optimizations      body = an optimisation document (as scenarios/*.optimize.json;
 *                                `model` a model id or inline model) → 202 { id, status, progress }
 *   GET  /api/optimizations      → { optimizations: [...] } newest first, without results
 *   GET  /api/optimizations/:id  → { id, status, progress, result?, error? }
 *   DELETE /api/optimizations/:id → cancels it (queued or running); the candidates fully evaluated by
 *                                then are the run's `result`, marked `partial`
 * A bad document is a ValidationError, which the JSON error handler turns into 400 with `problems`.
 */
export function optimizationsRouter(manager: OptimizationManager): Router {
  const router = Router();
  router.post('/optimizations', async (req, res) => {
    // Planned in a worker thread; a refusal by size or field comes before it starts.
    const { run } = await manager.startOffThread(req.body ?? {});
    res.location(`/api/optimizations/${run.id}`);
    res.status(202).json({ id: run.id, status: run.status, progress: run.progress });
  });
  router.get('/optimizations', (_req, res) => {
    res.json({ optimizations: manager.list() });
  });
  router.delete('/optimizations/:id', async (req, res) => {
    const run = manager.cancel(req.params.id);
    if (run === undefined) throw notFound('optimisation', req.params.id);
    // What finished before the cancel becomes the run's partial result once its tasks have stopped
    // (at once on the thread pool; after the withdrawal from redis in queue mode): answer then, so a GET right after has it.
    await manager.settled(run.id);
    res.json({ id: run.id, status: run.status, error: run.error, failure: run.failure });
  });
  router.get('/optimizations/:id', (req, res) => {
    const run = manager.get(req.params.id);
    if (run === undefined) throw notFound('optimisation', req.params.id);
    res.json(run);
  });
  return router;
}
