import type { Locale } from '../i18n/format.ts';

/**
 * What a planner reads for a field a sweep or an optimisation variable changes: its meaning
 * and unit in the page's language, not the model schema's path (`cycle.mean`, `speedMps`).
 * Values are typed in the schema's units (seconds, shares 0–1, m/s), so the name says which.
 */
export const SWEEP_FIELD_NAMES = {
  servers: { en: 'Parallel stations', ru: 'Параллельных мест' },
  'cycle.mean': { en: 'Mean cycle time, s', ru: 'Среднее время цикла, с' },
  yield: { en: 'Yield, share 0–1', ru: 'Выход годных, доля 0–1' },
  'batch.size': { en: 'Batch size, parts', ru: 'Размер партии, шт.' },
  capacity: { en: 'Capacity, places', ru: 'Вместимость, мест' },
  speedMps: { en: 'Speed, m/s', ru: 'Скорость, м/с' },
  count: { en: 'Vehicles', ru: 'Транспортных средств' },
} as const satisfies Record<string, Record<Locale, string>>;

export type SweepField = keyof typeof SWEEP_FIELD_NAMES;

/** A field's name in `locale`; a field not in the list (a stored document's) as the schema writes it. */
export function sweepFieldName(field: string, locale: Locale): string {
  return (SWEEP_FIELD_NAMES as Record<string, Record<Locale, string>>)[field]?.[locale] ?? field;
}
