import { getJson } from './api.ts';

export interface CatalogEntry {
  id: string;
  name: string;
  nameRu?: string;
  /** For scenarios: the model they overlay. */
  model?: string;
  question?: string;
  questionRu?: string;
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
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return [{ id: o.id, name: text(o.name) ?? o.id, nameRu: text(o.nameRu), model: text(o.model), question: text(o.question), questionRu: text(o.questionRu) }];
  });
}

export const fetchModels = async () => toCatalog(await getJson<unknown>('/api/models'));
export const fetchScenarios = async () => toCatalog(await getJson<unknown>('/api/scenarios'));
