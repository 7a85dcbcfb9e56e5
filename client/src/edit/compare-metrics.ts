import { runMetrics, type Metric } from '../capacity/run-results.ts';

/**
 * The KPIs a layout changes, in the order the layout comparison shows them:
 * output, lead time, and what transport does (result paths of server/kpi; names
 * and units come from capacity/result-rows.ts, the one list of result rows).
 */
export const COMPARE_PATHS = [
  'kpis.cellsPerDay',
  'kpis.packsPerDay',
  'kpis.leadTimeS.mean',
  'kpis.transport.vehicleUtilization',
  'kpis.transport.waitForTransportS',
  'kpis.transport.totalTravelMPerDay',
] as const;

/** The comparison's metrics from a run reply by path (total travel also per measured day, see runMetrics). */
export function compareMetrics(body: unknown): Map<string, Metric> {
  return new Map(runMetrics(body).map((m) => [m.path, m]));
}
