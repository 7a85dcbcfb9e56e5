/** Welch's graphical warm-up procedure, computed for a report. */
export interface WarmupAnalysis {
  kpi: string;
  scenario: string;
  replications: number;
  bucketS: number;
  window: number;
  /** Per interval: its end time, the KPI averaged over the pilot replications, and Welch's moving average. */
  series: { endS: number; mean: number | null; movingAverage: number | null }[];
  /** Earliest time after which the moving average stays in a band around its late level; null if it never settles. */
  suggestedWarmupS: number | null;
  configuredWarmupS: number;
}

/**
 * Welch's moving average of `y` with half-window `w`: the mean of y[i−w..i+w],
 * shrunk near the start to y[0..2i] so every average is centred. The last w
 * points have no full window and are left null.
 */
export function welchMovingAverage(y: readonly (number | null)[], w: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < y.length; i++) {
    if (i >= y.length - w) {
      out.push(null);
      continue;
    }
    const half = Math.min(w, i);
    let sum = 0;
    let count = 0;
    for (let j = i - half; j <= i + half; j++) {
      const v = y[j];
      if (v !== null) {
        sum += v;
        count++;
      }
    }
    out.push(count > 0 ? sum / count : null);
  }
  return out;
}

/**
 * Averages the pilot replications interval by interval, smooths them and
 * suggests a warm-up: the start of the first interval from which the moving
 * average stays within a band around the mean of its second half. The band is
 * 5 % of that level or two standard deviations of the second half, whichever is
 * wider, so noise alone does not push the suggestion to the end. It is guidance
 * for reading the curve, not a substitute for looking at it.
 */
export function analyseWarmup(
  runs: readonly (readonly (number | null)[])[],
  opts: { kpi: string; scenario: string; horizonS: number; window: number; configuredWarmupS: number },
): WarmupAnalysis {
  const buckets = runs[0]?.length ?? 0;
  const bucketS = buckets > 0 ? opts.horizonS / buckets : 0;
  const means: (number | null)[] = [];
  for (let b = 0; b < buckets; b++) {
    const vals = runs.map((r) => r[b]).filter((v): v is number => v !== null);
    means.push(vals.length > 0 ? vals.reduce((a, v) => a + v, 0) / vals.length : null);
  }
  const ma = welchMovingAverage(means, opts.window);
  return {
    kpi: opts.kpi,
    scenario: opts.scenario,
    replications: runs.length,
    bucketS,
    window: opts.window,
    series: means.map((m, b) => ({ endS: (b + 1) * bucketS, mean: m, movingAverage: ma[b] })),
    suggestedWarmupS: suggestWarmup(ma, bucketS),
    configuredWarmupS: opts.configuredWarmupS,
  };
}

function suggestWarmup(ma: readonly (number | null)[], bucketS: number): number | null {
  const known = ma.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  if (known.length < 4) return null;
  const late = known.slice(Math.floor(known.length / 2)).map((p) => p.v);
  const level = late.reduce((a, v) => a + v, 0) / late.length;
  const sd = Math.sqrt(late.reduce((a, v) => a + (v - level) ** 2, 0) / Math.max(1, late.length - 1));
  const band = Math.max(0.05 * Math.abs(level), 2 * sd, 1e-12);
  let settled = known.length;
  for (let k = known.length - 1; k >= 0 && Math.abs(known[k].v - level) <= band; k--) settled = k;
  // Settling only in the last quarter means the run is too short to tell.
  if (settled > (known.length * 3) / 4) return null;
  return known[settled].i * bucketS;
}
