import { describe, expect, it } from 'vitest';
import { FILE_ID_PATTERN, fileIdFromName } from '../../server/protocol/file-id.ts';

describe('file ids from typed scenario names', () => {
  it('transliterates Cyrillic letter by letter', () => {
    // Щ→shch, ё→yo, ж→zh, х→kh, ц→ts, й→y, ъ/ь dropped.
    expect(fileIdFromName('Склад перед укладкой')).toBe('sklad-pered-ukladkoy');
    expect(fileIdFromName('Щёлочь, жёсткий ход')).toBe('shchyoloch-zhyostkiy-khod');
    // № decomposes (NFKD) to "No".
    expect(fileIdFromName('Цех №2 — объём')).toBe('tsekh-no2-obyom');
  });
  it('keeps Latin names readable, drops accents and path tricks', () => {
    expect(fileIdFromName('  Pack line 8 m west!')).toBe('pack-line-8-m-west');
    expect(fileIdFromName('Café crème')).toBe('cafe-creme');
    expect(fileIdFromName('../etc/passwd')).toBe('etc-passwd');
    expect(fileIdFromName('🙂🙂')).toBe('');
  });
  it('always gives a valid id of at most 80 characters', () => {
    const id = fileIdFromName('ж'.repeat(100));
    expect(id.length).toBeLessThanOrEqual(80);
    expect(FILE_ID_PATTERN.test(id)).toBe(true);
  });
});
