import { differenceDigits, differenceUnit, inUnit, isMoneyUnit, type Unit } from '../i18n/units.ts';
import { welchDifference, type Difference } from './difference.ts';
import type { PlannerKey } from './planner-strings.ts';
import type { Metric, RunEntry } from './run-results.ts';

/** A KPI the planner reads: where it is in a run result, its name and the unit it is shown in. */
export interface ResultRow {
  path: string;
  key: PlannerKey;
  unit: Unit;
  /** For per-sink rows: the sink's id, shown by its label (rowTitle). */
  sink?: string;
  /** For money rows: the currency code the values are in (`kpis.currency`); null when the result does not say. */
  currency?: string | null;
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
  { path: 'kpis.scrapCostTotal', key: 'kpiScrapCost', unit: 'money' },
  { path: 'kpis.cost.eurPerKwh', key: 'kpiCostPerKwh', unit: 'moneyPerKwh' },
  { path: 'kpis.transport.vehicleUtilization', key: 'kpiVehicleUtil', unit: 'percent' },
  { path: 'kpis.transport.waitForTransportS', key: 'kpiWaitTransport', unit: 'minutes' },
  { path: 'kpis.transport.totalTravelMPerDay', key: 'kpiTravel', unit: 'metresPerDay' },
];

/**
 * KPIs named when an experiment or optimisation asks for them (the cost breakdown of
 * `kpis.cost`, the energy of `kpis.energy`), left out of the capacity comparison to keep it short.
 */
export const DETAIL_ROWS: ResultRow[] = [
  { path: 'kpis.cost.perYear.total', key: 'kpiCostPerYear', unit: 'moneyPerYear' },
  { path: 'kpis.cost.perYear.capex', key: 'kpiCapexPerYear', unit: 'moneyPerYear' },
  { path: 'kpis.cost.perYear.energy', key: 'kpiEnergyCostPerYear', unit: 'moneyPerYear' },
  { path: 'kpis.cost.perYear.labour', key: 'kpiLabourPerYear', unit: 'moneyPerYear' },
  { path: 'kpis.cost.perYear.materials', key: 'kpiMaterialsPerYear', unit: 'moneyPerYear' },
  { path: 'kpis.cost.perYear.scrap', key: 'kpiScrapPerYear', unit: 'moneyPerYear' },
  { path: 'kpis.cost.capex', key: 'kpiCapex', unit: 'money' },
  { path: 'kpis.energy.kwh', key: 'kpiEnergy', unit: 'kwh' },
  { path: 'kpis.energy.kwhPerKwhCell', key: 'kpiEnergyPerKwh', unit: 'kwhPerKwh' },
];

/** Whether a row's values are money, so its unit names the run's currency. */
export function isMoney(row: ResultRow): boolean {
  return isMoneyUnit(row.unit);
}

/**
 * The row a KPI path is shown as, also for experiment and optimisation KPI paths
 * (`kpi.gwhPerYear`, `kpis.cost.eurPerKwh`, `sinks.eol.perHour`); a money row carries
 * `currency`, the result's currency code (null: the result does not say).
 */
export function rowForPath(path: string, currency: string | null = null): ResultRow | undefined {
  const plant = path.replace(/^kpi\./, 'kpis.');
  const found = [...RESULT_ROWS, ...DETAIL_ROWS].find((r) => r.path === plant);
  const known = found && isMoney(found) ? { ...found, currency } : found;
  if (known) return { ...known, path };
  const sink = /^sinks\.([^.]+)\.(perHour|unitsPerDay)$/.exec(path);
  if (sink) return { path, key: 'kpiSinkOutput', unit: sink[2] === 'perHour' ? 'perHour' : 'unitsPerDay', sink: sink[1] };
  return undefined;
}

/** A row's name for readers: a sink's output names the sink by `sinkName` (its label in the page's language, else its id). */
export function rowTitle(row: ResultRow, t: (key: PlannerKey) => string, sinkName: (id: string) => string): string {
  return row.sink ? `${t('kpiSinkOutput')} ${sinkName(row.sink)}` : t(row.key);
}

