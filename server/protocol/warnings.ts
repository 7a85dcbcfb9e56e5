import { z } from 'zod';

/**
 * Reasons to distrust a result that did finish (a run too short for its transient), as a stable
 * code and its parameters, the sibling of failures.ts: a page says them in its reader's language
 * (client/src/i18n/warning-text.ts) and falls back to the English text for a code it does not know.
 * Results (a run, an experiment, an optimisation) carry both: `warnings[]`, the English sentences
 * older clients and scripts read, and `warningCodes[]`, the same warnings coded, in the same
 * order. Results stored before codes existed have only `warnings[]`.
 *
 * Every warning may name what it is about in `of`: an experiment's alternative, or an
 * optimisation's candidate (its variables as JSON).
 */
export const WARNING_CODES = [
  /** MSER-5 got fewer than 2 batches: `batch` observations each, `observations` in all. */
  'mser-too-few-observations',
  /** MSER-5's minimum lay at `endPercent` % of the horizon (second half); the first half's best, `usedPercent` %, is used. */
  'transient-too-long',
  /** Only `left` batch means remain after the warm-up (fewer than `min`). */
  'few-batches-left',
  /** The first unit finished only at `percent` % of the horizon (second half): most of the run is the line filling. */
  'first-output-late',
  /** Nothing was made after the warm-up: the measured window ends before the first finished unit. */
  'no-output-after-warmup',
  /** The horizon (`horizonS`) is not longer than the least time any part takes through the line (`leastS`): every output is 0 by construction. */
  'nothing-can-finish',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

type Params = Record<string, string | number>;

export const RunWarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type RunWarning = z.output<typeof RunWarningSchema>;

export const runWarning = (code: WarningCode, params: Params = {}): RunWarning => ({ code, params });

/** The English sentence of each warning: the text of `warnings[]`, and the page's English. */
const ENGLISH: Record<WarningCode, (p: Params) => string> = {
  'mser-too-few-observations': (p) => `MSER-5 needs at least 2 batches of ${p.batch} observations, got ${p.observations} observations`,
  'transient-too-long': (p) =>
    `the run is too short for its transient: MSER-5 puts the end of the warm-up at ${p.endPercent} % of the horizon (second half); the first half's best truncation (${p.usedPercent} %) is used, so the result may still carry start-up bias — run longer`,
  'few-batches-left': (p) => `only ${p.left} batch means remain after the warm-up (fewer than ${p.min}): run longer`,
  'first-output-late': (p) => `the first unit finished only at ${p.percent} % of the horizon: most of the run is the line filling, so rates are far below the steady state — run longer`,
  'no-output-after-warmup': () => 'no output after the warm-up: the measured window is shorter than the time to the first finished cell',
  'nothing-can-finish': (p) => `the horizon (${p.horizonS} s) ends before the first unit can be finished: the quickest path through the line takes at least ${p.leastS} s, so every output is 0 — run longer`,
};

export function warningMessage(w: RunWarning): string {
  const text = ENGLISH[w.code](w.params);
  return w.params.of === undefined ? text : `${w.params.of}: ${text}`;
}

/** The same warnings about `of` (an alternative, a candidate). */
export const warningsAbout = (of: string, warnings: readonly RunWarning[]): RunWarning[] => warnings.map((w) => ({ code: w.code, params: { ...w.params, of } }));

/** What a result carries: the English sentences (as ever) and the same warnings coded, in one order. */
export function resultWarnings(warnings: readonly RunWarning[]): { warnings: string[]; warningCodes: RunWarning[] } {
  return { warnings: warnings.map(warningMessage), warningCodes: [...warnings] };
}
