import { computeKpis } from '../kpi/index.ts';
import type { ReplicationReport } from '../plant/report.ts';
import type { Model } from '../protocol/model.ts';

/** One replication's KPIs, keyed by dotted path into its report (`sinks.out.perHour`). */
export type Metrics = Record<string, number>;

/** Every finite numeric leaf of a report, keyed by its dotted path. */
export function flattenReport(report: ReplicationReport | Record<string, unknown>): Metrics {
  const out: Metrics = {};
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) out[prefix] = value;
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, prefix === '' ? key : `${prefix}.${key}`);
    }
  };
  walk(report, '');
  return out;
}

/** KPIs of the KPI module (`kpi.gwhPerYear`, `kpi.oee.formation.oee`, …) live under this prefix. */
export const KPI_PREFIX = 'kpi.';

/**
 * Everything measurable about one replication (or one interval of it): the
 * report's fields plus, when `withKpis`, the plant KPIs under `kpi.`.
 */
export function measure(model: Model, report: ReplicationReport, horizonS: number, warmupS: number, withKpis: boolean): Metrics {
  const metrics = flattenReport(report);
  if (!withKpis) return metrics;
  const kpis = flattenReport(computeKpis(model, { ...report, horizonS, warmupS }) as unknown as Record<string, unknown>);
  for (const [k, v] of Object.entries(kpis)) metrics[`${KPI_PREFIX}${k}`] = v;
  return metrics;
}

/** Whether any of `kpis` needs the KPI module (an empty list means all). */
export function needsKpiModule(kpis: readonly string[]): boolean {
  return kpis.length === 0 || kpis.some((k) => k.startsWith(KPI_PREFIX));
}

/** Only the KPIs asked for; a KPI the replication could not measure (e.g. no part finished) is left out, not zero. */
export function pickMetrics(all: Metrics, kpis: readonly string[]): Metrics {
  const out: Metrics = {};
  for (const k of kpis) if (k in all) out[k] = all[k];
  return out;
}

/**
 * The KPI columns shown when an experiment names none: for a model with a
 * product, output in cells/modules/packs and GWh, yield and lead time; then
 * output rates of the sinks and plant-wide WIP and time in system.
 */
export function defaultKpis(available: readonly string[]): string[] {
  const hasProduct = available.includes(`${KPI_PREFIX}cellsPerDay`);
  // Cost per kWh (in the model's currency) and kWh of electricity per kWh stand next to GWh/yr (present only when the model has cost and power data).
  const product = hasProduct
    ? ['gwhPerYear', 'cost.eurPerKwh', 'energy.kwhPerKwhCell', 'cellsPerDay', 'modulesPerDay', 'packsPerDay', 'yield.overall', 'leadTimeS.mean'].map((k) => `${KPI_PREFIX}${k}`)
    : [];
  const rates = available.filter((k) => /^sinks\.[^.]+\.perHour$/.test(k));
  const system = ['system.avgWip', 'system.avgTimeInSystemS', 'system.leadTimeP95S'];
  return [...product, ...rates, ...system].filter((k) => available.includes(k));
}

/** Rank by annual output for a plant with a product, else by the first sink's output rate; higher is better. */
export function defaultRankKpi(available: readonly string[]): string | undefined {
  return available.includes(`${KPI_PREFIX}gwhPerYear`) ? `${KPI_PREFIX}gwhPerYear` : available.find((k) => /^sinks\.[^.]+\.perHour$/.test(k));
}

/** Names close to an unknown KPI, to put in the error message. */
export function suggestKpis(unknown: string, available: readonly string[], max = 8): string[] {
  const parts = unknown.split('.');
  const last = parts[parts.length - 1];
  const prefix = (a: string, b: string) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  // Shared path segments count most; a similar last segment (perHr ~ perHour) breaks ties.
  const scored = available.map((k) => ({ k, score: k.split('.').filter((p) => parts.includes(p)).length + prefix(k.split('.').pop()!, last) / 100 }));
  const best = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.k.localeCompare(b.k));
  return (best.length > 0 ? best : scored).slice(0, max).map((s) => s.k);
}
