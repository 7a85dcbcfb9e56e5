import { ExperimentPartialSchema, OptimizationPartialSchema, partialMark, type ExperimentPartial, type OptimizationPartial, type StopReason } from '../../../server/protocol/partial-result.ts';
import type { Locale } from '../i18n/format.ts';
import { nounFor } from '../i18n/plurals.ts';

/**
 * The words for a result that was stopped before it finished (cancelled, timed out, or
 * interrupted on the command line), for the experiments and optimiser pages. The mark is
 * validated at the edge (server/protocol/partial-result.ts): a result without one, stored
 * before partial results existed or complete, reads as complete.
 */
export const experimentPartial = (result: unknown): ExperimentPartial | null => partialMark(ExperimentPartialSchema, result);
export const optimizationPartial = (result: unknown): OptimizationPartial | null => partialMark(OptimizationPartialSchema, result);

/** How a run was stopped, before "after 7 of 20 replications". */
const STOPPED: Record<Locale, Record<StopReason, string>> = {
  en: { cancelled: 'cancelled', 'timed-out': 'stopped at the time limit', interrupted: 'interrupted' },
  ru: { cancelled: 'отменено', 'timed-out': 'остановлено по лимиту времени', interrupted: 'прервано' },
};

/** One alternative's count: "cancelled after 7 of 20 replications" / «отменено после 7 из 20 репликаций». */
export function replicationsLine(locale: Locale, by: StopReason, finished: number, planned: number): string {
  const noun = nounFor(locale, planned, 'replicationsOf');
  if (locale === 'ru') return `${STOPPED.ru[by]} после ${finished} из ${planned} ${noun}`;
  return `${STOPPED.en[by]} after ${finished} of ${planned} ${noun}`;
}

/** Why an alternative shows less than a mean with its interval, or null when it has both. */
export function missingIntervalNote(locale: Locale, finished: number): string | null {
  if (finished >= 2) return null;
  if (finished === 0) return locale === 'ru' ? 'ни одна репликация не завершена — значений нет' : 'no replication finished — no values';
  return locale === 'ru' ? 'завершена одна репликация — среднее без интервала (для интервала нужны хотя бы две)' : 'one replication finished — a mean without an interval (an interval needs at least two)';
}

const EXPERIMENT_HEAD: Record<Locale, Record<StopReason, string>> = {
  en: { cancelled: 'The experiment was cancelled', 'timed-out': 'The experiment was stopped at the time limit (EXPERIMENT_TIMEOUT)', interrupted: 'The experiment was interrupted' },
  ru: { cancelled: 'Эксперимент отменён', 'timed-out': 'Эксперимент остановлен по лимиту времени (EXPERIMENT_TIMEOUT)', interrupted: 'Эксперимент прерван' },
};

/** The experiment's headline: partial, when it stopped, and what the figures are over. */
export function experimentPartialHeadline(locale: Locale, p: ExperimentPartial): string {
  const pilot = p.phase === 'warm-up pilot';
  if (locale === 'ru') {
    return `Частичный результат. ${EXPERIMENT_HEAD.ru[p.stoppedBy]} ${pilot ? 'во время пробных прогонов для разгона: ни одна репликация ещё не измерена.' : 'во время репликаций: средние, интервалы и разности посчитаны только по завершённым репликациям (разности — по репликациям, завершённым у обеих альтернатив).'}`;
  }
  return `Partial result. ${EXPERIMENT_HEAD.en[p.stoppedBy]} ${pilot ? 'during the warm-up pilot runs: no replication was measured yet.' : 'during the replications: means, intervals and differences use only the replications that finished (differences only those finished by both alternatives).'}`;
}

const OPTIMIZATION_HEAD: Record<Locale, Record<StopReason, string>> = {
  en: { cancelled: 'The optimisation was cancelled', 'timed-out': 'The optimisation was stopped at the time limit (EXPERIMENT_TIMEOUT)', interrupted: 'The optimisation was interrupted' },
  ru: { cancelled: 'Оптимизация отменена', 'timed-out': 'Оптимизация остановлена по лимиту времени (EXPERIMENT_TIMEOUT)', interrupted: 'Оптимизация прервана' },
};

const STAGE: Record<Locale, Record<OptimizationPartial['phase'], string>> = {
  en: { 'warm-up pilot': 'during the warm-up pilot runs', search: 'during the search', refine: 'while refining close candidates' },
  ru: { 'warm-up pilot': 'во время пробных прогонов для разгона', search: 'на этапе поиска', refine: 'на этапе уточнения близких вариантов' },
};

/** The optimisation's headline: partial, the stage it stopped in, and which candidates the table holds. */
export function optimizationPartialHeadline(locale: Locale, p: OptimizationPartial): string {
  if (locale === 'ru') {
    const left = p.unfinished > 0 ? `; ещё ${p.unfinished} начаты, но не завершены и не показаны` : '';
    return `Частичный результат. ${OPTIMIZATION_HEAD.ru[p.stoppedBy]} ${STAGE.ru[p.phase]}. Полностью оценено вариантов: ${p.evaluated}${left}. Лучший выбран только среди них.`;
  }
  const left = p.unfinished > 0 ? `; ${p.unfinished} more were started but not finished and are not shown` : '';
  return `Partial result. ${OPTIMIZATION_HEAD.en[p.stoppedBy]} ${STAGE.en[p.phase]}. Candidates fully evaluated: ${p.evaluated}${left}. The best is the best of these only.`;
}
