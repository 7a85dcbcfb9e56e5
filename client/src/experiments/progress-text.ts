import type { ExperimentProgressMessage, RunCount } from '../../../server/protocol/experiment-progress.ts';
import type { Locale } from '../i18n/format.ts';

/**
 * The experiment's progress line after its status: the replications finished of those planned
 * (the count a partial result reports: "4 / 500" here is "4 of 500" there), and while they run,
 * the runs that measure nothing as their own steps: the MSER-5 warm-up pilots and the Welch
 * warm-up check ("warm-up check 3 / 5", «проверка прогрева 3 из 5»), shown until they are done.
 */
const WORDS: Record<Locale, { replications: string; pilots: string; check: string; of: string }> = {
  en: { replications: 'replications', pilots: 'warm-up pilot runs', check: 'warm-up check', of: '/' },
  ru: { replications: 'репликации', pilots: 'пробные прогоны для разгона', check: 'проверка прогрева', of: 'из' },
};

type Progress = Pick<ExperimentProgressMessage, 'status' | 'done' | 'total' | 'phase' | 'pilots' | 'checks'>;

export function experimentProgressText(locale: Locale, p: Progress): string {
  const w = WORDS[locale];
  // No-break spaces inside a count, so a narrow screen never wraps "1 /" from "500".
  const count = (label: string, c: RunCount) => `${label} ${c.done}\u00a0${w.of}\u00a0${c.total}`;
  const replications = `${p.done}\u00a0/\u00a0${p.total}`;
  if (p.status !== 'running') return replications;
  const pending = (c: RunCount | undefined): c is RunCount => c !== undefined && c.done < c.total;
  // Before the first replication is planned (the pilots decide the warm-up), "0 / 0" would say nothing.
  if (p.phase === 'warm-up pilot') return pending(p.pilots) ? count(w.pilots, p.pilots) : w.pilots;
  return [`${w.replications} ${replications}`, ...(pending(p.checks) ? [count(w.check, p.checks)] : [])].join(' · ');
}
