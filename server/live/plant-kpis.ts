import { computeKpis, goodUnitsOut } from '../kpi/index.ts';
import { yieldByArea } from '../kpi/yield-loss.ts';
import type { Plant } from '../plant/plant.ts';
import { plantReport } from '../plant/report.ts';
import type { Model } from '../protocol/model.ts';
import type { PlantKpis } from '../protocol/messages.ts';

/** Wall time between KPI computations: one costs ~1–5 ms on the default plant, so this keeps it under 0.5 % of the engine's time. */
export const PLANT_KPI_INTERVAL_MS = 1000;

// JSON turns NaN into null; say null on purpose so the client never sees a NaN where a number is promised.
const fin = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const finOr0 = (x: number | null | undefined): number => fin(x) ?? 0;
const finRecord = (r: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, finOr0(v)]));

/**
 * The plant KPIs of a running plant now: the same computeKpis the CLI and REST runs
 * use, over the plant's statistics since statistics start, reshaped for the wire
 * (per-node values as arrays in the plant's node order).
 */
export function livePlantKpis(model: Model, plant: Plant): PlantKpis {
  const report = plantReport(plant);
  const k = computeKpis(model, { ...report, horizonS: plant.now, warmupS: plant.statsStart });
  const order = plant.order;
  const perNode = <T>(f: (id: string) => T) => order.map((n) => f(n.id));
  const oee = (id: string, key: 'oee' | 'availability' | 'performance' | 'quality') => fin(k.oee[id]?.[key]);
  return {
    simTimeS: plant.now,
    measuredS: k.measuredS,
    cellsPerDay: fin(k.cellsPerDay),
    modulesPerDay: fin(k.modulesPerDay),
    packsPerDay: fin(k.packsPerDay),
    gwhPerYear: fin(k.gwhPerYear),
    yield: { overall: finOr0(k.yield.overall), cell: finOr0(k.yield.cell), inputs: finRecord(k.yield.inputs) },
    yieldByArea: yieldByArea(model, k.yield.byNode).map((a) => ({ area: a.area, yield: finOr0(a.yield) })),
    scrapCostTotal: finOr0(k.scrapCostTotal),
    currency: k.currency,
    wipByArea: k.wipByArea && { parts: finRecord(k.wipByArea.parts), cellEquivalents: finRecord(k.wipByArea.cellEquivalents) },
    leadTimeS: { mean: fin(k.leadTimeS.mean), p95: fin(k.leadTimeS.p95), sink: k.leadTimeS.sink },
    energy: k.energy && { kwh: finOr0(k.energy.kwh), byArea: finRecord(k.energy.byArea), baseByArea: finRecord(k.energy.baseByArea), kwhPerKwhCell: fin(k.energy.kwhPerKwhCell) },
    bottleneck: k.bottleneck && {
      id: k.bottleneck.id,
      method: k.bottleneck.method,
      activeShare: finOr0(k.bottleneck.activeShare),
      ranking: k.bottleneck.ranking.map((r) => ({ id: r.id, activeShare: finOr0(r.activeShare) })),
      shifts: k.bottleneck.shifts,
    },
    nodes: {
      passed: perNode((id) => finOr0(goodUnitsOut(report.nodes[id]))),
      scrapped: perNode((id) => finOr0(k.scrapByNode[id]?.units ?? (report.nodes[id]?.scrapped as number | undefined))),
      scrapCost: perNode((id) => fin(k.scrapByNode[id]?.cost)),
      yield: perNode((id) => fin(k.yield.byNode[id])),
      oee: perNode((id) => oee(id, 'oee')),
      availability: perNode((id) => oee(id, 'availability')),
      performance: perNode((id) => oee(id, 'performance')),
      quality: perNode((id) => oee(id, 'quality')),
    },
  };
}
