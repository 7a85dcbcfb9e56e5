import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../protocol/errors.ts';
import { RunRequestSchema } from '../protocol/messages.ts';
import { applyScenario } from '../protocol/scenario.ts';
import type { Model } from '../protocol/model.ts';
import type { ModelCatalog } from '../live/model-catalog.ts';
import type { HistoryStore } from '../store/history-store.ts';
import { RunTooLargeError, ShuttingDownError, type BatchRunner } from './batch-runs.ts';
import { failureOf } from '../experiments/failure-of.ts';
import { HttpError, notFound } from './http-errors.ts';
import { StorageError } from '../store/storage-errors.ts';

const ListQuerySchema = z.object({
  kind: z.enum(['batch', 'session', 'experiment']).optional(),
  limit: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be >= 1').max(500, 'must be <= 500').default(50),
  offset: z.coerce.number('must be a number').int('must be a whole number').min(0, 'must be >= 0').default(0),
});

/** The model a run request names: ids resolve through the catalog, inline documents are already validated. */
function resolveModel(catalog: ModelCatalog, body: z.output<typeof RunRequestSchema>): { model: Model; modelId: string; scenario: string | null } {
  const { model, scenario } = body;
  if (typeof scenario === 'string' || scenario === undefined) {
    if (typeof model === 'object') {
      if (scenario !== undefined) throw new HttpError(400, 'scenario: an inline model takes an inline scenario, not a scenario id');
      return { model, modelId: `inline:${model.name}`, scenario: null };
    }
    return catalog.load(model, scenario);
  }
  // An inline scenario: on the inline model, the named model, or the model the scenario names.
  const base = typeof model === 'object' ? model : catalog.model(model ?? scenario.model.replace(/\.json$/, '').replace(/^.*\//, ''));
  const modelId = typeof model === 'object' ? `inline:${model.name}` : (model ?? scenario.model);
  return { model: applyScenario(base, scenario), modelId, scenario: scenario.name ?? 'inline' };
}

/** Batch runs (POST runs one off the main thread) and the run history. */
export function runsRoutes(catalog: ModelCatalog, runner: BatchRunner, history: HistoryStore): Router {
  const router = Router();

  router.post('/runs', async (req, res) => {
    const body = parseOrThrow(RunRequestSchema, req.body ?? {}, 'run request');
    const periodS = body.period;
    const { model, modelId, scenario } = resolveModel(catalog, body);
    const settings = { horizonS: body.horizonS, warmupS: body.warmupS, seed: body.seed, replications: body.replications, ...(periodS === undefined ? {} : { periodS }) };
    const run = runner.start(model, modelId, scenario, settings);
    res.location(`/api/runs/${run.id}`);
    if (!body.wait) {
      res.status(202).json({ runId: run.id, status: 'running' });
      return;
    }
    try {
      const result = await run.done;
      res.status(201).json({ runId: run.id, ...result });
    } catch (err) {
      if (err instanceof ShuttingDownError || err instanceof StorageError) throw err; // 503/507 with their own message
      throw new HttpError(err instanceof RunTooLargeError ? 422 : 500, `run ${run.id} failed: ${(err as Error).message}`, undefined, failureOf(err) ?? undefined);
    }
  });

  router.get('/runs', (req, res) => {
    const q = parseOrThrow(ListQuerySchema, req.query, 'query');
    res.json({ runs: history.list(q) });
  });

  router.get('/runs/:id', (req, res) => {
    const run = history.get(req.params.id);
    if (run === null) throw notFound('run', req.params.id);
    res.json(run);
  });

  return router;
}
