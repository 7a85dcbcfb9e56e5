import type { ModelNode } from '../../../server/protocol/model.ts';

/** The kinds of 3D shape the plant is drawn with; each kind is one instanced mesh (one draw call). */
export const SHAPE_KINDS = ['line', 'rack', 'rackField', 'tank', 'oven', 'machine', 'buffer', 'dock'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

// Checked in order: the first rule whose pattern matches the hint (or, failing a hint, the id) wins.
const HINT_RULES: [RegExp, ShapeKind][] = [
  [/aging|ageing|field|warehouse|store|soak/, 'rackField'],
  [/rack|formation|shel/, 'rack'],
  [/coat|line|calend|slit|convey|notch|press/, 'line'],
  [/tank|mix|silo|slurry/, 'tank'],
  [/oven|dry|kiln|vacuum/, 'oven'],
  [/buffer|queue/, 'buffer'],
  [/pallet|dock|source|sink|ship|supply/, 'dock'],
];

/**
 * Picks a recognisable shape from the model's `shape` hint, the node type and its id, so a
 * coater reads as a long line, formation as shelves and aging as a rack field even when the
 * model author wrote only a loose hint.
 */
export function shapeKindOf(node: Pick<ModelNode, 'id' | 'type' | 'layout'>): ShapeKind {
  if (node.type === 'buffer') return 'buffer';
  if (node.type === 'source' || node.type === 'sink') return 'dock';
  const hint = node.layout?.shape?.toLowerCase() ?? '';
  const id = node.id.toLowerCase();
  for (const text of [hint, id]) {
    if (!text) continue;
    for (const [pattern, kind] of HINT_RULES) {
      if (!pattern.test(text)) continue;
      // A delay drawn as a rack is a store where parts sit for days: a field of racks, not one rack.
      if (kind === 'rack' && node.type === 'delay') return 'rackField';
      return kind;
    }
  }
  if (node.type === 'delay') return 'rackField';
  if (node.type === 'batch') return 'rack';
  return 'machine';
}
