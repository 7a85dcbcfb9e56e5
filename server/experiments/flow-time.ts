import type { Distribution } from '../protocol/distribution.ts';
import { routeTargets, type Model, type ModelNode } from '../protocol/model.ts';
import { formatNumber } from '../protocol/text-format.ts';
import { formatDuration } from './format.ts';

/**
 * The least time any part can take from a source to a sink: a lower bound, so a horizon not
 * longer than it cannot finish a single unit, and every output KPI of such a run is 0 by
 * construction, not by measurement (a 3-day run of the demo line, whose aging alone takes 3 days).
 *
 * Each step counts the least time its distribution can draw (a constant its value, a uniform or
 * triangular its minimum, an empirical its smallest value; the unbounded ones, exponential,
 * normal, lognormal, gamma, Weibull, Erlang, 0), conveyors their length over speed when the
 * length is given, vehicles their load and unload time; waits (queues, batches filling, failures,
 * shifts) count 0. Routes with probability 0 are not taken.
 */
export interface FlowBound {
  seconds: number;
  /** The quickest path's steps that take time, from source to sink: "aging 259,200 s". */
  steps: string[];
}

export function leastDrawn(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
    case 'triangular':
      return d.min;
    case 'empirical':
      return Math.min(...d.values.filter((_, i) => d.probs[i] > 0));
    default:
      return 0;
  }
}

function leastStay(node: ModelNode): number {
  switch (node.type) {
    case 'machine':
    case 'batch':
    case 'assembly':
      return leastDrawn(node.cycle);
    case 'delay':
      return leastDrawn(node.time);
    case 'conveyor':
      return node.lengthM === undefined ? 0 : node.lengthM / node.speedMps;
    case 'vehicles':
      return node.loadS + node.unloadS;
    default:
      return 0;
  }
}

/** The bound, or null when no sink can be reached from a source. */
export function leastFlowTime(model: Model): FlowBound | null {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  // Earliest entry per node and the node it was reached from; weights are ≥ 0, so relaxing until nothing changes (at most one pass per node) settles it, loops included.
  const entry = new Map<string, number>();
  const from = new Map<string, string>();
  for (const n of model.nodes) if (n.type === 'source') entry.set(n.id, 0);
  for (let pass = 0, changed = true; changed && pass <= model.nodes.length; pass++) {
    changed = false;
    for (const n of model.nodes) {
      const at = entry.get(n.id);
      if (at === undefined || !('to' in n) || n.to === undefined) continue;
      const out = at + leastStay(n);
      for (const { id, p } of routeTargets(n.to)) {
        if (p <= 0 || !byId.has(id) || out >= (entry.get(id) ?? Infinity)) continue;
        entry.set(id, out);
        from.set(id, n.id);
        changed = true;
      }
    }
  }
  const sinks = model.nodes.filter((n) => n.type === 'sink' && entry.has(n.id));
  if (sinks.length === 0) return null;
  const sink = sinks.reduce((a, b) => (entry.get(b.id)! < entry.get(a.id)! ? b : a));
  const steps: string[] = [];
  for (let id: string | undefined = from.get(sink.id); id !== undefined; id = from.get(id)) {
    const stay = leastStay(byId.get(id)!);
    if (stay > 0) steps.unshift(`${id} ${formatNumber(stay)} s`);
  }
  return { seconds: entry.get(sink.id)!, steps };
}

/**
 * The refusal of a horizon in which nothing can be finished, naming the field, or null. An
 * experiment or optimisation over it would report 0 for every output, which reads as a result.
 */
export function horizonProblem(model: Model, horizonS: number, field = 'horizon'): string | null {
  const bound = leastFlowTime(model);
  if (bound === null || horizonS > bound.seconds) return null;
  return (
    `${field}: ${formatNumber(horizonS)} s (${formatDuration(horizonS)}) ends before the first unit can be finished: the quickest path through the line takes at least ` +
    `${formatNumber(bound.seconds)} s (${formatDuration(bound.seconds)}: ${bound.steps.join(' + ')}), so every output would be 0; choose a horizon well beyond it, with a warm-up for the line to fill`
  );
}
