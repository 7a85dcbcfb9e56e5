import { nameOf, type Locale } from '../i18n/format.ts';
import type { CatalogEntry } from '../net/catalog.ts';

/**
 * What heads a run in the comparison: the base model's words, else its scenario's name in the
 * page's language (nameRu on the Russian page). A run opened by link knows only the scenario's id,
 * and the scenario list arrives after the runs: until it has (`scenarios` null) the heading is not
 * known, and null says so, so the page holds the comparison rather than head it by an id
 * (`demo-line-rub`) that the name («Демолиния в рублях») replaces a moment later. A scenario the
 * list does not have is headed by the label it was run with (its id, for one opened by link).
 */
export function runHeading(run: { scenario: string | null; label: string }, scenarios: readonly CatalogEntry[] | null, locale: Locale, baseModel: string): string | null {
  if (run.scenario === null) return baseModel;
  if (scenarios === null) return null;
  const entry = scenarios.find((x) => x.id === run.scenario);
  return entry ? nameOf(entry, locale) : run.label;
}
