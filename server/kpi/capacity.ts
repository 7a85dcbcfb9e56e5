import { distributionMean } from '../protocol/distribution-mean.ts';
import type { Model, ModelNode } from '../protocol/model.ts';
import { solveFlow, type FlowSolution } from './flow.ts';
import { conveyorPartsPerHour, fleetPartsPerHour } from './transport.ts';
import { calendarOnShare } from './calendar-share.ts';

const HOURS_PER_YEAR = 8760;

export interface NodeCapacity {
  type: string;
  servers?: number;
  /** Jobs per hour at full load: parts for machines, batches and delays, kits for assemblies. */
  jobsPerHour: number;
  /** Share of working time not lost to failures: MTBF / (MTBF + MTTR). */
  availability: number;
  /** Share of a server's busy time spent in setups. */
  setupShare: number;
  /** Share of calendar time on shift. */
  onShare: number;
  /** Jobs at this node per good cell (reference unit) at the reference node. */
  jobsPerCell: number;
  /** Good cells per hour the plant could make if only this node limited it. */
  cellsPerHour: number;
  /** Load of this node when the plant runs at the bound. */
  utilisationAtBound: number;
}

export interface CapacityReport {
  /** What one "cell" is: good units leaving product.cellsFrom, or units reaching sinks. */
  reference: string;
  method: string;
  nodes: Record<string, NodeCapacity>;
  bottleneck: { id: string; cellsPerHour: number } | null;
  cellsPerHour: number;
  cellsPerDay: number;
  modulesPerDay?: number;
  packsPerDay?: number;
  /** Upper bound: cells/h at the bottleneck x 8,760 h x Wh per cell (the calendar is inside cells/h). */
  gwhPerYear?: number;
}

/**
 * Static capacity of each station before any simulation: servers x batch /
 * (mean cycle / availability + setup per job) x on-shift share, converted to
 * good cells per hour by the steady-state flow (yields, splits, kits, routes).
 * The smallest is the bottleneck and bounds the plant's output from above:
 * it ignores starving, blocking and partial batches, which only lower output.
 */
export function staticCapacity(model: Model): CapacityReport {
  const flow = solveFlow(model);
  const nodes: Record<string, NodeCapacity> = {};
  let bottleneck: CapacityReport['bottleneck'] = null;
  for (const n of model.nodes) {
    const cap = jobCapacity(n, model, flow);
    const f = flow.nodes.get(n.id)!;
    if (cap === null || !(f.jobs > 0) || !(flow.referenceUnits > 0)) continue;
    const jobsPerCell = f.jobs / flow.referenceUnits;
    const cellsPerHour = cap.jobsPerHour / jobsPerCell;
    nodes[n.id] = { type: n.type, ...cap, jobsPerCell, cellsPerHour, utilisationAtBound: 0 };
    if (bottleneck === null || cellsPerHour < bottleneck.cellsPerHour) bottleneck = { id: n.id, cellsPerHour };
  }
  const cellsPerHour = bottleneck?.cellsPerHour ?? 0;
  for (const c of Object.values(nodes)) c.utilisationAtBound = cellsPerHour / c.cellsPerHour;
  const report: CapacityReport = {
    reference: flow.reference,
    method:
      'servers x batch / (mean cycle / availability + setup per job) x on-shift share; stores with capacity: capacity / dwell time; conveyors: min(capacity / travel time, speed / spacing); vehicle fleets: vehicles x parts per trip / shortest mean trip; stores, conveyors and fleets x the on-shift share of their feeding stations; in A-grade cells/h via the steady-state flow; the minimum is the bottleneck',
    nodes,
    bottleneck,
    cellsPerHour,
    cellsPerDay: cellsPerHour * 24,
  };
  const p = model.product;
  if (p !== undefined) {
    report.gwhPerYear = (cellsPerHour * HOURS_PER_YEAR * p.whPerCell) / 1e9;
    const perCell = (id: string | undefined) => {
      const f = id === undefined ? undefined : flow.nodes.get(id);
      const node = model.nodes.find((x) => x.id === id);
      if (f === undefined || node === undefined) return undefined;
      const qty = node.type === 'assembly' ? node.qty : 1;
      return f.unitsOut / qty / flow.referenceUnits;
    };
    const m = perCell(p.modulesFrom);
    const k = perCell(p.packsFrom);
    if (m !== undefined) report.modulesPerDay = report.cellsPerDay * m;
    if (k !== undefined) report.packsPerDay = report.cellsPerDay * k;
  }
  return report;
}

type JobCapacity = Pick<NodeCapacity, 'servers' | 'jobsPerHour' | 'availability' | 'setupShare' | 'onShare'>;

/**
 * Jobs per hour one node can do at full load, or null for nodes without a limit.
 * `flow` (the steady-state flow) refines a vehicle fleet's bound by its feeders' shares.
 */
export function jobCapacity(n: ModelNode, model: Model, flow?: FlowSolution): JobCapacity | null {
  switch (n.type) {
    case 'machine':
    case 'batch':
    case 'assembly': {
      const cycle = distributionMean(n.cycle);
      const availability = n.failures ? 1 / (1 + distributionMean(n.failures.ttr) / distributionMean(n.failures.ttf)) : 1;
      const partsPerJob = n.type === 'batch' ? n.batch.size : 1;
      // A setup comes every `everyParts` parts a server takes; the failure clock stops during setups.
      const setupPerJob = n.setup ? (distributionMean(n.setup.time) * partsPerJob) / n.setup.everyParts : 0;
      const busyPerJob = cycle / availability + setupPerJob;
      const onShare = calendarOnShare(model, n);
      return {
        servers: n.servers,
        jobsPerHour: ((n.servers * partsPerJob * 3600) / busyPerJob) * onShare,
        availability,
        setupShare: setupPerJob / busyPerJob,
        onShare,
      };
    }
    case 'delay': {
      if (n.capacity === null) return null;
      // Little's law: capacity places, each held `time` per part; only while its feeders are on shift.
      const onShare = calendarOnShare(model, n);
      return { jobsPerHour: ((n.capacity * 3600) / distributionMean(n.time)) * onShare, availability: 1, setupShare: 0, onShare };
    }
    case 'conveyor':
    case 'vehicles': {
      // Conveyors and fleets have no failures; their limit is geometry and speed, used while their feeders work.
      const perHour = n.type === 'conveyor' ? conveyorPartsPerHour(model, n) : fleetPartsPerHour(model, n, flow);
      if (perHour === null || !Number.isFinite(perHour)) return null;
      const onShare = calendarOnShare(model, n);
      return { jobsPerHour: perHour * onShare, availability: 1, setupShare: 0, onShare };
    }
    case 'source':
      if (n.interarrival === undefined) return null;
      return { jobsPerHour: 3600 / distributionMean(n.interarrival), availability: 1, setupShare: 0, onShare: 1 };
    default:
      return null;
  }
}
