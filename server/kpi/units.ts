const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Units that left a node good: passed units of a station, units received by a sink. */
export function goodUnitsOut(stats: Record<string, unknown> | undefined): number | null {
  if (stats === undefined) return null;
  if (typeof stats.unitsProcessed === 'number') return stats.unitsProcessed - num(stats.scrapped);
  if (typeof stats.units === 'number') return stats.units;
  return null;
}
