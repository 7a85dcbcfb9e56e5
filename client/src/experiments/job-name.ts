import { nameOf, type Locale } from '../i18n/format.ts';
import type { CatalogEntry } from '../net/catalog.ts';

/** The schema's longest experiment or optimisation name. */
const MAX_NAME = 200;

/**
 * The name an experiment or optimisation gets when the planner typed none: what it is and the
 * model's name in the page's language ("Сценарии: Гигафабрика, первая очередь…"), as the
 * results and the run history head it later, rather than "default-plant scenarios".
 */
export function defaultJobName(what: string, modelId: string, models: readonly CatalogEntry[], locale: Locale): string {
  const model = models.find((m) => m.id === modelId) ?? { id: modelId };
  return `${what}: ${nameOf(model, locale)}`.slice(0, MAX_NAME);
}
