import { differenceDigits, differenceUnit, inUnit, type Unit } from '../i18n/units.ts';
import { welchDifference, type Difference } from './difference.ts';
import type { PlannerKey } from './planner-strings.ts';
import type { Metric, RunEntry } from './run-results.ts';

/** A KPI the planner reads: where it is in a run result, its name and the unit it is shown in. */
export interface ResultRow {
  path: string;
  key: PlannerKey;
  unit: Unit;
  /** For per-sink rows: the sink's id, named by its label. */
  sink?: string;
}

/**
 * The result rows, each KPI once (the server's `system.avgTimeInSystemS` and
 * `kpis.leadTimeS.mean` measure the same thing; the plant KPI is the one kept).
 */
export const RESULT_ROWS: ResultRow[] = [
  { path: 'kpis.cellsPerDay', key: 'kpiCellsPerDay', unit: 'cellsPerDay' },
  { path: 'kpis.gwhPerYear', key: 'kpiGwhPerYear', unit: 'gwhPerYear' },
  { path: 'kpis.modulesPerDay', key: 'kpiModulesPerDay', unit: 'modulesPerDay' },
  { path: 'kpis.packsPerDay', key: 'kpiPacksPerDay', unit: 'packsPerDay' },
  { path: 'kpis.yield.overall', key: 'kpiYield', unit: 'percent' },
  { path: 'kpis.yield.cell', key: 'kpiCellYield', unit: 'percent' },
  { path: 'kpis.leadTimeS.mean', key: 'kpiLeadTime', unit: 'days' },
  { path: 'kpis.leadTimeS.p95', key: 'kpiLeadTimeP95', unit: 'days' },
  { path: 'system.avgWip', key: 'kpiWip', unit: 'parts' },
  { path: 'kpis.scrapCostTotal', key: 'kpiScrapCost', unit: 'eur' },
  { path: 'kpis.transport.vehicleUtilization', key: 'kpiVehicleUtil', unit: 'percent' },
  { path: 'kpis.transport.waitForTransportS', key: 'kpiWaitTransport', unit: 'minutes' },
  { path: 'kpis.transport.totalTravelMPerDay', key: 'kpiTravel', unit: 'metresPerDay' },
];

/** The row a KPI path is shown as, also for experiment KPI paths (`kpi.gwhPerYear`, `sinks.eol.perHour`). */
export function rowForPath(path: string): ResultRow | undefined {
  const plant = path.replace(/^kpi\./, 'kpis.');
  const known = RESULT_ROWS.find((r) => r.path === plant);
  if (known) return { ...known, path };
  const sink = /^sinks\.([^.]+)\.(perHour|unitsPerDay)$/.exec(path);
  if (sink) return { path, key: 'kpiSinkOutput', unit: sink[2] === 'perHour' ? 'perHour' : 'unitsPerDay', sink: sink[1] };
  return undefined;
}

export interface ComparisonCell {
  metric: Metric | null;
  /** Against the first run (the base); null for the base itself and where either side lacks the KPI. */
  diff: Difference | null;
}

export interface ComparisonLine {
  row: ResultRow;
  cells: ComparisonCell[];
}

/**
 * Rows × runs with the difference of each run against the first. Rows no run has
 * are left out; per-sink output rows appear only when the runs carry no plant KPIs
 * (a model without product data).
 */
export function comparisonLines(runs: RunEntry[]): ComparisonLine[] {
  const has = (path: string) => runs.some((r) => r.metrics.some((m) => m.path === path));
  const rows = RESULT_ROWS.filter((r) => has(r.path));
  if (!has('kpis.cellsPerDay')) {
    const sinkPaths = [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.path).filter((p) => /^sinks\.[^.]+\.unitsPerDay$/.test(p))))];
    rows.unshift(...sinkPaths.map((p) => rowForPath(p)!));
  }
  return rows.map((row) => {
    const metrics = runs.map((r) => r.metrics.find((m) => m.path === row.path) ?? null);
    const base = metrics[0];
    return {
      row,
      cells: metrics.map((metric, i) => ({
        metric,
        diff: i === 0 || !metric || !base ? null : welchDifference({ mean: metric.value, ci: metric.ci, n: runs[i].replications }, { mean: base.value, ci: base.ci, n: runs[0].replications }),
      })),
    };
  });
}

/**
 * The comparison as CSV cells, numbers in the shown unit and rounding (so the file
 * and the table agree), '.' as decimal mark. `name` gives a row's human name.
 */
export function comparisonCsv(runs: RunEntry[], lines: ComparisonLine[], name: (row: ResultRow) => string, unitText: (u: ReturnType<typeof differenceUnit>) => string): string[][] {
  const head = ['indicator', 'unit'];
  runs.forEach((r, i) => {
    head.push(r.label, `${r.label} ±95%`);
    if (i > 0) head.push(`Δ ${r.label}`, `Δ ${r.label} lo95`, `Δ ${r.label} hi95`, `Δ ${r.label} significant`);
  });
  const num = (v: number | null | undefined, unit: Unit, digits?: number) => (v == null || !Number.isFinite(v) ? '' : String(inUnit(v, unit, digits)));
  const body = lines.map(({ row, cells }) => {
    const du = differenceUnit(row.unit);
    const out = [name(row), unitText(row.unit)];
    cells.forEach((c, i) => {
      out.push(num(c.metric?.value, row.unit), num(c.metric?.ci, row.unit));
      const dd = c.diff ? differenceDigits(du, c.diff.mean) : undefined;
      if (i > 0) out.push(num(c.diff?.mean, du, dd), num(c.diff?.lo, du, dd), num(c.diff?.hi, du, dd), c.diff ? (c.diff.significant ? 'yes' : 'no') : '');
    });
    return out;
  });
  return [head, ...body];
}
