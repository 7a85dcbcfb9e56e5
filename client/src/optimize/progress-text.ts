import type { OptimizationProgressMessage } from '../../../server/protocol/optimization-progress.ts';
import type { Locale } from '../i18n/format.ts';
import { countText, pending, stepText } from '../experiments/progress-text.ts';
import type { OptimizeKey } from './optimize-strings.ts';

type Progress = Pick<OptimizationProgressMessage, 'status' | 'evaluated' | 'budget' | 'runsDone' | 'runsQueued' | 'phase' | 'pilots'>;

/**
 * The optimiser's progress line after its status, as the experiments page says its own: the
 * candidates simulated of the budget and the candidates' runs, and while they run, the MSER-5
 * warm-up pilots as their own step ("warm-up pilot runs 1 / 3", not counted as the candidates'
 * runs). A count that is still "0 / 0" (no run queued yet, or a record from a server before
 * planned counts were sent) is left out rather than shown.
 */
export function optimizeProgressText(locale: Locale, t: (key: OptimizeKey) => string, p: Progress): string {
  const running = p.status === 'running';
  const parts = [
    ...(running && pending(p.pilots) ? [stepText(locale, 'pilots', p.pilots)] : running ? [t(`phase_${p.phase}`)] : []),
    ...(p.budget > 0 ? [`${countText(p.evaluated, p.budget)} ${t('candidates')}`] : []),
    ...(p.runsQueued > 0 ? [`${countText(p.runsDone, p.runsQueued)} ${t('runs')}`] : []),
  ];
  return parts.join(' · ');
}
