import { describe, expect, it } from 'vitest';
import { formatter, labelOf } from '../../client/src/i18n/format.ts';
import { en, ru } from '../../client/src/i18n/strings.ts';
import { differenceDigits, inUnit } from '../../client/src/i18n/units.ts';

// Intl uses narrow no-break spaces as Russian group separators; normalise them for readable expectations.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('i18n formatting', () => {
  it('groups and decimals per locale', () => {
    expect(plain(formatter('ru').num(1234567.891, 2))).toBe('1 234 567,89');
    expect(formatter('en').num(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatter('en').num(NaN)).toBe('—');
    expect(formatter('ru').num(undefined)).toBe('—');
  });

  it('formats shares as percentages', () => {
    expect(plain(formatter('ru').pct(0.9731, 1))).toBe('97,3 %');
    expect(formatter('en').pct(0.9731, 1)).toBe('97.3%');
  });

  it('states durations in the largest sensible unit, in the language', () => {
    expect(formatter('en').duration(45)).toBe('45 s');
    expect(formatter('ru').duration(45)).toBe('45 с');
    expect(plain(formatter('ru').duration(5400))).toBe('90 мин');
    expect(formatter('en').duration(3 * 3600)).toBe('3 h');
    expect(plain(formatter('ru').duration(3.5 * 86400))).toBe('3,5 сут');
  });

  it('writes a mean and its 95 % half-width with the digits that show the half-width', () => {
    // 155 replications of a 30-day run: 2.8604 ± 0.0041 GWh/yr; at the unit's 2 digits the half-width
    // would read "± 0". (Trailing zeros are dropped, as everywhere: 2.860 reads 2.86.)
    expect(plain(formatter('en').estimate(2.8604, 0.0041, 'gwhPerYear'))).toBe('2.86 GWh/yr ± 0.004');
    expect(plain(formatter('ru').estimate(2.8614, 0.0041, 'gwhPerYear'))).toBe('2,861 ГВт·ч/год ± 0,004');
    // A half-width that shows at the unit's digits keeps them.
    expect(plain(formatter('ru').estimate(4.2986, 0.0123, 'gwhPerYear'))).toBe('4,3 ГВт·ч/год ± 0,01');
    // Identical replications: the interval is truly 0.
    expect(plain(formatter('en').estimate(4.2986, 0, 'gwhPerYear'))).toBe('4.3 GWh/yr ± 0');
    // No interval (one replication): the mean alone.
    expect(plain(formatter('en').estimate(4.2986, null, 'gwhPerYear'))).toBe('4.3 GWh/yr');
  });

  it('shows the sim clock as day and time of day', () => {
    expect(formatter('en').clock(2 * 86400 + 3661)).toBe('d 2, 01:01:01');
    expect(formatter('ru').clock(59)).toBe('сут 0, 00:00:59');
  });

  it('picks the Russian label when there is one and falls back to English, then the id', () => {
    expect(labelOf({ id: 'eol', label: 'End-of-line test', labelRu: 'Выходной контроль' }, 'ru')).toBe('Выходной контроль');
    expect(labelOf({ id: 'eol', label: 'End-of-line test', labelRu: 'Выходной контроль' }, 'en')).toBe('End-of-line test');
    expect(labelOf({ id: 'eol', label: 'End-of-line test' }, 'ru')).toBe('End-of-line test');
    expect(labelOf({ id: 'eol' }, 'ru')).toBe('eol');
  });

  it('has every English string translated, none left blank', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(ru[key], key).toMatch(/\S/);
  });
});

describe('unit-aware results', () => {
  it('shows lead time in days, shares in per cent, energy in GWh/yr, per language', () => {
    // 1 617 565 s / 86 400 s/d = 18.72 d → one decimal.
    expect(plain(formatter('ru').measure(1_617_565, 'days'))).toBe('18,7 сут');
    expect(plain(formatter('en').measure(1_617_565, 'days'))).toBe('18.7 d');
    expect(plain(formatter('en').measure(0.9731, 'percent'))).toBe('97.3%');
    expect(plain(formatter('ru').measure(0.9731, 'percent'))).toBe('97,3 %');
    expect(plain(formatter('ru').measure(4.4321, 'gwhPerYear'))).toBe('4,43 ГВт·ч/год');
    expect(plain(formatter('en').measure(72_215.4, 'cellsPerDay'))).toBe('72,215 cells/day');
    expect(plain(formatter('ru').measure(7200, 'hours'))).toBe('2 ч');
    expect(plain(formatter('ru').measure(340, 'metresPerDay'))).toBe('340 м/сут');
  });

  it('signs differences, drops the unit on request, and never shows −0', () => {
    expect(plain(formatter('en').measure(1234.4, 'cellsPerDay', { signed: true }))).toBe('+1,234 cells/day');
    expect(plain(formatter('en').measure(-0.004, 'points', { signed: true }))).toBe('-0.4 pp');
    expect(plain(formatter('en').measure(-0.0004, 'percent', { signed: true, bare: true }))).toBe('0');
    expect(plain(formatter('en').measure(null, 'days'))).toBe('—');
  });
});

describe('differences that would round to zero', () => {
  it('gain digits instead of showing "0 d"', () => {
    // 1 728 s = 0.02 d: one digit rounds it to 0.0, two show 0.02.
    expect(differenceDigits('days', 1728)).toBe(2);
    expect(inUnit(1728, 'days', 2)).toBe(0.02);
    expect(plain(formatter('en').measure(1728, 'days', { signed: true, digits: 2 }))).toBe('+0.02 d');
    expect(differenceDigits('cellsPerDay', 30)).toBe(0); // 30 cells/day already shows
    expect(differenceDigits('days', 0)).toBe(1);
  });
});
