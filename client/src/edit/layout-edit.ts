import { MACHINE_LIKE, type FloorPoint, type Model, type ModelNode } from '../../../server/protocol/model.ts';
import { ValidationError } from '../../../server/protocol/errors.ts';
import { ScenarioSchema, applyScenario, mergePatch, type ScenarioInput } from '../../../server/protocol/scenario.ts';

/**
 * The layout editor's logic, free of React and three.js so it can be tested as is.
 * An edit is kept as a scenario overlay (`set: {nodeId: merge patch}`) on the
 * session's model; every change is validated by applying the whole overlay with
 * the server's own applyScenario + ModelSchema, so the editor refuses exactly
 * what a saved scenario file would be refused for (overlaps, halls, transport).
 */

/** Grid the floor positions snap to, in metres. */
export const GRID_M = 0.5;

export type Overlay = Record<string, Record<string, unknown>>;

export type EditOutcome = { ok: true; overlay: Overlay; model: Model } | { ok: false; problems: string[] };

/** Nearest multiple of `step`; rounding to 1e-9 keeps 0.1-style steps from printing as 0.30000000000000004. */
export function snap(v: number, step = GRID_M): number {
  return Math.round(Math.round(v / step) * step * 1e9) / 1e9;
}

/** The model with `overlay` applied and validated; throws ValidationError naming the overlay field at fault. */
export function applyOverlay(base: Model, overlay: Overlay): Model {
  return applyScenario(base, ScenarioSchema.parse({ model: 'edit', question: 'layout edit', set: overlay }));
}

/**
 * Merges `patch` into the overlay of `nodeId` and validates the result. A
 * refused edit returns the problems and leaves the caller's overlay untouched.
 */
export function tryEdit(base: Model, overlay: Overlay, nodeId: string, patch: Record<string, unknown>): EditOutcome {
  const next: Overlay = { ...overlay, [nodeId]: mergePatch(overlay[nodeId] ?? {}, patch) as Record<string, unknown> };
  const own = pruneUnchanged(base, next);
  try {
    return { ok: true, overlay: own, model: applyOverlay(base, own) };
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, problems: err.problems.map((p) => readable(base, p)) };
    return { ok: false, problems: [(err as Error).message] };
  }
}

/**
 * A problem on a node the edit did not touch (the other side of an overlap) is
 * reported by index; the editor names the node instead, as the user sees it.
 */
function readable(base: Model, problem: string): string {
  return problem
    .replace(/^result\.nodes\[(\d+)\]/, (m, i: string) => base.nodes[Number(i)]?.id ?? m)
    .replace(/ \(nodes\[\d+\]\)/g, '');
}

/** Drops patch fields that equal the base again (dragged back), so the saved overlay lists only real changes. */
function pruneUnchanged(base: Model, overlay: Overlay): Overlay {
  const out: Overlay = {};
  for (const [id, patch] of Object.entries(overlay)) {
    const node = base.nodes.find((n) => n.id === id) as Record<string, unknown> | undefined;
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      const was = node?.[key];
      const merged = mergePatch(was, value);
      if (JSON.stringify(merged) !== JSON.stringify(was)) kept[key] = value;
    }
    if (Object.keys(kept).length > 0) out[id] = kept;
  }
  return out;
}

function nodeOf(model: Model, id: string): ModelNode | undefined {
  return model.nodes.find((n) => n.id === id);
}

/** Moves a node's footprint centre to the snapped floor point. */
export function moveNode(base: Model, overlay: Overlay, current: Model, id: string, x: number, z: number): EditOutcome {
  const node = nodeOf(current, id);
  if (node === undefined) return { ok: false, problems: [`${id}: no such node`] };
  return tryEdit(base, overlay, id, { layout: { x: snap(x), z: snap(z) } });
}

/** Turns a node by 90° about its centre (clockwise seen from above). */
export function rotateNode(base: Model, overlay: Overlay, current: Model, id: string): EditOutcome {
  const node = nodeOf(current, id);
  if (node?.layout === undefined) return { ok: false, problems: [`set.${id}.layout: the node has no layout position to rotate`] };
  const rotation = (((node.layout.rotation ?? 0) + 90) % 360 + 360) % 360;
  return tryEdit(base, overlay, id, { layout: { rotation } });
}

/** Adds or removes a parallel machine (servers ± 1) of a machine, batch process or assembly station. */
export function changeServers(base: Model, overlay: Overlay, current: Model, id: string, delta: number): EditOutcome {
  const node = nodeOf(current, id);
  return setServers(base, overlay, current, id, (node as { servers?: number } | undefined)?.servers === undefined ? Number.NaN : (node as { servers: number }).servers + delta);
}

/** Sets the number of parallel machines in one step (208 → 312 racks); the model schema checks the upper bound. */
export function setServers(base: Model, overlay: Overlay, current: Model, id: string, servers: number): EditOutcome {
  const node = nodeOf(current, id);
  if (node === undefined || !MACHINE_LIKE.has(node.type)) return { ok: false, problems: [`set.${id}.servers: only machines, batch processes and assembly stations have parallel servers`] };
  if (!Number.isInteger(servers)) return { ok: false, problems: [`set.${id}.servers: must be a whole number`] };
  if (servers < 1) return { ok: false, problems: [`set.${id}.servers: must be >= 1 (the last machine cannot be removed)`] };
  return tryEdit(base, overlay, id, { servers });
}

/** Adds or removes buffer slots (capacity ± delta); an unbounded buffer has no slots to count. */
export function changeCapacity(base: Model, overlay: Overlay, current: Model, id: string, delta: number): EditOutcome {
  const node = nodeOf(current, id);
  if (node?.type !== 'buffer') return { ok: false, problems: [`set.${id}.capacity: only buffers have slots to add or remove`] };
  if (node.capacity === null) return { ok: false, problems: [`set.${id}.capacity: the buffer is unbounded (null); it has no slots to add or remove`] };
  const capacity = node.capacity + delta;
  if (capacity < 1) return { ok: false, problems: [`set.${id}.capacity: must be >= 1`] };
  return tryEdit(base, overlay, id, { capacity });
}

/**
 * Sets a conveyor's centreline (snapped waypoints), or removes it with `null`
 * so the length falls back to lengthM or the Manhattan distance. A given
 * `lengthM` would override the path, so it is dropped for a drawn path.
 */
export function setConveyorPath(base: Model, overlay: Overlay, current: Model, id: string, points: FloorPoint[] | null): EditOutcome {
  const node = nodeOf(current, id);
  if (node?.type !== 'conveyor') return { ok: false, problems: [`set.${id}.path: only conveyors have a drawn path`] };
  if (points === null) return tryEdit(base, overlay, id, { path: null });
  const path = points.map((p) => ({ x: snap(p.x), z: snap(p.z) }));
  return tryEdit(base, overlay, id, { path, ...(node.lengthM === undefined ? {} : { lengthM: null }) });
}

/** The scenario file an edit is saved as (before the server adds nothing but validation). */
export function toScenario(modelId: string, question: string, overlay: Overlay, name?: string): ScenarioInput {
  return { model: modelId, ...(name ? { name } : {}), question, set: overlay };
}

/** A file-safe scenario id from free text: what POST /api/scenarios accepts. */
export function fileSafeId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 80);
}
