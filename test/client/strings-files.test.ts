import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatter, LOCALES } from '../../client/src/i18n/format.ts';
import { statusKey } from '../../client/src/i18n/strings-jobs.ts';
import { TRACKED_STATUSES } from '../../server/protocol/experiment-progress.ts';

const CLIENT = join(import.meta.dirname, '../../client/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('where the client keeps its words', () => {
  it('keeps every strings file under 300 lines (one concern each)', () => {
    const strings = sourceFiles(CLIENT).filter((f) => /strings[^/]*\.ts$/.test(f));
    expect(strings.length).toBeGreaterThan(4);
    const long = strings.map((f) => [relative(CLIENT, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, lines]) => lines >= 300);
    expect(long).toEqual([]);
  });

  it('writes the words of a job status in one file only', () => {
    // A key such as `status_finished: 'finished'` (quoted or not) defined in a dictionary.
    const defining = sourceFiles(CLIENT).filter((f) => /^\s*'?status_[a-z-]+'?\s*:/m.test(readFileSync(f, 'utf8')));
    expect(defining.map((f) => relative(CLIENT, f))).toEqual(['i18n/strings-jobs.ts']);
  });

  it('names every status the server tracks, differently, in each language', () => {
    for (const locale of LOCALES) {
      const f = formatter(locale);
      const words = TRACKED_STATUSES.map((s) => f.t(statusKey(s)));
      expect(new Set(words).size).toBe(TRACKED_STATUSES.length);
      for (const w of words) expect(w).not.toMatch(/^status_/);
    }
    // Russian is Russian: no Latin letters in a status word.
    for (const s of TRACKED_STATUSES) expect(formatter('ru').t(statusKey(s))).toMatch(/^[а-яё ]+$/);
  });
});

describe('how a run’s warm-up was chosen', () => {
  it('reads in the page’s language: "fixed" (as the server writes it) is "as set", an MSER-5 method "chosen by MSER-5"', async () => {
    const { warmupMethodText } = await import('../../client/src/capacity/RunNotes.tsx');
    const { PLANNER_DICTS } = await import('../../client/src/capacity/planner-strings.ts');
    const ru = (k: keyof typeof PLANNER_DICTS.ru) => PLANNER_DICTS.ru[k];
    expect(warmupMethodText('fixed', ru)).toBe('как задано');
    expect(warmupMethodText(undefined, ru)).toBe('как задано');
    expect(warmupMethodText('MSER-5', ru)).toBe('выбран методом MSER-5');
    expect(warmupMethodText('something new', ru)).toBe('something new');
  });
});

describe('Russian strings name the pages as the Russian tabs do', () => {
  it('the layout hint sends the planner to «Завод онлайн», the live page’s Russian tab, not «Live»', async () => {
    const { formatter } = await import('../../client/src/i18n/format.ts');
    const src = readFileSync(join(CLIENT, 'edit/edit-strings.ts'), 'utf8');
    expect(src).not.toMatch(/«Live»/);
    expect(src).toContain(`«${formatter('ru').t('live')}»`);
  });
});
