import { describe, expect, it } from 'vitest';
import { experimentProgressText } from '../../client/src/experiments/progress-text.ts';
import { optimizeText } from '../../client/src/optimize/optimize-strings.ts';
import { optimizeProgressText } from '../../client/src/optimize/progress-text.ts';
import type { Locale } from '../../client/src/i18n/format.ts';
import type { OptimizationProgressMessage } from '../../server/protocol/optimization-progress.ts';

/**
 * The optimiser page's progress line counts the candidates and their runs; the MSER-5 warm-up
 * pilots are their own step while they run, as on the experiments page, not "runs 3 / 3" before
 * any candidate ran. A job with no count (timed out before a server that sends planned counts
 * started it) says its status alone, not "0 / 0".
 */
type Progress = Parameters<typeof optimizeProgressText>[2];
const line = (locale: Locale, p: Progress) => optimizeProgressText(locale, optimizeText(locale), p);
const plain = (s: string) => s.replace(/\u00a0/g, ' ');
const running: Progress = { status: 'running', evaluated: 0, budget: 36, runsDone: 0, runsQueued: 0, phase: 'search', pilots: { done: 1, total: 3 } };

describe('the optimiser progress line', () => {
  it('shows the warm-up pilots as their own step, without candidate runs', () => {
    expect(plain(line('en', running))).toBe('warm-up pilot runs 1 / 3 · 0 / 36 candidates');
    expect(plain(line('ru', running))).toBe('пробные прогоны для разгона 1 из 3 · 0 / 36 вариантов');
    // No-break spaces inside each count, so "1 / 3" never splits on a phone.
    expect(line('ru', running)).toContain('1\u00a0из\u00a03');
    expect(line('ru', running)).toContain('0\u00a0/\u00a036');
  });

  it('then the phase and the candidates’ runs alone', () => {
    const searching: Progress = { ...running, evaluated: 4, runsDone: 7, runsQueued: 10, pilots: { done: 3, total: 3 } };
    expect(plain(line('en', searching))).toBe('search · 4 / 36 candidates · 7 / 10 runs');
    expect(plain(line('ru', searching))).toBe('поиск · 4 / 36 вариантов · 7 / 10 прогонов');
  });

  it('an ended job shows its counts without the phase, and no "0 / 0"', () => {
    const timedOut: Progress = { ...running, status: 'timed-out' };
    expect(plain(line('en', timedOut))).toBe('0 / 36 candidates');
    const older: Progress = { status: 'timed-out', evaluated: 0, budget: 0, runsDone: 0, runsQueued: 0, phase: 'search' } satisfies Pick<OptimizationProgressMessage, keyof Progress>;
    expect(line('en', older)).toBe('');
    expect(experimentProgressText('ru', { status: 'timed-out', done: 0, total: 0, phase: 'replications' })).toBe('');
    expect(plain(experimentProgressText('ru', { status: 'timed-out', done: 0, total: 500, phase: 'warm-up pilot' }))).toBe('0 / 500');
  });
});
