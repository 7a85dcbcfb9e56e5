import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../protocol/errors.ts';
import type { ModelCatalog } from '../live/model-catalog.ts';
import { staticCapacity } from '../kpi/capacity.ts';

const IdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'must be an id (letters, digits, "_", ".", "-")');
const CapacityQuerySchema = z.object({ model: IdSchema.optional(), scenario: IdSchema.optional() });

/** Models, scenarios and the static capacity analysis, read from models/ and scenarios/. */
export function catalogRoutes(catalog: ModelCatalog): Router {
  const router = Router();

  router.get('/models', (_req, res) => {
    const models = catalog.modelIds().map((id) => {
      try {
        const m = catalog.model(id);
        return { id, name: m.name, nameRu: m.nameRu ?? null, description: m.description ?? null, nodes: m.nodes.length, valid: true };
      } catch (err) {
        return { id, name: id, description: null, nodes: 0, valid: false, error: (err as Error).message };
      }
    });
    res.json({ default: safeDefault(catalog), models });
  });

  router.get('/models/:id', (req, res) => {
    res.json(catalog.model(parseOrThrow(IdSchema, req.params.id, 'model id')));
  });

  router.get('/scenarios', (_req, res) => {
    res.json({ scenarios: catalog.scenarios() });
  });

  router.get('/capacity', (req, res) => {
    const q = parseOrThrow(CapacityQuerySchema, req.query, 'query');
    const loaded = catalog.load(q.model, q.scenario);
    res.json({ model: loaded.modelId, scenario: loaded.scenario, ...staticCapacity(loaded.model) });
  });

  return router;
}

function safeDefault(catalog: ModelCatalog): string | null {
  try {
    return catalog.defaultModelId();
  } catch {
    return null;
  }
}
