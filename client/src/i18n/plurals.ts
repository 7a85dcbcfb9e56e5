import type { Locale } from './format.ts';

/**
 * Nouns that follow a count, in every plural form the language has
 * (Intl.PluralRules: English one/other; Russian one/few/many/other:
 * 1 наблюдатель, 2 наблюдателя, 5 наблюдателей, 1,5 наблюдателя).
 */
type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export const NOUNS = {
  viewers: { en: { one: 'viewer', other: 'viewers' }, ru: { one: 'наблюдатель', few: 'наблюдателя', many: 'наблюдателей', other: 'наблюдателя' } },
  cells: { en: { one: 'cell', other: 'cells' }, ru: { one: 'ячейка', few: 'ячейки', many: 'ячеек', other: 'ячейки' } },
  days: { en: { one: 'day', other: 'days' }, ru: { one: 'сутки', few: 'суток', many: 'суток', other: 'суток' } },
  sessions: { en: { one: 'session', other: 'sessions' }, ru: { one: 'сессия', few: 'сессии', many: 'сессий', other: 'сессии' } },
  // After «из N» Russian takes the genitive: «из 21 репликации», «из 20 репликаций».
  replicationsOf: { en: { one: 'replication', other: 'replications' }, ru: { one: 'репликации', other: 'репликаций' } },
} satisfies Record<string, Record<Locale, Forms>>;

export type Noun = keyof typeof NOUNS;

const rules = new Map<Locale, Intl.PluralRules>();

/** The noun in the form that goes with `n` ("5 наблюдателей" → "наблюдателей"). */
export function nounFor(locale: Locale, n: number, noun: Noun): string {
  let r = rules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    rules.set(locale, r);
  }
  const forms: Forms = NOUNS[noun][locale];
  return forms[r.select(n)] ?? forms.other;
}
