import { distributionMean } from '../protocol/distribution-mean.ts';
import { currencyOf, isMachineLike, MACHINE_LIKE, routeTargets, type Model, type ModelNode } from '../protocol/model.ts';
import type { MonitorReport } from '../plant/monitor.ts';
import { findBottleneck, type BottleneckKpi } from './bottleneck.ts';
import { calendarOnShare } from './calendar-share.ts';
import { gradedCells, wipInCells } from './cell-equivalents.ts';
import { costKpis, type CostKpi } from './cost.ts';
import { energyKpis, type EnergyKpi } from './energy.ts';
import { goodUnitsOut } from './units.ts';
import { transportKpis, type TransportKpi } from './transport.ts';
import { yieldChains } from './yield-chain.ts';

const SECONDS_PER_YEAR = 8760 * 3600;

/** The parts of a run result the KPIs read (a RunResult or one replication's report). */
export interface RunStats {
  horizonS: number;
  warmupS: number;
  nodes: Record<string, Record<string, unknown>>;
  sinks: Record<string, Record<string, unknown>>;
  system: { avgTimeInSystemS: number; leadTimeP95S: number };
  monitor?: MonitorReport;
}

export interface OeeKpi {
  availability: number;
  performance: number;
  quality: number;
  oee: number;
  /** Where the ideal cycle came from: the model's nominalCycleS, or the mean cycle when it has none. */
  nominalFrom: 'nominalCycleS' | 'cycle-mean';
}

export interface Kpis {
  measuredS: number;
  /** A-grade cells: good cells leaving product.cellsFrom on the routes to product.modulesFrom. */
  cellsPerDay: number | null;
  /** Good cells leaving product.cellsFrom on other routes (grade B); 0 when the model grades none. */
  gradeBCellsPerDay: number | null;
  modulesPerDay: number | null;
  packsPerDay: number | null;
  /**
   * A-grade cells (as cellsPerDay) x Wh per cell, annualised over 8,760 h of
   * calendar time: cells per on-shift hour at cellsFrom x its calendar's on-shift
   * hours (the static bound capacity.gwhPerYear counts the same cells the same way).
   */
  gwhPerYear: number | null;
  /** Energy in packs shipped: packs x modulesPerPack x cellsPerModule x Wh per cell, annualised like gwhPerYear. */
  packGwhPerYear: number | null;
  /** cell: first-pass yield from the cell-forming assembly to cellsFrom; inputs: yield of each input line; overall: cell x mean of inputs. */
  yield: { overall: number; cell: number; inputs: Record<string, number>; byNode: Record<string, number> };
  scrapByNode: Record<string, { units: number; share: number; cost: number | null }>;
  scrapCostTotal: number;
  currency: string;
  oee: Record<string, OeeKpi>;
  /**
   * Time-average parts held per area, and the same in cell-equivalents: the nominal
   * cells (every grade, before yield losses) each part becomes; the inputs of one
   * cell share it, so cathode and anode material for a cell count once.
   */
  wipByArea: { parts: Record<string, number>; cellEquivalents: Record<string, number>; totalCellEquivalents: number } | null;
  leadTimeS: { mean: number; p95: number; sink: string | null };
  bottleneck: BottleneckKpi | null;
  /** Vehicle utilisation, travel distance and waiting for transport; null without conveyors or vehicles. */
  transport: TransportKpi | null;
  /** Electricity metered from the state times (server/kpi/energy.ts); null without power data. */
  energy: EnergyKpi | null;
  /** Cost per year and per kWh of A-grade cells (server/kpi/cost.ts); null without `economics`. */
  cost: CostKpi | null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const finiteOrNaN = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);

export { goodUnitsOut };

