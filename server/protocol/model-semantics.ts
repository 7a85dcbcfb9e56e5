import type { z } from 'zod';
import { checkLayoutSemantics } from './layout-semantics.ts';
import { isMachineLike } from './node-kinds.ts';

/**
 * Checks that need the whole model: references between nodes, routing rules and
 * reachability. Runs after every field validated, so it may trust the shapes.
 * Kept free of the schema module's types to avoid an import cycle.
 */
interface NodeLike {
  id: string;
  type: string;
  to?: string | { id: string; p: number }[];
  inputs?: Record<string, number>;
  area?: string;
  calendar?: string;
}

interface ModelLike {
  nodes: NodeLike[];
  areas: { id: string; calendar?: string }[];
  calendars: Record<string, unknown>;
  product?: { cellsFrom: string; modulesFrom?: string; packsFrom?: string };
}

export function checkModelSemantics(model: ModelLike, ctx: z.RefinementCtx): void {
  let problems = 0;
  const issue = (path: PropertyKey[], message: string) => {
    problems++;
    ctx.addIssue({ code: 'custom', message, path });
  };
  const index = new Map<string, number>();
  model.nodes.forEach((node, i) => {
    if (index.has(node.id)) issue(['nodes', i, 'id'], `duplicate id "${node.id}" (also nodes[${index.get(node.id)}])`);
    else index.set(node.id, i);
  });
  const areaIds = new Set(model.areas.map((a) => a.id));
  model.areas.forEach((a, i) => {
    if (a.calendar !== undefined && !(a.calendar in model.calendars)) issue(['areas', i, 'calendar'], `unknown calendar "${a.calendar}"`);
  });

  const successors = new Map<string, string[]>();
  const feeders = new Map<string, string[]>();
  model.nodes.forEach((node, i) => {
    const targets = node.to === undefined ? [] : typeof node.to === 'string' ? [node.to] : node.to.map((t) => t.id);
    successors.set(node.id, targets);
    targets.forEach((target, j) => {
      const path = typeof node.to === 'string' ? ['nodes', i, 'to'] : ['nodes', i, 'to', j, 'id'];
      const ti = index.get(target);
      if (ti === undefined) return issue(path, `unknown node id "${target}"`);
      if (target === node.id) return issue(path, 'a node cannot route to itself');
      if (model.nodes[ti].type === 'source') return issue(path, `"${target}" is a source and cannot receive parts`);
      feeders.set(target, [...(feeders.get(target) ?? []), node.id]);
    });
    if (node.type === 'source' && !('interarrival' in node && node.interarrival !== undefined)) {
      targets.forEach((target) => {
        const ti = index.get(target);
        if (ti !== undefined && !isMachineLike(model.nodes[ti])) {
          issue(['nodes', i, 'to'], `an unlimited source (no interarrival) must feed a machine, batch or assembly, not ${model.nodes[ti].type} "${target}"`);
        }
      });
    }
    if (node.area !== undefined && model.areas.length > 0 && !areaIds.has(node.area)) issue(['nodes', i, 'area'], `unknown area "${node.area}"`);
    if (node.calendar !== undefined && !(node.calendar in model.calendars)) issue(['nodes', i, 'calendar'], `unknown calendar "${node.calendar}"`);
  });

  model.nodes.forEach((node, i) => {
    if (node.type !== 'assembly' || node.inputs === undefined) return;
    const fed = new Set(feeders.get(node.id) ?? []);
    for (const input of Object.keys(node.inputs)) {
      if (!index.has(input)) issue(['nodes', i, 'inputs', input], `unknown node id "${input}"`);
      else if (!fed.has(input)) issue(['nodes', i, 'inputs', input], `"${input}" does not route to this assembly, so this input can never be satisfied`);
    }
    for (const feeder of fed) {
      if (!(feeder in node.inputs)) issue(['nodes', i, 'inputs'], `"${feeder}" routes here but is not listed in inputs`);
    }
  });

  if (!model.nodes.some((n) => n.type === 'source')) issue(['nodes'], 'must contain at least one source');
  if (!model.nodes.some((n) => n.type === 'sink')) issue(['nodes'], 'must contain at least one sink');

  // Every node must be reachable from a source, or it can never see a part.
  const reached = new Set<string>();
  const stack = model.nodes.filter((n) => n.type === 'source').map((n) => n.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of successors.get(id) ?? []) if (index.has(next)) stack.push(next);
  }
  model.nodes.forEach((node, i) => {
    if (!reached.has(node.id)) issue(['nodes', i], `"${node.id}" cannot be reached from any source`);
  });

  // A routing loop with no place to store parts can block itself for good: every station in it
  // holds a finished part the next one must take first. Rework loops must pass through storage.
  for (const loop of routingLoops(model.nodes, successors, index, (type) => !STORAGE.has(type))) {
    const first = index.get(loop[0])!;
    issue(['nodes', first, 'to'], `routing loop ${[...loop, loop[0]].join(' → ')} has no buffer or delay in it, so its stations can block each other for good; route the loop through a buffer`);
  }
  // A loop of blocks that take no time (buffers, splits) would pass parts round at one instant for ever.
  for (const loop of routingLoops(model.nodes, successors, index, (type) => ZERO_TIME.has(type))) {
    const first = index.get(loop[0])!;
    issue(['nodes', first, 'to'], `routing loop ${[...loop, loop[0]].join(' → ')} has only buffers and splits, which take no time, so parts would circle it without simulated time passing; put a station, delay or conveyor in the loop`);
  }

  const product = model.product;
  if (product !== undefined) {
    for (const key of ['cellsFrom', 'modulesFrom', 'packsFrom'] as const) {
      const id = product[key];
      if (id !== undefined && !index.has(id)) issue(['product', key], `unknown node id "${id}"`);
    }
  }

  // Floor plan and transport geometry; derived lengths need sound references first.
  checkLayoutSemantics(model, ctx, problems === 0);
}

