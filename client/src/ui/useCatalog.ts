import { useEffect, useState } from 'react';
import type { Model } from '../../../server/protocol/model.ts';
import { getJson, type ApiError } from '../net/api.ts';
import { fetchModels, fetchScenarios, type CatalogEntry } from '../net/catalog.ts';
import { useUi } from '../state/ui-store.ts';

/** Models and scenarios on the server, loaded once per mount; a failure is shown, not hidden. */
export function useCatalog(): { models: CatalogEntry[]; scenarios: CatalogEntry[] } {
  const [models, setModels] = useState<CatalogEntry[]>([]);
  const [scenarios, setScenarios] = useState<CatalogEntry[]>([]);
  useEffect(() => {
    let alive = true;
    Promise.all([fetchModels(), fetchScenarios()])
      .then(([m, s]) => {
        if (!alive) return;
        setModels(m);
        setScenarios(s);
      })
      .catch((err: ApiError) => useUi.getState().pushError(err.message, err.problems, { failure: err.failure }));
    return () => {
      alive = false;
    };
  }, []);
  return { models, scenarios };
}

/** One model's full document (nodes, fields) for a form that offers its parameters; reloaded when the id changes, a failure shown. */
export function useModel(id: string): Model | null {
  const [model, setModel] = useState<Model | null>(null);
  useEffect(() => {
    if (!id) return;
    getJson<Model>(`/api/models/${encodeURIComponent(id)}`)
      .then(setModel)
      .catch((err: Error) => useUi.getState().pushError(err.message));
  }, [id]);
  return model;
}
