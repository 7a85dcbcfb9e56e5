import { useEffect, useState } from 'react';
import type { Model } from '../../../server/protocol/model.ts';
import { getJson, type ApiError } from '../net/api.ts';
import { fetchModels, fetchScenarios, type CatalogEntry } from '../net/catalog.ts';
import { useUi } from '../state/ui-store.ts';

/**
 * Models and scenarios on the server, loaded once per mount; a failure is shown, not hidden.
 * `loaded` says the lists have arrived (or failed: then they stay empty), so a page can tell
 * "no such scenario" from "not known yet".
 */
export function useCatalog(): { models: CatalogEntry[]; scenarios: CatalogEntry[]; loaded: boolean } {
  const [models, setModels] = useState<CatalogEntry[]>([]);
  const [scenarios, setScenarios] = useState<CatalogEntry[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let alive = true;
    Promise.all([fetchModels(), fetchScenarios()])
      .then(([m, s]) => {
        if (!alive) return;
        setModels(m);
        setScenarios(s);
        setLoaded(true);
      })
      .catch((err: ApiError) => {
        if (alive) setLoaded(true);
        useUi.getState().pushError(err.message, err.problems, { failure: err.failure });
      });
    return () => {
      alive = false;
    };
  }, []);
  return { models, scenarios, loaded };
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
