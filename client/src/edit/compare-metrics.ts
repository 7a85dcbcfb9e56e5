import { flattenMetrics, resultOf, type Metric } from '../capacity/run-results.ts';
import type { EditKey } from './edit-strings.ts';

/** A row of the layout comparison: which KPI of a POST /api/runs result, and how to show it. */
export interface CompareRow {
  key: EditKey | 'cellsPerDay' | 'packsPerDay';
  path: string;
  unit: 'perDay' | 'duration' | 'share' | 'metresPerDay';
}

/** The KPIs a layout changes: output, lead time, and what transport does (result paths of server/kpi). */
export const COMPARE_ROWS: CompareRow[] = [
  { key: 'cellsPerDay', path: 'kpis.cellsPerDay', unit: 'perDay' },
  { key: 'packsPerDay', path: 'kpis.packsPerDay', unit: 'perDay' },
  { key: 'leadTime', path: 'kpis.leadTimeS.mean', unit: 'duration' },
  { key: 'vehicleUtil', path: 'kpis.transport.vehicleUtilization', unit: 'share' },
  { key: 'waitTransport', path: 'kpis.transport.waitForTransportS', unit: 'duration' },
  { key: 'travelTotal', path: 'kpis.transport.totalTravelMPerDay', unit: 'metresPerDay' },
];

/**
 * The comparison's metrics from a run reply. Total travel is turned into metres
 * per day of the measured period, so layouts run over different horizons still
 * compare; the scaling is linear, so the CI scales with it.
 */
export function compareMetrics(body: unknown): Map<string, Metric> {
  const metrics = flattenMetrics(resultOf(body));
  const byPath = new Map(metrics.map((m) => [m.path, m]));
  const travel = byPath.get('kpis.transport.totalTravelM');
  const measured = byPath.get('kpis.measuredS')?.value;
  if (travel && measured !== undefined && measured > 0) {
    const k = 86400 / measured;
    byPath.set('kpis.transport.totalTravelMPerDay', { path: 'kpis.transport.totalTravelMPerDay', value: travel.value * k, ci: travel.ci === null ? null : travel.ci * k });
  }
  return byPath;
}

/** Whether the difference of two means is larger than their CIs allow by chance (non-overlapping intervals, a conservative test). */
export function clearlyDifferent(a: Metric | undefined, b: Metric | undefined): boolean {
  if (!a || !b || a.ci === null || b.ci === null) return false;
  return Math.abs(a.value - b.value) > a.ci + b.ci;
}
