import type { Distribution } from '../../../server/protocol/distribution.ts';
import { KPI_FIELDS, type NodeInfo } from '../../../server/protocol/messages.ts';
import { MACHINE_LIKE, type Model, type ModelNode } from '../../../server/protocol/model.ts';
import { presetOfArea, type PlantLayout } from '../scene/layout.ts';
import type { LiveData } from './live-frame.ts';

const K = Object.fromEntries(KPI_FIELDS.map((f, i) => [f, i])) as Record<(typeof KPI_FIELDS)[number], number>;

/** Mean of a model distribution (ignoring the normal's truncation at 0, which the schema makes negligible). */
export function distMean(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'gamma':
      return d.shape * d.scale;
    case 'weibull': // scale·Γ(1 + 1/shape)
      return d.scale * gammaFn(1 + 1 / d.shape);
    case 'empirical':
      return d.values.reduce((a, v, i) => a + v * d.probs[i], 0);
    default:
      return d.mean;
  }
}

// Lanczos approximation (g = 7), accurate to ~15 digits for the arguments a Weibull mean needs.
function gammaFn(z: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gammaFn(1 - z));
  const x = z - 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
}

export interface KpiView {
  throughputPerHour: number;
  unitsPerHour: number;
  cellsPerDay: number;
  /** Annual energy pace at the current rate, GWh/yr; NaN without product data. */
  gwhPerYear: number;
  /** Good units out / (good out + scrapped), since statistics start. */
  yield: number;
  wip: number;
  /** Little's law on the WIP history and the current rate, seconds. */
  leadTimeS: number;
  bottleneck: { id: string; utilization: number; oee: number } | null;
}

const last = (col: number[] | undefined) => (col && col.length > 0 ? col[col.length - 1] : NaN);

/** Executive KPIs from the latest frame; everything here is derived, nothing is sent per KPI. */
export function computeKpis(model: Model, info: NodeInfo[], data: LiveData): KpiView {
  const tph = last(data.kpi[K.throughputPerHour]);
  const uph = last(data.kpi[K.unitsPerHour]);
  const wipCol = data.kpi[K.wip] ?? [];
  const avgWip = wipCol.length > 0 ? wipCol.reduce((a, b) => a + b, 0) / wipCol.length : NaN;
  const sinkParts = model.nodes.reduce((a, n, i) => (n.type === 'sink' ? a + (data.ct[i] ?? 0) : a), 0);
  const goodUnits = tph > 0 ? (sinkParts * uph) / tph : 0;
  const scrapped = data.sc.reduce((a, b) => a + (b ?? 0), 0);
  const whPerCell = model.product?.whPerCell;
  return {
    throughputPerHour: tph,
    unitsPerHour: uph,
    cellsPerDay: uph * 24,
    gwhPerYear: whPerCell === undefined ? NaN : (uph * 8760 * whPerCell) / 1e9,
    // Before the first good unit leaves, every scrapped unit would read as 0 % yield: say nothing instead.
    yield: goodUnits > 0 ? goodUnits / (goodUnits + scrapped) : NaN,
    wip: last(wipCol),
    leadTimeS: tph > 0 ? avgWip / (tph / 3600) : NaN,
    bottleneck: findBottleneck(model, info, data),
  };
}

/** The station busiest since statistics start, with its OEE = availability·performance·quality. */
function findBottleneck(model: Model, info: NodeInfo[], data: LiveData): KpiView['bottleneck'] {
  let best = -1;
  model.nodes.forEach((n, i) => {
    if (MACHINE_LIKE.has(n.type) && (info[i]?.servers ?? 1) > 0 && (best < 0 || (data.ut[i] ?? 0) > (data.ut[best] ?? 0))) best = i;
  });
  if (best < 0) return null;
  const node = model.nodes[best];
  const utilization = (data.ut[best] ?? 0) / 1000;
  return { id: node.id, utilization, oee: utilization * performance(node) * ('yield' in node && typeof node.yield === 'number' ? node.yield : 1) };
}

/** Nameplate over actual mean cycle, capped at 1; 1 when the model gives no nameplate. */
export function performance(node: ModelNode): number {
  if (!('cycle' in node) || node.nominalCycleS === undefined) return 1;
  const mean = distMean(node.cycle);
  return mean > 0 ? Math.min(1, node.nominalCycleS / mean) : 1;
}

export type StageId = 'electrode' | 'assembly' | 'finishing' | 'module' | 'other';
export const STAGES: StageId[] = ['electrode', 'assembly', 'finishing', 'module', 'other'];

export interface SankeyData {
  /** Units entering each stage and scrapped in it, in process order; stages without nodes are left out. */
  stages: { id: StageId; in: number; scrap: number }[];
  good: number;
}

/** Units lost per stage, electrode → pack, so the Sankey shows where yield goes. */
export function yieldFlow(layout: PlantLayout, model: Model, data: LiveData, kpis: KpiView): SankeyData {
  const areaOf = new Map(model.areas.map((a) => [a.id, a]));
  const scrap = new Map<StageId, number>();
  for (const node of layout.nodes) {
    const area = node.area ? areaOf.get(node.area) : undefined;
    const preset = presetOfArea(area ?? { id: node.id, label: node.label }) ?? presetOfArea({ id: node.id, label: node.label });
    const stage: StageId = preset && preset !== 'all' ? preset : 'other';
    scrap.set(stage, (scrap.get(stage) ?? 0) + (data.sc[node.index] ?? 0));
  }
  const good = kpis.throughputPerHour > 0 ? (model.nodes.reduce((a, n, i) => (n.type === 'sink' ? a + (data.ct[i] ?? 0) : a), 0) * kpis.unitsPerHour) / kpis.throughputPerHour : 0;
  let flow = good + [...scrap.values()].reduce((a, b) => a + b, 0);
  const stages: SankeyData['stages'] = [];
  for (const id of STAGES) {
    if (!scrap.has(id)) continue;
    const s = scrap.get(id)!;
    if (id === 'other' && s === 0) continue;
    stages.push({ id, in: flow, scrap: s });
    flow -= s;
  }
  return { stages, good };
}
