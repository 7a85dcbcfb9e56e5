import { en, ru, type StringKey } from './strings.ts';
import { nounFor, type Noun } from './plurals.ts';
import { UNITS, differenceDigits, inUnit, unitName, type Unit } from './units.ts';

export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];

const INTL_TAG: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' };
const DICTS: Record<Locale, Record<StringKey, string>> = { ru, en };

export function isLocale(v: unknown): v is Locale {
  return v === 'ru' || v === 'en';
}

/** Translation plus locale-aware number formatting; one object per locale so formatters are built once. */
export interface Formatter {
  locale: Locale;
  t(key: StringKey): string;
  /** A number with at most `digits` fraction digits, grouped per locale; '—' when not finite. */
  num(v: number | undefined | null, digits?: number): string;
  /** A share 0..1 as a percentage. */
  pct(v: number | undefined | null, digits?: number): string;
  /** A duration in seconds, in the largest sensible unit (s, min, h, d). */
  duration(seconds: number | undefined | null): string;
  /** Simulation clock as "d 3, 14:05:09" / "сут 3, 14:05:09". */
  clock(seconds: number): string;
  /** A count with its noun in the right plural form: "5 наблюдателей", "1 viewer". */
  count(n: number, noun: Noun, digits?: number): string;
  /**
   * A raw result value in a named unit, e.g. 1 617 565 s as "18,7 сут", 0.973 as "97,3 %",
   * 4.43 as "4,43 GWh/yr". `signed` puts a + on positive numbers (differences);
   * `bare` leaves the unit's name out (a column that names it in its header).
   * `currency` is the run's currency code, named in a money unit (see unit()).
   */
  measure(v: number | undefined | null, unit: Unit, opts?: { signed?: boolean; bare?: boolean; digits?: number; currency?: string | null }): string;
  /**
   * A mean and its 95 % half-width, "4,30 ГВт·ч/год ± 0,01": both with the digits that show the
   * half-width (differenceDigits), so a narrow interval reads "2.860 ± 0.004", never "2.86 ± 0".
   */
  estimate(mean: number | undefined | null, halfWidth: number | null, unit: Unit, opts?: { currency?: string | null }): string;
  /**
   * A unit's name in this locale; a money unit names `currency` (the run's ISO code) as
   * currency() writes it ("₽/кВт·ч", "RUB/kWh"), or the generic sign ¤ when the run does not say.
   */
  unit(unit: Unit, currency?: string | null): string;
  /**
   * A model's currency (`product.currency`, an ISO 4217 code) as this locale writes it:
   * RUB is "₽" in Russian and "RUB" in English, EUR "€" in both; a code Intl does not
   * accept (a model may write any short name) is shown as written.
   */
  currency(code: string): string;
}

const cache = new Map<Locale, Formatter>();

export function formatter(locale: Locale): Formatter {
  const hit = cache.get(locale);
  if (hit) return hit;
  const tag = INTL_TAG[locale];
  const dict = DICTS[locale];
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let f = numberFormats.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(tag, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
      numberFormats.set(digits, f);
    }
    return f;
  };
  const pctFormats = new Map<number, Intl.NumberFormat>();
  const pctFormat = (digits: number) => {
    let f = pctFormats.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits });
      pctFormats.set(digits, f);
    }
    return f;
  };
  const t = (key: StringKey) => dict[key] ?? en[key];
  const num = (v: number | undefined | null, digits = 1) => (v == null || !Number.isFinite(v) ? '—' : numberFormat(digits).format(v));
  const measure: Formatter['measure'] = (v, unit, opts = {}) => {
    if (v == null || !Number.isFinite(v)) return '—';
    const digits = opts.digits ?? UNITS[unit].digits;
    const shown = inUnit(v, unit, digits) || 0; // no "-0" for a difference that rounds away
    const text = numberFormat(digits).format(shown);
    const sign = opts.signed && shown > 0 ? '+' : '';
    const name = unitOf(unit, opts.currency);
    if (opts.bare || name === '') return `${sign}${text}`;
    // English writes 97.3%, Russian 97,3 % (with a no-break space, as Intl does).
    return unit === 'percent' && locale === 'en' ? `${sign}${text}%` : `${sign}${text}\u00a0${name}`;
  };
  const estimate: Formatter['estimate'] = (mean, halfWidth, unit, opts = {}) => {
    if (halfWidth === null || !Number.isFinite(halfWidth)) return measure(mean, unit, opts);
    const digits = differenceDigits(unit, halfWidth);
    return `${measure(mean, unit, { ...opts, digits })} ± ${measure(halfWidth, unit, { bare: true, digits })}`;
  };
  const currencies = new Map<string, string>();
  const currency = (code: string) => {
    let shown = currencies.get(code);
    if (shown === undefined) {
      try {
        shown = new Intl.NumberFormat(tag, { style: 'currency', currency: code }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? code;
      } catch {
        shown = code; // not a well-formed ISO code (RangeError): the model's own name for it
      }
      currencies.set(code, shown);
    }
    return shown;
  };
  const unitOf = (unit: Unit, code?: string | null) => unitName(unit, locale, code ? currency(code) : null);
  const f: Formatter = {
    measure,
    estimate,
    unit: unitOf,
    currency,
    locale,
    t,
    num,
    pct: (v, digits = 1) => (v == null || !Number.isFinite(v) ? '—' : pctFormat(digits).format(v)),
    duration(s) {
      if (s == null || !Number.isFinite(s)) return '—';
      const abs = Math.abs(s);
      if (abs < 120) return `${num(s, 1)} ${t('unitS')}`;
      if (abs < 2 * 3600) return `${num(s / 60, 1)} ${t('unitMin')}`;
      if (abs < 2 * 86400) return `${num(s / 3600, 1)} ${t('unitH')}`;
      return `${num(s / 86400, 1)} ${t('unitD')}`;
    },
    clock(s) {
      const total = Math.max(0, Math.floor(s));
      const day = Math.floor(total / 86400);
      const rest = total % 86400;
      const two = (n: number) => String(n).padStart(2, '0');
      const hms = `${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
      return `${t('unitD')} ${numberFormat(0).format(day)}, ${hms}`;
    },
    count: (n, noun, digits = 0) => `${num(n, digits)} ${nounFor(locale, n, noun)}`,
  };
  cache.set(locale, f);
  return f;
}

/** A catalog entry's name (model, scenario, script) in the current language, falling back to English, then the id. */
export function nameOf(item: { id: string; name?: string | null; nameRu?: string | null }, locale: Locale): string {
  if (locale === 'ru' && item.nameRu) return item.nameRu;
  return item.name || item.id;
}

/** The model's label for a node or area in the current language, falling back to English, then the id. */
export function labelOf(item: { id: string; label?: string; labelRu?: string }, locale: Locale): string {
  if (locale === 'ru' && item.labelRu) return item.labelRu;
  return item.label ?? item.id;
}

/** Names node ids by their labels in `labels` (a result's `sinkLabels`), in the current language; an id without a label is its own name. */
export function labelsOf(labels: Record<string, { label?: string; labelRu?: string }> | undefined, locale: Locale): (id: string) => string {
  return (id) => labelOf({ id, ...labels?.[id] }, locale);
}
