import { describe, expect, it } from 'vitest';
import { formatFixed, formatNumber, formatTable, formatWithCi, NO_VALUE } from '../../server/protocol/text-format.ts';

describe('the text reports formatter', () => {
  it('spells every kind of missing value the same way', () => {
    for (const x of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(formatNumber(x)).toBe(NO_VALUE);
      expect(formatFixed(x, 2)).toBe(NO_VALUE);
    }
    expect(NO_VALUE).toBe('—');
  });

  it('prints integers as they are, large values whole, others to 5 significant digits', () => {
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(123456.7)).toBe('123457');
    expect(formatNumber(190 / 3)).toBe('63.333');
    expect(formatNumber(0.95)).toBe('0.95');
    expect(formatFixed(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatWithCi(10.5, 0.25)).toBe('10.5 ± 0.25');
    expect(formatWithCi(10.5, undefined)).toBe('10.5');
  });

  it('aligns a table: first column left, the rest right, a rule under the header', () => {
    const text = formatTable(['node', 'parts'], [['a', 5], ['long-name', null]]);
    expect(text.split('\n')).toEqual(['node       parts', '---------  -----', 'a              5', `long-name      ${NO_VALUE}`]);
  });
});
