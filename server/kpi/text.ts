import { formatFixed, formatTable, NO_VALUE } from '../protocol/text-format.ts';
import type { CapacityReport } from './capacity.ts';
import type { Kpis } from './kpis.ts';
import { bottleneckReason } from './bottleneck.ts';

const fmt = formatFixed;
const table = formatTable;

/** The static capacity analysis as a table for the terminal. */
export function capacityText(model: string, c: CapacityReport): string {
  const rows = Object.entries(c.nodes).map(([id, n]) => [
    id,
    n.type,
    fmt(n.servers ?? null, 0),
    fmt(n.jobsPerHour, 2),
    fmt(n.availability, 3),
    fmt(n.setupShare, 3),
    fmt(n.onShare, 3),
    fmt(n.cellsPerHour, 0),
    `${fmt(n.utilisationAtBound * 100, 1)}%`,
  ]);
  return [
    `${model}: static capacity (good ${c.reference === 'sinks' ? 'units at the sinks' : `cells leaving "${c.reference}"`})`,
    '',
    table(['node', 'type', 'servers', 'jobs/h', 'avail', 'setup', 'on shift', 'cells/h', 'load at bound'], rows),
    '',
    `capacity.bottleneck: ${c.bottleneck?.id ?? NO_VALUE} (${fmt(c.cellsPerHour, 0)} cells/h, ${fmt(c.cellsPerDay, 0)} cells/day)`,
    `capacity.gwhPerYear: ${fmt(c.gwhPerYear, 3)} (A-grade cells, upper bound over 8,760 h)`,
    ...(c.modulesPerDay !== undefined ? [`modules/day: ${fmt(c.modulesPerDay, 0)}`] : []),
    ...(c.packsPerDay !== undefined ? [`packs/day: ${fmt(c.packsPerDay, 1)}`] : []),
    `method: ${c.method}`,
  ].join('\n');
}

/** A few headline KPI lines under the simulation tables. */
export function kpiText(k: Kpis): string {
  const b = k.bottleneck;
  return [
    `KPIs: ${fmt(k.cellsPerDay, 0)} A-grade cells/day (grade B ${fmt(k.gradeBCellsPerDay, 0)}), ${fmt(k.modulesPerDay, 0)} modules/day, ${fmt(k.packsPerDay, 1)} packs/day, ${fmt(k.gwhPerYear, 3)} GWh/yr in A-grade cells (${fmt(k.packGwhPerYear, 3)} in packs)`,
    `yield: overall ${fmt(k.yield.overall, 4)}, cell ${fmt(k.yield.cell, 4)}; scrap cost ${fmt(k.scrapCostTotal, 0)} ${k.currency}`,
    `lead time: mean ${fmt(k.leadTimeS.mean / 86400, 2)} d, p95 ${fmt(k.leadTimeS.p95 / 86400, 2)} d${k.leadTimeS.sink ? ` (to ${k.leadTimeS.sink})` : ''}`,
    b ? `bottleneck: ${bottleneckReason(b)}${b.blockedPath.length > 0 ? ` (blocked path ${b.blockedPath.join(' → ')})` : ''}; station bottleneck moved ${b.shifts.length} time(s) between ${fmt((b.windowS ?? 0) / 86400, 0)}-day windows` : `bottleneck: ${NO_VALUE}`,
  ].join('\n');
}