/** Parts can wait in these without holding a station; a loop through one of them cannot lock up. */
const STORAGE = new Set(['buffer', 'delay', 'conveyor']);
/** Blocks that pass a part on in the instant it arrives. */
const ZERO_TIME = new Set(['buffer', 'split']);

/**
 * Loops (strongly connected groups, Tarjan) among nodes whose type `keeps`, each in model
 * order. Self-routes are refused elsewhere, so a loop here has two nodes or more.
 * Iterative (an explicit stack of (node, next successor) frames), because a model may be a
 * chain of MAX_NODES stations and a recursive walk overflows the call stack long before that.
 */
function routingLoops(nodes: NodeLike[], successors: Map<string, string[]>, index: Map<string, number>, keeps: (type: string) => boolean): string[][] {
  const keep = (id: string) => index.has(id) && keeps(nodes[index.get(id)!].type);
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const loops: string[][] = [];
  const open = (id: string) => {
    order.set(id, order.size);
    low.set(id, order.get(id)!);
    stack.push(id);
    onStack.add(id);
  };
  const close = (id: string) => {
    if (low.get(id) !== order.get(id)) return;
    const group: string[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      onStack.delete(top);
      group.push(top);
    } while (top !== id);
    if (group.length > 1) loops.push(group.sort((a, b) => index.get(a)! - index.get(b)!));
  };
  for (const root of nodes) {
    if (!keep(root.id) || order.has(root.id)) continue;
    open(root.id);
    const frames: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const targets = successors.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const next = targets[frame.next++];
        if (!keep(next) || next === frame.id) continue;
        if (!order.has(next)) {
          open(next);
          frames.push({ id: next, next: 0 });
        } else if (onStack.has(next)) low.set(frame.id, Math.min(low.get(frame.id)!, order.get(next)!));
        continue;
      }
      frames.pop();
      close(frame.id);
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
    }
  }
  return loops;
}
