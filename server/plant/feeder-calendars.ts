import { ShiftPattern } from '../engine/index.ts';
import { MACHINE_LIKE, routeTargets, type Model, type ModelNode } from '../protocol/model.ts';

/** The shift calendar that governs a node: its own, else its area's; undefined means always on. */
export function calendarOf(model: Model, node: ModelNode): string | undefined {
  if ('calendar' in node && node.calendar !== undefined) return node.calendar;
  if (node.area === undefined) return undefined;
  return model.areas.find((a) => a.id === node.area)?.calendar;
}

/**
 * The calendars of the stations that feed a node without a calendar of its own
 * (a store, conveyor or fleet): walking upstream through other such nodes to the
 * nearest machine-like stations or sources. Such a node only receives work while
 * one of them is on shift. `null` when any feeder is always on (no calendar, a
 * source, or a loop back to the node), so the node may be treated as always on.
 */
export function feederCalendars(model: Model, nodeId: string, feeders: FeederIndex = feederIndex(model)): string[] | null {
  const calendars = new Set<string>();
  const seen = new Set<string>([nodeId]);
  const stack = [...(feeders.get(nodeId) ?? [])];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (MACHINE_LIKE.has(n.type)) {
      const cal = calendarOf(model, n);
      if (cal === undefined || model.calendars[cal] === undefined) return null;
      calendars.add(cal);
    } else if (n.type === 'source') return null;
    else stack.push(...(feeders.get(n.id) ?? []));
  }
  return calendars.size > 0 ? [...calendars] : null;
}

/** The nodes routing to each node, in model order. */
export type FeederIndex = ReadonlyMap<string, ModelNode[]>;

export function feederIndex(model: Model): FeederIndex {
  const feeders = new Map<string, ModelNode[]>();
  for (const n of model.nodes) {
    if (n.type === 'sink') continue;
    for (const t of routeTargets(n.to)) {
      const list = feeders.get(t.id);
      if (list === undefined) feeders.set(t.id, [n]);
      else list.push(n);
    }
  }
  return feeders;
}

/** Whether a feeding station of a store or fleet is on shift at t; null when it always is. */
export function feedersOnShift(model: Model, nodeId: string, feeders?: FeederIndex): ((t: number) => boolean) | null {
  const ids = feederCalendars(model, nodeId, feeders);
  if (ids === null) return null;
  const patterns = ids.map((id) => new ShiftPattern(model.calendars[id].periodS, model.calendars[id].shifts));
  if (patterns.some((p) => p.alwaysOn)) return null;
  return (t) => patterns.some((p) => p.isOn(t));
}
