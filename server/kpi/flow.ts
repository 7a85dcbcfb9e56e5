import { distributionMean } from '../protocol/distribution-mean.ts';
import { routeTargets, type Model, type ModelNode } from '../protocol/model.ts';

/** Mean flows through one node in the balanced steady state, per hour (relative scale). */
export interface NodeFlow {
  partsIn: number;
  unitsIn: number;
  /** Cycles of an assembly (kits), parts entering any other node. */
  jobs: number;
  partsOut: number;
  unitsOut: number;
}

export interface FlowSolution {
  nodes: Map<string, NodeFlow>;
  /**
   * A-grade cells: good units leaving product.cellsFrom on the routes that lead to
   * product.modulesFrom (all its good units without modulesFrom); without a product,
   * units entering all sinks.
   */
  referenceUnits: number;
  reference: string;
}

/** Route targets of product.cellsFrom that lead to product.modulesFrom: A-grade cells go there, the rest (grade B) elsewhere. */
export function gradeARoutes(model: Model): { id: string; p: number; gradeA: boolean }[] {
  const product = model.product;
  const from = product === undefined ? undefined : model.nodes.find((n) => n.id === product.cellsFrom);
  if (product === undefined || from === undefined || from.type === 'sink') return [];
  const reach = reachability(model.nodes);
  return routeTargets(from.to).map((t) => ({
    ...t,
    gradeA: product.modulesFrom === undefined || t.id === product.modulesFrom || reach.get(t.id)!.has(product.modulesFrom),
  }));
}

/** Large enough that an unlimited source never limits; only ratios of flows are used. */
const UNLIMITED_RATE = 1e6;

/** Probability that a part of `units` units keeps at least one unit when each passes with `y`. */
export function partSurvival(units: number, y: number): number {
  return units <= 1 ? y : 1 - Math.pow(1 - y, units);
}

/**
 * Steady-state fluid flow of parts and units through a model: sources push,
 * yields remove units (and whole parts of one unit), splits multiply parts,
 * assemblies consume kits. Unlimited sources feeding an assembly are throttled
 * until every input delivers exactly what the kits use, as blocking does in the
 * simulation. Parallel lines fed by separate sources share a merge by their
 * supply, not by their capacity; routes split by their probabilities.
 */
export function solveFlow(model: Model, opts: { nominal?: boolean } = {}): FlowSolution {
  // Nominal: every yield 1, for counting the cells a part is meant to become (WIP in cell-equivalents).
  if (opts.nominal) model = { ...model, nodes: model.nodes.map((n) => ('yield' in n ? { ...n, yield: 1 } : n)) };
  const order = topologicalOrder(model.nodes);
  const rate = new Map<string, number>();
  for (const n of model.nodes) {
    if (n.type === 'source') rate.set(n.id, n.interarrival === undefined ? UNLIMITED_RATE : 3600 / distributionMean(n.interarrival));
  }
  const reach = reachability(model.nodes);
  let flows = forward(order, rate);
  for (let round = 0; round < 100; round++) {
    let changed = false;
    for (const n of model.nodes) {
      if (n.type !== 'assembly') continue;
      const f = flows.get(n.id)!;
      const ratio = Object.entries(n.inputs).map(([feeder, need]) => ({ feeder, rho: f.edge.get(feeder)! > 0 ? (f.jobs * need) / f.edge.get(feeder)! : 1 }));
      const limiting = ratio.filter((r) => r.rho >= 1 - 1e-9).map((r) => r.feeder);
      for (const { feeder, rho } of ratio) {
        if (rho >= 1 - 1e-9) continue;
        for (const [src, r] of rate) {
          const reaches = (id: string) => id === src || reach.get(src)!.has(id);
          if (reaches(feeder) && !limiting.some(reaches)) {
            rate.set(src, r * rho);
            changed = true;
          }
        }
      }
    }
    if (!changed) break;
    flows = forward(order, rate);
  }
  const product = model.product;
  let referenceUnits = 0;
  if (product !== undefined) {
    const ref = flows.get(product.cellsFrom)!;
    const routes = gradeARoutes(model);
    const shareA = routes.length === 0 ? 1 : routes.reduce((a, t) => a + (t.gradeA ? t.p : 0), 0);
    referenceUnits = (ref.unitsOut || ref.unitsIn) * shareA;
  }
  else for (const n of model.nodes) if (n.type === 'sink') referenceUnits += flows.get(n.id)!.unitsIn;
  const nodes = new Map<string, NodeFlow>();
  for (const [id, f] of flows) nodes.set(id, { partsIn: f.partsIn, unitsIn: f.unitsIn, jobs: f.jobs, partsOut: f.partsOut, unitsOut: f.unitsOut });
  return { nodes, referenceUnits, reference: product?.cellsFrom ?? 'sinks' };
}

