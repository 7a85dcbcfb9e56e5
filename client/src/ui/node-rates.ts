/**
 * Cycles per hour from a cumulative count history: the slope between samples `window` apart.
 * The first column is sim time in seconds; resets (count going down) read as 0, not negative.
 */
export function ratePerHour(times: number[], counts: number[], window = 5): number[] {
  const n = Math.min(times.length, counts.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const j = Math.max(0, i - window);
    const dt = times[i] - times[j];
    const dc = counts[i] - counts[j];
    out[i] = dt > 0 && dc >= 0 ? (dc * 3600) / dt : 0;
  }
  return out;
}
