import { polylineLength, travelDistance, manhattan, type FloorPoint } from './layout-geometry.ts';

/**
 * Lengths, capacities and distance tables of the transport blocks, derived from
 * a model's layout. One implementation for validation (which reports why a value
 * cannot be derived), the plant (which builds the blocks) and the static capacity.
 * Typed loosely, like model-semantics.ts, so the schema module can use it.
 */
interface NodeLike {
  id: string;
  type: string;
  to?: string | { id: string; p: number }[];
  layout?: FloorPoint;
  lengthM?: number;
  path?: FloorPoint[];
  capacity?: number | null;
  spacingM?: number;
  speedMps?: number;
  paths?: { from: string; to: string; via: FloorPoint[] }[];
}

interface ModelLike {
  nodes: NodeLike[];
}

/** A derived value, or the field (relative to the node) and reason it cannot be derived. */
export type Derived<T> = { ok: true; value: T } | { ok: false; path: (string | number)[]; reason: string };

const fail = (path: (string | number)[], reason: string): { ok: false; path: (string | number)[]; reason: string } => ({ ok: false, path, reason });

export function routeIds(to: NodeLike['to']): string[] {
  if (to === undefined) return [];
  return typeof to === 'string' ? [to] : to.map((t) => t.id);
}

/** Ids of the nodes that route to `id`, in model order. */
export function feedersOf(model: ModelLike, id: string): string[] {
  return model.nodes.filter((n) => routeIds(n.to).includes(id)).map((n) => n.id);
}

/**
 * A conveyor's length: `lengthM`, else the length of its `path`, else the
 * Manhattan distance between the centres of its single feeder and its single
 * successor (conveyors run along the aisles, as vehicles do).
 */
export function conveyorLength(model: ModelLike, node: NodeLike): Derived<number> {
  if (node.lengthM !== undefined) return { ok: true, value: node.lengthM };
  if (node.path !== undefined) {
    const length = polylineLength(node.path);
    return length > 0 ? { ok: true, value: length } : fail(['path'], 'has zero length; its points must not all coincide');
  }
  const feeders = feedersOf(model, node.id);
  const targets = routeIds(node.to);
  const why = 'so the length cannot be derived from the layout; give lengthM or path';
  if (feeders.length !== 1) return fail(['lengthM'], `${feeders.length} nodes feed this conveyor (needs exactly one), ${why}`);
  if (targets.length !== 1) return fail(['lengthM'], `the conveyor routes to ${targets.length} nodes (needs exactly one), ${why}`);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const from = byId.get(feeders[0]);
  const to = byId.get(targets[0]);
  if (from?.layout === undefined) return fail(['lengthM'], `its feeder "${feeders[0]}" has no layout, ${why}`);
  if (to?.layout === undefined) return fail(['lengthM'], `its successor "${targets[0]}" has no layout, ${why}`);
  const length = manhattan(from.layout, to.layout);
  return length > 0 ? { ok: true, value: length } : fail(['lengthM'], `its feeder "${from.id}" and successor "${to.id}" stand at the same place, so the derived length is 0`);
}

/** Parts a conveyor of `lengthM` holds: `capacity`, limited to whole spacings on its length. */
export function conveyorCapacity(node: NodeLike, lengthM: number): Derived<number> {
  const cap = node.capacity ?? undefined;
  if (cap === undefined && node.spacingM === undefined) return fail(['capacity'], 'give capacity (parts it holds) or spacingM (distance between parts), or both');
  if (node.spacingM === undefined) return { ok: true, value: cap! };
  // The epsilon keeps 0.3 m / 0.1 m at 3 places, not 2.9999… → 2.
  const fits = Math.floor(lengthM / node.spacingM + 1e-9);
  if (fits < 1) return fail(['spacingM'], `must be <= the conveyor length (${round(lengthM)} m)`);
  return { ok: true, value: cap === undefined ? fits : Math.min(cap, fits) };
}

export interface FleetGeometry {
  /** Node ids of the places a vehicle stands at: feeders (pickups), then destinations, then its home. */
  places: string[];
  pickups: number[];
  drops: number[];
  /** Index of the fleet's own position (its depot), or -1 when it has no layout. */
  home: number;
  /** Travel metres between places, row-major: dist[a * places.length + b]. */
  dist: Float64Array;
}

/**
 * Distances between every pickup, destination and the depot of a vehicle fleet:
 * along an explicit path (either direction) when the model gives one, else
 * Manhattan between the layout centres.
 */
export function fleetGeometry(model: ModelLike, node: NodeLike): Derived<FleetGeometry> {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const feeders = feedersOf(model, node.id);
  const targets = routeIds(node.to);
  const places: string[] = [];
  const indexOf = (id: string) => {
    const i = places.indexOf(id);
    if (i >= 0) return i;
    places.push(id);
    return places.length - 1;
  };
  for (const id of feeders) if (byId.get(id)?.layout === undefined) return fail([], `its feeder "${id}" has no layout, so the travel distance cannot be computed`);
  for (const [j, id] of targets.entries()) {
    if (byId.get(id)?.layout === undefined) return fail(typeof node.to === 'string' ? ['to'] : ['to', j, 'id'], `"${id}" has no layout, so the travel distance cannot be computed`);
  }
  const pickups = feeders.map(indexOf);
  const drops = targets.map(indexOf);
  const home = node.layout === undefined ? -1 : indexOf(node.id);
  const paths = node.paths ?? [];
  for (const [j, p] of paths.entries()) {
    if (!places.includes(p.from)) return fail(['paths', j, 'from'], `"${p.from}" is not a feeder, destination or this fleet (its depot)`);
    if (!places.includes(p.to)) return fail(['paths', j, 'to'], `"${p.to}" is not a feeder, destination or this fleet (its depot)`);
  }
  const n = places.length;
  const dist = new Float64Array(n * n);
  const pos = places.map((id) => byId.get(id)!.layout!);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const forward = paths.find((p) => p.from === places[a] && p.to === places[b]);
      const backward = paths.find((p) => p.from === places[b] && p.to === places[a]);
      const via = forward?.via ?? (backward === undefined ? undefined : [...backward.via].reverse());
      dist[a * n + b] = travelDistance(pos[a], pos[b], via);
    }
  }
  return { ok: true, value: { places, pickups, drops, home, dist } };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
