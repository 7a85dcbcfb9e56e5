import { useEffect, useState } from 'react';
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
      .catch((err: Error & { problems?: string[] }) => useUi.getState().pushError(err.message, err.problems));
    return () => {
      alive = false;
    };
  }, []);
  return { models, scenarios };
}
