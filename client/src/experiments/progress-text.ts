import type { ExperimentProgressMessage, RunCount } from '../../../server/protocol/experiment-progress.ts';
import type { Locale } from '../i18n/format.ts';

/**
 * The experiment's progress line after its status: the replications finished of those planned
 * (the count a partial result reports: "4 / 500" here is "4 of 500" there), and while they run,
 * the runs that measure nothing as their own steps: the MSER-5 warm-up pilots and the Welch
 * warm-up check ("warm-up check 3 / 5", «проверка прогрева 3 из 5»), shown until they are done.
 * The optimiser's line (optimize/progress-text.ts) says its pilots with the same words.
 */
const WORDS: Record<Locale, { replications: string; pilots: string; check: string; of: string }> = {
  en: { replications: 'replications', pilots: 'warm-up pilot runs', check: 'warm-up check', of: '/' },
  ru: { replications: 'репликации', pilots: 'пробные прогоны для разгона', check: 'проверка прогрева', of: 'из' },
};

type Progress = Pick<ExperimentProgressMessage, 'status' | 'done' | 'total' | 'phase' | 'pilots' | 'checks'>;

/** "4 / 500", with no-break spaces, so a narrow screen never wraps "4 /" from "500". */
export const countText = (done: number, total: number): string => `${done}\u00a0/\u00a0${total}`;

/** A step besides the main count while it is not done, e.g. "warm-up pilot runs 1 / 3"; its bare name while its count is unknown. */
export function stepText(locale: Locale, step: 'pilots' | 'check', c: RunCount | undefined): string {
  const w = WORDS[locale];
  return c === undefined ? w[step] : `${w[step]} ${c.done}\u00a0${w.of}\u00a0${c.total}`;
}

/** The pilot runs a finished search made besides its candidates' runs ("warm-up pilot runs: 3"). */
export const pilotRunsText = (locale: Locale, n: number): string => `${WORDS[locale].pilots}: ${n}`;

/** A step's count is news while runs of it are left. */
export const pending = (c: RunCount | undefined): c is RunCount => c !== undefined && c.done < c.total;

export function experimentProgressText(locale: Locale, p: Progress): string {
  const w = WORDS[locale];
  const replications = countText(p.done, p.total);
  // An ended job with nothing planned (a record from a server before planned counts were sent) says its status alone, not "0 / 0".
  if (p.status !== 'running') return p.total === 0 ? '' : replications;
  // Before the first replication is planned (the pilots decide the warm-up), "0 / 0" would say nothing.
  if (p.phase === 'warm-up pilot') return stepText(locale, 'pilots', pending(p.pilots) ? p.pilots : undefined);
  return [`${w.replications} ${replications}`, ...(pending(p.checks) ? [stepText(locale, 'check', p.checks)] : [])].join(' · ');
}