/** Key performance indicators of one run, as pure arithmetic over its statistics. */
export function computeKpis(model: Model, run: RunStats): Kpis {
  const measuredS = run.horizonS - run.warmupS;
  const perDay = (x: number | null) => (x === null || !(measuredS > 0) ? null : (x * 86400) / measuredS);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const product = model.product;
  const countOf = (id: string | undefined): number | null => {
    if (id === undefined) return null;
    const units = goodUnitsOut(run.nodes[id]);
    const node = byId.get(id);
    if (units === null || node === undefined) return null;
    return units / (node.type === 'assembly' ? node.qty : 1);
  };
  const graded = gradedCells(model, run.nodes);
  const cells = graded?.a ?? null;
  let gwhPerYear: number | null = null;
  // A count in the window → per year of calendar time (on-shift share of the year over that of the window).
  let flowPerYear = measuredS > 0 ? SECONDS_PER_YEAR / measuredS : 0;
  let packGwhPerYear: number | null = null;
  if (product && cells !== null && measuredS > 0) {
    const ref = byId.get(product.cellsFrom)!;
    const onMeasured = 1 - num(((run.nodes[ref.id]?.states ?? {}) as Record<string, number>).offShift);
    const onShare = calendarOnShare(model, ref);
    const scale = onMeasured > 0 && MACHINE_LIKE.has(ref.type) ? onShare / onMeasured : 1;
    flowPerYear *= scale;
    gwhPerYear = (cells * product.whPerCell * flowPerYear) / 1e9;
    const packs = countOf(product.packsFrom);
    const cellsPerPack = product.cellsPerModule !== undefined && product.modulesPerPack !== undefined ? product.cellsPerModule * product.modulesPerPack : undefined;
    if (packs !== null && cellsPerPack !== undefined) packGwhPerYear = (packs * cellsPerPack * product.whPerCell * flowPerYear) / 1e9;
  }
  const aGradeKwh = product && cells !== null ? (cells * product.whPerCell) / 1000 : null;
  const energy = energyKpis(model, run.nodes, measuredS, aGradeKwh);

  const yieldByNode: Record<string, number> = {};
  const scrapByNode: Kpis['scrapByNode'] = {};
  const oee: Kpis['oee'] = {};
  let scrapCostTotal = 0;
  for (const n of model.nodes) {
    if (!MACHINE_LIKE.has(n.type)) continue;
    const s = run.nodes[n.id] ?? {};
    const processed = num(s.unitsProcessed);
    const scrapped = num(s.scrapped);
    const q = processed > 0 ? (processed - scrapped) / processed : 1;
    yieldByNode[n.id] = q;
    const cost = 'scrapCost' in n && n.scrapCost !== undefined ? scrapped * n.scrapCost : null;
    if (cost !== null) scrapCostTotal += cost;
    scrapByNode[n.id] = { units: scrapped, share: processed > 0 ? scrapped / processed : 0, cost };
    const o = oeeOf(n, s, measuredS, q);
    if (o !== null) oee[n.id] = o;
  }

  const packSink = product?.packsFrom ? sinkAfter(model, product.packsFrom) : null;
  const sinkStats = packSink === null ? undefined : run.sinks[packSink];
  // Before the first pack ships there is no lead time: NaN (null in JSON), not 0 days.
  const leadTimeS =
    sinkStats !== undefined
      ? { mean: finiteOrNaN(sinkStats.leadTimeMeanS), p95: finiteOrNaN(sinkStats.leadTimeP95S), sink: packSink }
      : { mean: run.system.avgTimeInSystemS, p95: run.system.leadTimeP95S, sink: null };

  return {
    measuredS,
    cellsPerDay: perDay(cells),
    gradeBCellsPerDay: perDay(graded?.b ?? null),
    modulesPerDay: perDay(countOf(product?.modulesFrom)),
    packsPerDay: perDay(countOf(product?.packsFrom)),
    gwhPerYear,
    packGwhPerYear,
    yield: yieldChains(model, yieldByNode),
    scrapByNode,
    scrapCostTotal,
    currency: currencyOf(model),
    oee,
    wipByArea: run.monitor ? wipInCells(model, run.monitor) : null,
    leadTimeS,
    bottleneck: findBottleneck(model, run),
    transport: transportKpis(model, run.nodes),
    energy,
    cost: costKpis(model, { nodes: run.nodes, flowPerYear, energyKwh: energy?.kwh ?? 0, aGradeKwh: aGradeKwh ?? 0, scrapCost: scrapCostTotal }),
  };
}

/**
 * OEE = availability x performance x quality, with planned time = on-shift time:
 * availability = time not down or in setup; performance = ideal time of the
 * cycles done (nominalCycleS per job; a batch job is a full batch) over that
 * operating time, so starving and blocking show up as performance loss.
 */
export function oeeOf(n: ModelNode, s: Record<string, unknown>, measuredS: number, quality: number): OeeKpi | null {
  if (!isMachineLike(n)) return null;
  const states = (s.states ?? {}) as Record<string, number>;
  const onShift = 1 - num(states.offShift);
  const operating = onShift - num(states.down) - num(states.setup);
  if (!(onShift > 0) || !(measuredS > 0)) return null;
  const nominalFrom = n.nominalCycleS !== undefined ? 'nominalCycleS' : 'cycle-mean';
  const ideal = n.nominalCycleS ?? distributionMean(n.cycle);
  const jobs = n.type === 'batch' ? num(s.completed) / n.batch.size : num(s.completed);
  const operatingS = operating * measuredS * n.servers;
  const availability = operating / onShift;
  const performance = operatingS > 0 ? (jobs * ideal) / operatingS : 0;
  return { availability, performance, quality, oee: availability * performance * quality, nominalFrom };
}

/** Nodes from which `target` can be reached (and the target itself). */
export function upstreamOf(model: Model, target: string): Set<string> {
  const feeders = new Map<string, string[]>();
  for (const n of model.nodes) if (n.type !== 'sink') for (const t of routeTargets(n.to)) feeders.set(t.id, [...(feeders.get(t.id) ?? []), n.id]);
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(feeders.get(id) ?? []));
  }
  return seen;
}

/** The first sink downstream of a node (following the most likely route). */
function sinkAfter(model: Model, from: string): string | null {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  let node = byId.get(from);
  for (let hops = 0; node !== undefined && hops < model.nodes.length; hops++) {
    if (node.type === 'sink') return node.id;
    const next = [...routeTargets(node.to)].sort((a, b) => b.p - a.p)[0];
    node = byId.get(next.id);
  }
  return null;
}