interface WorkFlow extends NodeFlow {
  /** Parts (or units, for a unit-counting assembly) arriving from each feeder. */
  edge: Map<string, number>;
}

function forward(order: ModelNode[], rate: Map<string, number>): Map<string, WorkFlow> {
  const flows = new Map<string, WorkFlow>(order.map((n) => [n.id, { partsIn: 0, unitsIn: 0, jobs: 0, partsOut: 0, unitsOut: 0, edge: new Map() }]));
  const feeders = new Map<string, { from: string; p: number }[]>(order.map((n) => [n.id, []]));
  for (const n of order) if (n.type !== 'sink') for (const t of routeTargets(n.to)) feeders.get(t.id)!.push({ from: n.id, p: t.p });
  // Gauss-Seidel sweeps in topological order: a DAG settles in one, loops (rework) converge.
  for (let sweep = 0; sweep < 500; sweep++) {
    let delta = 0;
    for (const n of order) {
      const f = flows.get(n.id)!;
      const countUnits = n.type === 'assembly' && n.countUnits;
      f.partsIn = 0;
      f.unitsIn = 0;
      f.edge.clear();
      for (const { from, p } of feeders.get(n.id)!) {
        const g = flows.get(from)!;
        f.partsIn += g.partsOut * p;
        f.unitsIn += g.unitsOut * p;
        f.edge.set(from, (f.edge.get(from) ?? 0) + (countUnits ? g.unitsOut : g.partsOut) * p);
      }
      const before = f.partsOut;
      compute(n, f, rate);
      delta = Math.max(delta, Math.abs(f.partsOut - before) / Math.max(1e-12, Math.abs(f.partsOut)));
    }
    if (delta < 1e-12) break;
  }
  return flows;
}

function compute(n: ModelNode, f: WorkFlow, rate: Map<string, number>): void {
  switch (n.type) {
    case 'source':
      f.partsOut = rate.get(n.id)!;
      f.unitsOut = f.partsOut * n.qty;
      f.jobs = f.partsOut;
      return;
    case 'buffer':
    case 'delay':
    case 'conveyor':
    case 'vehicles':
      f.jobs = f.partsIn;
      f.partsOut = f.partsIn;
      f.unitsOut = f.unitsIn;
      return;
    case 'split':
      f.jobs = f.partsIn;
      f.partsOut = f.partsIn * n.k;
      f.unitsOut = f.partsOut * n.qty;
      return;
    case 'machine':
    case 'batch': {
      const units = f.partsIn > 0 ? f.unitsIn / f.partsIn : 1;
      f.jobs = f.partsIn;
      f.partsOut = f.partsIn * partSurvival(units, n.yield);
      f.unitsOut = f.unitsIn * n.yield;
      return;
    }
    case 'assembly': {
      let jobs = Number.POSITIVE_INFINITY;
      for (const [feeder, need] of Object.entries(n.inputs)) jobs = Math.min(jobs, (f.edge.get(feeder) ?? 0) / need);
      f.jobs = Number.isFinite(jobs) ? jobs : 0;
      f.partsOut = f.jobs * partSurvival(n.qty, n.yield);
      f.unitsOut = f.jobs * n.qty * n.yield;
      return;
    }
    case 'sink':
      f.jobs = f.partsIn;
      f.partsOut = 0;
      f.unitsOut = 0;
  }
}

/** Kahn's order; nodes on loops follow in model order. */
function topologicalOrder(nodes: ModelNode[]): ModelNode[] {
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  for (const n of nodes) if (n.type !== 'sink') for (const t of routeTargets(n.to)) indegree.set(t.id, indegree.get(t.id)! + 1);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ready = nodes.filter((n) => indegree.get(n.id) === 0);
  const out: ModelNode[] = [];
  while (ready.length > 0) {
    const n = ready.shift()!;
    out.push(n);
    if (n.type === 'sink') continue;
    for (const t of routeTargets(n.to)) {
      indegree.set(t.id, indegree.get(t.id)! - 1);
      if (indegree.get(t.id) === 0) ready.push(byId.get(t.id)!);
    }
  }
  const placed = new Set(out.map((n) => n.id));
  return [...out, ...nodes.filter((n) => !placed.has(n.id))];
}

/** Nodes reachable downstream of each node. */
function reachability(nodes: ModelNode[]): Map<string, Set<string>> {
  const next = new Map(nodes.map((n) => [n.id, n.type === 'sink' ? [] : routeTargets(n.to).map((t) => t.id)]));
  const out = new Map<string, Set<string>>();
  for (const n of nodes) {
    const seen = new Set<string>();
    const stack = [...next.get(n.id)!];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...next.get(id)!);
    }
    out.set(n.id, seen);
  }
  return out;
}
