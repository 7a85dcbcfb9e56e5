import type { Locale } from './format.ts';

/**
 * The units results are shown in: how a raw result number (seconds, shares 0..1,
 * per-day rates) scales into the unit, the digits shown, and the unit's name per
 * language. One list, so the table, the chart, the CSV and the difference column
 * all say the same thing.
 */
export const UNITS = {
  cellsPerDay: { scale: 1, digits: 0, en: 'cells/day', ru: 'ячеек/сут' },
  modulesPerDay: { scale: 1, digits: 0, en: 'modules/day', ru: 'модулей/сут' },
  packsPerDay: { scale: 1, digits: 1, en: 'packs/day', ru: 'батарей/сут' },
  unitsPerDay: { scale: 1, digits: 0, en: 'units/day', ru: 'ед./сут' },
  perHour: { scale: 1, digits: 1, en: 'parts/h', ru: 'шт./ч' },
  gwhPerYear: { scale: 1, digits: 2, en: 'GWh/yr', ru: 'ГВт·ч/год' },
  /** A share 0..1 shown in per cent. */
  percent: { scale: 100, digits: 1, en: '%', ru: '%' },
  /** A difference of two shares, in percentage points. */
  points: { scale: 100, digits: 1, en: 'pp', ru: 'п.п.' },
  /** Seconds shown in days. */
  days: { scale: 1 / 86400, digits: 1, en: 'd', ru: 'сут' },
  hours: { scale: 1 / 3600, digits: 1, en: 'h', ru: 'ч' },
  minutes: { scale: 1 / 60, digits: 1, en: 'min', ru: 'мин' },
  seconds: { scale: 1, digits: 1, en: 's', ru: 'с' },
  metres: { scale: 1, digits: 1, en: 'm', ru: 'м' },
  metresPerDay: { scale: 1, digits: 0, en: 'm/day', ru: 'м/сут' },
  parts: { scale: 1, digits: 0, en: 'parts', ru: 'шт.' },
  cellEq: { scale: 1, digits: 0, en: 'cell eq.', ru: 'экв. ячеек' },
  /**
   * Money in the run's currency (`kpis.currency`, the model's `product.currency`): ¤ in a
   * name stands for it and is replaced by the currency as the locale writes it (Formatter.unit);
   * where a result does not say its currency, the generic sign ¤ itself is shown rather than a guess.
   */
  money: { scale: 1, digits: 0, en: '¤', ru: '¤' },
  moneyPerKwh: { scale: 1, digits: 1, en: '¤/kWh', ru: '¤/кВт·ч' },
  moneyPerYear: { scale: 1, digits: 0, en: '¤/yr', ru: '¤/год' },
  kwh: { scale: 1, digits: 0, en: 'kWh', ru: 'кВт·ч' },
  kwhPerKwh: { scale: 1, digits: 2, en: 'kWh/kWh', ru: 'кВт·ч/кВт·ч' },
  count: { scale: 1, digits: 0, en: '', ru: '' },
  number: { scale: 1, digits: 2, en: '', ru: '' },
} as const satisfies Record<string, { scale: number; digits: number; en: string; ru: string }>;

export type Unit = keyof typeof UNITS;

/** The unit a difference of two values is stated in (two shares differ by percentage points). */
export function differenceUnit(unit: Unit): Unit {
  return unit === 'percent' ? 'points' : unit;
}

/** The placeholder for the currency in a money unit's name. */
export const CURRENCY_SIGN = '¤';

/** Whether a unit is money (its name holds ¤), read from UNITS so the list is kept in one place. */
export function isMoneyUnit(unit: Unit): boolean {
  return UNITS[unit].en.includes(CURRENCY_SIGN);
}

/**
 * A unit's name in a language; `currency` (as the locale writes it, e.g. "₽") fills a money
 * unit's ¤, which stays when the currency is unknown.
 */
export function unitName(unit: Unit, locale: Locale, currency?: string | null): string {
  const name = UNITS[unit][locale];
  return currency ? name.replace(CURRENCY_SIGN, currency) : name;
}

/**
 * A raw value in the unit's scale, rounded to the digits shown. The CSV export
 * writes exactly this number, so the file and the table agree digit for digit.
 */
export function inUnit(value: number, unit: Unit, digits: number = UNITS[unit].digits): number {
  const { scale } = UNITS[unit];
  const k = 10 ** digits;
  return Math.round(value * scale * k) / k;
}

/**
 * Digits for a difference or an interval's half-width: the unit's own, or up to three more when
 * it would round to 0 (0.02 d shows as 0.02 d, not as "0 d ★"; a half-width of 0.004 GWh/yr as
 * "± 0.004", not "± 0", which reads as certainty). Table and CSV both use it.
 */
export function differenceDigits(unit: Unit, v: number): number {
  const base = UNITS[unit].digits;
  for (let d = base; d <= base + 3; d++) if (v === 0 || inUnit(v, unit, d) !== 0) return d;
  return base + 3;
}
