import { PerspectiveCamera, Vector3 } from 'three';
import type { Model } from '../../server/protocol/model.ts';
import { cameraFor, FOV_DEG } from '../../client/src/scene/CameraRig.tsx';
import { buildLayout, type NodeBox } from '../../client/src/scene/layout.ts';
import { SHAPE_KINDS, shapeKindOf } from '../../client/src/scene/shape-kind.ts';

/**
 * Where the client's camera shows a node, worked out from the same layout and camera
 * rules the client uses. The browser test then hovers there and checks the app's own
 * hover label names that node before clicking, so a wrong guess fails loudly instead of
 * clicking something else.
 */
export function screenPointOf(model: Model, nodeId: string, canvas: { width: number; height: number }): { x: number; y: number } {
  const node = buildLayout(model).byId.get(nodeId);
  if (!node) throw new Error(`no node "${nodeId}" in the layout`);
  return projectToScreen(model, null, { x: node.x, y: node.y + node.h * 0.75, z: node.z }, canvas);
}

/**
 * Screen point of a model position seen from a camera preset (`null`: the first, the
 * plant overview), by the client's own camera rule.
 */
export function projectToScreen(model: Model, presetId: string | null, at: { x: number; y: number; z: number }, canvas: { width: number; height: number }): { x: number; y: number } {
  const presets = buildLayout(model).presets;
  const preset = presetId === null ? presets[0] : presets.find((p) => p.id === presetId);
  if (!preset?.frame) throw new Error(`no camera preset "${presetId}"`);
  const aspect = canvas.width / canvas.height;
  const { position, target } = cameraFor(preset.frame, aspect);
  const camera = new PerspectiveCamera(FOV_DEG, aspect, 0.5, 5000);
  camera.position.copy(position);
  camera.lookAt(target);
  camera.updateMatrixWorld();
  const v = new Vector3(at.x, at.y, at.z).project(camera);
  return { x: ((v.x + 1) / 2) * canvas.width, y: ((1 - v.y) / 2) * canvas.height };
}

/** Expected instance count per shape kind: every model node is drawn exactly once. */
export function expectedCounts(model: Model): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(SHAPE_KINDS.map((k) => [k, 0]));
  for (const n of model.nodes) out[shapeKindOf(n)]++;
  return out;
}

/** Instances of node shapes drawn (the hook also counts paths, fill bars, parts and markers). */
export function shapes(counts: Record<string, number>): number {
  return SHAPE_KINDS.reduce((sum, k) => sum + (counts[k] ?? 0), 0);
}

/** The station with the highest nominal rate (servers / mean cycle), first in model order on ties. */
export function fastestMachine(model: Model): { id: string; label: string; servers: number } {
  let best: { id: string; label: string; servers: number; rate: number } | null = null;
  for (const n of model.nodes) {
    if (n.type !== 'machine') continue;
    const c = n.cycle as { mean?: number; value?: number };
    const mean = c.mean ?? c.value;
    if (mean === undefined) continue;
    const rate = (n.servers ?? 1) / mean;
    if (best === null || rate > best.rate) best = { id: n.id, label: n.label ?? n.id, servers: n.servers ?? 1, rate };
  }
  if (best === null) throw new Error('the model has no machine with a mean cycle');
  return best;
}

export type { NodeBox };
