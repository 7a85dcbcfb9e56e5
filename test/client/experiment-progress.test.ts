import { describe, expect, it } from 'vitest';
import { experimentProgressText } from '../../client/src/experiments/progress-text.ts';

/**
 * The experiments page's progress line counts replications, as the partial result does
 * ("cancelled after 4 of 500 replications"), and shows the warm-up runs as their own steps.
 */
/** The line with its no-break spaces (kept inside each count) as plain ones. */
const line = (...a: Parameters<typeof experimentProgressText>) => experimentProgressText(...a).replace(/\u00a0/g, ' ');

describe('the experiment progress line', () => {
  const running = { status: 'running' as const, done: 4, total: 500, phase: 'replications' as const };

  it('counts replications only, the Welch warm-up check beside them while it runs', () => {
    expect(line('en', { ...running, checks: { done: 3, total: 5 } })).toBe('replications 4 / 500 · warm-up check 3 / 5');
    expect(line('ru', { ...running, checks: { done: 3, total: 5 } })).toBe('репликации 4 / 500 · проверка прогрева 3 из 5');
    // Once the check is done it is no longer news.
    expect(line('en', { ...running, checks: { done: 5, total: 5 } })).toBe('replications 4 / 500');
  });

  it('shows the MSER-5 pilots as a phase before any replication is planned', () => {
    const pilots = { status: 'running' as const, done: 0, total: 0, phase: 'warm-up pilot' as const, pilots: { done: 1, total: 2 } };
    expect(line('en', pilots)).toBe('warm-up pilot runs 1 / 2');
    expect(line('ru', pilots)).toBe('пробные прогоны для разгона 1 из 2');
  });

  it('an ended experiment keeps its replication count, the same as its partial result', () => {
    expect(line('en', { ...running, status: 'cancelled', checks: { done: 2, total: 5 } })).toBe('4 / 500');
    // A count never wraps inside on a phone.
    expect(experimentProgressText('ru', { ...running, checks: { done: 3, total: 5 } })).toBe('репликации 4\u00a0/\u00a0500 · проверка прогрева 3\u00a0из\u00a05');
  });
});
