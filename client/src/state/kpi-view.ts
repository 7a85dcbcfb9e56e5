import { KPI_FIELDS, type PlantKpis } from '../../../server/protocol/messages.ts';
import type { Model } from '../../../server/protocol/model.ts';
import { presetOfArea } from '../scene/layout.ts';
import type { LiveData } from './live-frame.ts';

const K = Object.fromEntries(KPI_FIELDS.map((f, i) => [f, i])) as Record<(typeof KPI_FIELDS)[number], number>;

export interface KpiView {
  throughputPerHour: number;
  unitsPerHour: number;
  /** Parts in the plant now (from the frame's KPI point). */
  wip: number;
  /** The server's plant KPIs (server/kpi computeKpis); null until the first arrives. */
  plant: PlantKpis | null;
  /** Time-average WIP over all areas in cell-equivalents; null without the server's figure. */
  wipCells: number | null;
  /** The bottleneck station with its OEE (null when the station has none). */
  bottleneck: { id: string; activeShare: number; method: string; oee: number | null } | null;
}

const last = (col: number[] | undefined) => (col && col.length > 0 ? col[col.length - 1] : NaN);

/**
 * Executive KPIs: the rates and WIP of the latest KPI point, and everything else as
 * the server computed it (the same computeKpis as the CLI and batch runs), so the
 * dashboard never shows an estimate the server would contradict.
 */
export function kpiView(model: Model, data: LiveData): KpiView {
  const pk = data.plantKpis;
  const b = pk?.bottleneck ?? null;
  const bIndex = b ? model.nodes.findIndex((n) => n.id === b.id) : -1;
  const cells = pk?.wipByArea ? Object.values(pk.wipByArea.cellEquivalents).reduce((a, v) => a + v, 0) : null;
  return {
    throughputPerHour: last(data.kpi[K.throughputPerHour]),
    unitsPerHour: last(data.kpi[K.unitsPerHour]),
    wip: last(data.kpi[K.wip]),
    plant: pk,
    wipCells: cells,
    bottleneck: b && { id: b.id, activeShare: b.activeShare, method: b.method, oee: bIndex >= 0 ? (pk!.nodes.oee[bIndex] ?? null) : null },
  };
}

export type StageId = 'electrode' | 'assembly' | 'finishing' | 'module' | 'other';

export interface SankeyData {
  /**
   * Areas along the product chain in process order, as shares of the units started:
   * `in` enters the area, `scrap` is lost in it (in × (1 − the area's yield)).
   */
  stages: { id: string; stage: StageId; label: string; labelRu?: string; in: number; scrap: number }[];
  /** Share of the units started that leaves the chain good (the product of the area yields). */
  good: number;
}

/** Where yield goes, electrode → pack, from the server's per-area first-pass yields. */
export function yieldFlow(model: Model, pk: PlantKpis | null): SankeyData {
  if (pk === null) return { stages: [], good: 0 };
  const areaOf = new Map(model.areas.map((a) => [a.id, a]));
  let flow = 1;
  const stages: SankeyData['stages'] = [];
  for (const { area, yield: y } of pk.yieldByArea) {
    const a = areaOf.get(area);
    const preset = presetOfArea(a ?? { id: area });
    const stage: StageId = preset && preset !== 'all' ? preset : 'other';
    const scrap = flow * (1 - Math.min(1, Math.max(0, y)));
    stages.push({ id: area, stage, label: a?.label ?? area, labelRu: a?.labelRu, in: flow, scrap });
    flow -= scrap;
  }
  return { stages, good: stages.length > 0 ? flow : 0 };
}
