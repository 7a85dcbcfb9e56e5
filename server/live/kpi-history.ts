import { KPI_FIELDS, type KpiField } from '../protocol/messages.ts';

/** KPI points kept for a joining viewer's charts: 2 minutes at 20 Hz. */
const KPI_HISTORY = 2400;

/** The recent KPI points of a session (each laid out as KPI_FIELDS), oldest first. */
export class KpiHistory {
  points: number[][] = [];

  /** After a reset the old points are meaningless: start over from `first`. */
  restart(first: number[]): void {
    this.points = [first];
  }

  push(point: number[]): void {
    this.points.push(point);
    if (this.points.length > KPI_HISTORY) this.points.splice(0, this.points.length - KPI_HISTORY);
  }
}

/** A KPI point by name (zeros for a missing point or entry). */
export function kpisByName(point: number[] | undefined): Record<KpiField, number> {
  return Object.fromEntries(KPI_FIELDS.map((f, i) => [f, point?.[i] ?? 0])) as Record<KpiField, number>;
}
