import { routeTargets, type Model } from '../protocol/model.ts';
import type { MonitorReport } from '../plant/monitor.ts';
import { gradeARoutes, solveFlow } from './flow.ts';
import { goodUnitsOut } from './units.ts';

/**
 * Nominal cells one part held at each node stands for (every grade, no yield
 * losses: the yield-free steady-state flow). From product.cellsFrom on, a part
 * holds the cells that flowed into it (a tray 24, a module 24, a pack 480).
 * Upstream, the cells a part leaving a node becomes are shared over the parts
 * that make them: value in = value out x parts out / parts in, so a split's
 * child is 1/k of its roll and a cathode lot and an anode lot of one stack
 * kit are half of it each: one cell counts once.
 */
export function cellsPerPart(model: Model): Map<string, number> {
  return partValues(model).out;
}

/** Cells per part leaving each node (`out`) and per part entering it (`in`: the value of a staged input part). */
export function partValues(model: Model): { out: Map<string, number>; in: Map<string, number> } {
  const flow = solveFlow(model, { nominal: true });
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const feeders = new Map<string, { id: string; p: number }[]>();
  for (const n of model.nodes) if (n.type !== 'sink') for (const t of routeTargets(n.to)) feeders.set(t.id, [...(feeders.get(t.id) ?? []), { id: n.id, p: t.p }]);
  const ref = model.product?.cellsFrom;
  const partsOf = (id: string) => {
    const f = flow.nodes.get(id)!;
    return byId.get(id)!.type === 'sink' ? f.partsIn : f.partsOut;
  };
  // Cells flowing out of nodes at or after cellsFrom (null: not downstream of it).
  const cellFlow = new Map<string, number | null>();
  const downstream = (id: string): number | null => {
    if (cellFlow.has(id)) return cellFlow.get(id)!;
    cellFlow.set(id, null); // loops end here
    let v: number | null = null;
    if (id === ref) v = flow.nodes.get(id)!.unitsOut;
    else
      for (const f of feeders.get(id) ?? []) {
        const c = downstream(f.id);
        if (c !== null) v = (v ?? 0) + c * f.p;
      }
    cellFlow.set(id, v);
    return v;
  };
  const value = new Map<string, number>();
  const upstream = (id: string): number => {
    if (value.has(id)) return value.get(id)!;
    value.set(id, 0);
    const parts = partsOf(id);
    const c = ref === undefined ? null : downstream(id);
    let v = 0;
    if (c !== null) v = parts > 0 ? c / parts : 0;
    else if (ref === undefined) v = 1;
    else {
      const n = byId.get(id)!;
      if (n.type !== 'sink')
        for (const t of routeTargets(n.to)) {
          const f = flow.nodes.get(t.id)!;
          if (f.partsIn > 0) v += t.p * upstream(t.id) * (partsOf(t.id) / f.partsIn);
        }
    }
    value.set(id, v);
    return v;
  };
  for (const n of model.nodes) upstream(n.id);
  const valueIn = new Map<string, number>();
  for (const n of model.nodes) {
    const f = flow.nodes.get(n.id)!;
    valueIn.set(n.id, f.partsIn > 0 ? (value.get(n.id)! * partsOf(n.id)) / f.partsIn : 0);
  }
  return { out: value, in: valueIn };
}

/** WIP per area in parts and in cell-equivalents. */
export function wipInCells(model: Model, monitor: MonitorReport): { parts: Record<string, number>; cellEquivalents: Record<string, number>; totalCellEquivalents: number } {
  const values = partValues(model);
  const cellEquivalents: Record<string, number> = {};
  let total = 0;
  for (const n of model.nodes) {
    // Input parts staged at a station (a kit being gathered) are worth what they bring in, not the part they make.
    const staged = monitor.stagedByNode?.[n.id] ?? 0;
    const ce = ((monitor.wipByNode[n.id] ?? 0) - staged) * (values.out.get(n.id) ?? 0) + staged * (values.in.get(n.id) ?? 0);
    const area = n.area ?? '(none)';
    cellEquivalents[area] = (cellEquivalents[area] ?? 0) + ce;
    total += ce;
  }
  return { parts: monitor.wipByArea, cellEquivalents, totalCellEquivalents: total };
}

/**
 * Good cells leaving product.cellsFrom in a run, split into A grade (on to
 * modules) and B grade (to other routes). Cells sent straight to a sink are
 * counted there exactly; other non-module routes by their probability.
 */
export function gradedCells(model: Model, nodes: Record<string, Record<string, unknown>>): { a: number; b: number } | null {
  const product = model.product;
  if (product === undefined) return null;
  const good = goodUnitsOut(nodes[product.cellsFrom]);
  if (good === null) return null;
  let b = 0;
  for (const t of gradeARoutes(model)) {
    if (t.gradeA) continue;
    const sinkUnits = model.nodes.find((n) => n.id === t.id)?.type === 'sink' ? nodes[t.id]?.units : undefined;
    b += typeof sinkUnits === 'number' ? sinkUnits : good * t.p;
  }
  return { a: good - b, b };
}
