import { runWarning, type RunWarning } from '../protocol/warnings.ts';

/**
 * MSER-5 truncation (White 1997; White, Cobb & Spratt 2000): average the output
 * series in batches of 5, then pick the number of leading batches d that
 * minimises the marginal standard error of the mean of what is left,
 *   MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (m − d)²,
 * so the transient is cut where cutting more would cost more precision than
 * the bias it removes. Pure arithmetic: no engine, no plant.
 */
export const MSER_BATCH = 5;
/** Fewer batch means than this after truncation make the mean too uncertain to report without a warning. */
export const MSER_MIN_BATCHES_LEFT = 30;

export interface MserResult {
  /** Observations to discard (a multiple of the batch size). */
  truncation: number;
  /** Batch means formed (whole batches only). */
  batches: number;
  /** MSER's minimum over the whole run lay in its second half: the run is too short for its transient. */
  inSecondHalf: boolean;
  /** Reasons to distrust the truncated mean (empty when none). */
  warnings: RunWarning[];
}

/** MSER-5 on `series`; when the global minimum is in the second half, the first half's minimum is used and a warning given. */
export function mser5(series: readonly number[], batch = MSER_BATCH): MserResult {
  const m = Math.floor(series.length / batch);
  const z: number[] = [];
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < batch; i++) s += series[j * batch + i];
    z.push(s / batch);
  }
  if (m < 2) return { truncation: 0, batches: m, inSecondHalf: false, warnings: [runWarning('mser-too-few-observations', { batch, observations: series.length })] };
  // Suffix sums give every MSER(d) in one pass: Σ(Z − Z̄)² = Σ Z² − (Σ Z)² / n.
  const statistic = new Float64Array(m - 1);
  let sum = 0;
  let sumSq = 0;
  for (let d = m - 1; d >= 0; d--) {
    sum += z[d];
    sumSq += z[d] * z[d];
    const n = m - d;
    if (n >= 2) statistic[d] = Math.max(0, sumSq - (sum * sum) / n) / (n * n);
  }
  const argmin = (upTo: number) => {
    let best = 0;
    for (let d = 1; d <= upTo; d++) if (statistic[d] < statistic[best]) best = d;
    return best;
  };
  // Tails shorter than MSER_MIN_BATCHES_LEFT are not candidates: two similar last batches would make MSER tiny by chance.
  const global = argmin(Math.max(0, m - Math.max(2, Math.min(MSER_MIN_BATCHES_LEFT, Math.floor(m / 4)))));
  const half = Math.floor(m / 2);
  const inSecondHalf = global > half;
  const d = inSecondHalf ? argmin(half) : global;
  const warnings: RunWarning[] = [];
  const percent = (k: number) => Math.round((k / m) * 100);
  if (inSecondHalf) warnings.push(runWarning('transient-too-long', { endPercent: percent(global), usedPercent: percent(d) }));
  if (m - d < MSER_MIN_BATCHES_LEFT) warnings.push(runWarning('few-batches-left', { left: m - d, min: MSER_MIN_BATCHES_LEFT }));
  return { truncation: d * batch, batches: m, inSecondHalf, warnings };
}
