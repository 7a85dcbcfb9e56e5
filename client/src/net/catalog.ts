import { getJson } from './api.ts';

export interface CatalogEntry {
  id: string;
  name: string;
  /** For scenarios: the model they overlay. */
  model?: string;
  question?: string;
}

/**
 * Reads a list from /api/models or /api/scenarios: a bare array or one wrapped in
 * `{models}`/`{scenarios}`/`{items}`, entries as ids or objects with an id.
 */
export function toCatalog(body: unknown): CatalogEntry[] {
  const list = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null
      ? ((body as Record<string, unknown>).models ?? (body as Record<string, unknown>).scenarios ?? (body as Record<string, unknown>).items)
      : undefined;
  if (!Array.isArray(list)) throw new Error('the server sent a list in an unknown shape');
  return list.flatMap((e): CatalogEntry[] => {
    if (typeof e === 'string') return [{ id: e, name: e }];
    if (typeof e !== 'object' || e === null) return [];
    const o = e as Record<string, unknown>;
    if (typeof o.id !== 'string') return [];
    return [{ id: o.id, name: typeof o.name === 'string' ? o.name : o.id, model: typeof o.model === 'string' ? o.model : undefined, question: typeof o.question === 'string' ? o.question : undefined }];
  });
}

export const fetchModels = async () => toCatalog(await getJson<unknown>('/api/models'));
export const fetchScenarios = async () => toCatalog(await getJson<unknown>('/api/scenarios'));