/**
 * How a reader sees a KPI path in a heading: its name and unit ("Cost per kWh of A-grade
 * cells, ₽/кВт·ч"), or the path itself when it is none of the known rows.
 */
export function kpiHeading(path: string, currency: string | null, t: (key: PlannerKey) => string, unit: (row: ResultRow) => string, sinkName: (id: string) => string = (id) => id): string {
  const row = rowForPath(path, currency);
  if (!row) return path;
  const name = rowTitle(row, t, sinkName);
  const shown = unit(row);
  return shown ? `${name}, ${shown}` : name;
}

export interface ComparisonCell {
  metric: Metric | null;
  /**
   * Against the first run (the base); null for the base itself, where either side lacks the
   * KPI, and for money counted in another currency than the base's (a scenario may change it).
   */
  diff: Difference | null;
  /** The row as this run's value is written: a money row names this run's currency. */
  row: ResultRow;
}

export interface ComparisonLine {
  row: ResultRow;
  cells: ComparisonCell[];
}

/**
 * Rows × runs with the difference of each run against the first. Rows no run has
 * are left out; per-sink output rows appear only when the runs carry no plant KPIs
 * (a model without product data). A money row names the runs' currency when they
 * share one, else ¤ (each value then names its own and no difference is taken).
 */
export function comparisonLines(runs: RunEntry[]): ComparisonLine[] {
  const has = (path: string) => runs.some((r) => r.metrics.some((m) => m.path === path));
  const rows = RESULT_ROWS.filter((r) => has(r.path));
  if (!has('kpis.cellsPerDay')) {
    const sinkPaths = [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.path).filter((p) => /^sinks\.[^.]+\.unitsPerDay$/.test(p))))];
    rows.unshift(...sinkPaths.map((p) => rowForPath(p)!));
  }
  return rows.map((plain) => {
    const metrics = runs.map((r) => r.metrics.find((m) => m.path === plain.path) ?? null);
    const base = metrics[0];
    const money = isMoney(plain);
    const currencies = new Set(runs.filter((_, i) => metrics[i] !== null).map((r) => r.currency));
    const row = money ? { ...plain, currency: currencies.size === 1 ? [...currencies][0] : null } : plain;
    const comparable = (i: number) => !money || runs[i].currency === runs[0].currency;
    return {
      row,
      cells: metrics.map((metric, i) => ({
        metric,
        diff: i === 0 || !metric || !base || !comparable(i) ? null : welchDifference({ mean: metric.value, ci: metric.ci, n: runs[i].replications }, { mean: base.value, ci: base.ci, n: runs[0].replications }),
        row: money ? { ...plain, currency: runs[i].currency } : plain,
      })),
    };
  });
}

/**
 * The comparison as CSV cells, numbers in the shown unit and rounding (so the file
 * and the table agree), '.' as decimal mark. `name` gives a row's human name.
 */
export function comparisonCsv(runs: RunEntry[], lines: ComparisonLine[], name: (row: ResultRow) => string, unitText: (row: ResultRow) => string): string[][] {
  const head = ['indicator', 'unit'];
  runs.forEach((r, i) => {
    head.push(r.label, `${r.label} ±95%`);
    if (i > 0) head.push(`Δ ${r.label}`, `Δ ${r.label} lo95`, `Δ ${r.label} hi95`, `Δ ${r.label} significant`);
  });
  const num = (v: number | null | undefined, unit: Unit, digits?: number) => (v == null || !Number.isFinite(v) ? '' : String(inUnit(v, unit, digits)));
  const body = lines.map(({ row, cells }) => {
    const du = differenceUnit(row.unit);
    const out = [name(row), unitText(row)];
    cells.forEach((c, i) => {
      const ci = c.metric?.ci;
      out.push(num(c.metric?.value, row.unit), num(ci, row.unit, ci == null ? undefined : differenceDigits(row.unit, ci)));
      const dd = c.diff ? differenceDigits(du, c.diff.mean) : undefined;
      if (i > 0) out.push(num(c.diff?.mean, du, dd), num(c.diff?.lo, du, dd), num(c.diff?.hi, du, dd), c.diff ? (c.diff.significant ? 'yes' : 'no') : '');
    });
    return out;
  });
  return [head, ...body];
}
