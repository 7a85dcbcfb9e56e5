import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/files/model-files.ts';
import * as L from '../../server/protocol/limits.ts';

/** The README's table as it must read: one row per entry of LIMITS_TABLE, values as limits.ts holds them. */
export function limitsTable(): string {
  const rows = L.LIMITS_TABLE.map((l) => `| \`${l.name}\` | ${l.value.toLocaleString('en-US', { maximumFractionDigits: 6 })} | ${l.bounds} |`);
  return ['| limit | value | bounds |', '|---|---|---|', ...rows].join('\n');
}

describe('README "Limits" table', () => {
  it('lists exactly the constants of server/protocol/limits.ts with their values', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const block = /<!-- limits:begin[^>]*-->\n([\s\S]*?)\n<!-- limits:end -->/.exec(readme);
    expect(block, 'README.md needs a <!-- limits:begin --> … <!-- limits:end --> block').not.toBeNull();
    // On a mismatch, the expected text below is what to paste between the markers.
    expect(block![1]).toBe(limitsTable());
  });

  it('every exported limit is in the table', () => {
    const exported = Object.entries(L).filter(([name, v]) => /^(MAX|MIN|DEFAULT)_/.test(name) && typeof v === 'number').map(([name]) => name);
    expect(L.LIMITS_TABLE.map((l) => l.name).sort()).toEqual(exported.sort());
  });
});
