import { BoxGeometry, BufferGeometry, ConeGeometry, CylinderGeometry } from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { ShapeKind } from './shape-kind.ts';

/**
 * Unit-sized shapes: footprint x, z in -0.5..0.5, height y in 0..1, so one instance matrix
 * scaled by the node's w, h, d gives its size from the model layout.
 */
function box(w: number, h: number, d: number, x = 0, y = 0, z = 0): BufferGeometry {
  return new BoxGeometry(w, h, d).translate(x, y + h / 2, z);
}

function merge(parts: BufferGeometry[]): BufferGeometry {
  const merged = mergeGeometries(parts.map((p) => p.toNonIndexed()));
  if (!merged) throw new Error('could not merge shape geometry');
  return merged;
}

function shelves(x0: number, z0: number, w: number, d: number, levels: number): BufferGeometry[] {
  const post = 0.04;
  const parts: BufferGeometry[] = [];
  for (const [px, pz] of [[-1, -1], [1, -1], [-1, 1], [1, 1]] as const) {
    parts.push(box(post, 1, post, x0 + (px * (w - post)) / 2, 0, z0 + (pz * (d - post)) / 2));
  }
  for (let i = 0; i < levels; i++) parts.push(box(w, 0.04, d, x0, 0.08 + (i * 0.9) / levels, z0));
  return parts;
}

function build(kind: ShapeKind): BufferGeometry {
  switch (kind) {
    case 'line': // a long coating/calendering line: low bed, a hood over the middle, rollers at the ends
      return merge([
        box(1, 0.45, 0.8),
        box(0.6, 0.45, 0.9, 0, 0.45),
        new CylinderGeometry(0.05, 0.05, 0.85, 12).rotateX(Math.PI / 2).translate(-0.45, 0.5, 0),
        new CylinderGeometry(0.05, 0.05, 0.85, 12).rotateX(Math.PI / 2).translate(0.45, 0.5, 0),
      ]);
    case 'rack':
      return merge(shelves(0, 0, 1, 1, 5));
    case 'rackField': // an aging store: rows of shelving with aisles between them
      return merge([-0.35, 0, 0.35].flatMap((z) => [-0.26, 0.26].flatMap((x) => shelves(x, z, 0.44, 0.22, 4))));
    case 'tank':
      return merge([
        new CylinderGeometry(0.45, 0.45, 0.7, 24).translate(0, 0.35, 0),
        new ConeGeometry(0.45, 0.2, 24).translate(0, 0.8, 0),
        new CylinderGeometry(0.04, 0.04, 0.2, 8).translate(0, 0.95, 0),
      ]);
    case 'oven': // a long tunnel oven with an exhaust stack
      return merge([box(1, 0.7, 0.9), box(1.02, 0.12, 0.5, 0, 0.2), box(0.08, 0.3, 0.08, 0.3, 0.7)]);
    case 'machine':
      return merge([box(1, 0.75, 1), box(0.5, 0.25, 0.6, -0.15, 0.75), box(0.06, 0.3, 0.06, 0.42, 0.75, 0.42)]);
    case 'buffer': // an open tray; the fill bar beside it shows the level
      return merge([box(1, 0.12, 1), box(1, 0.25, 0.05, 0, 0.12, -0.475), box(1, 0.25, 0.05, 0, 0.12, 0.475)]);
    case 'dock': // a pallet on feet
      return merge([box(1, 0.2, 1, 0, 0.15), box(0.1, 0.15, 1, -0.45), box(0.1, 0.15, 1, 0.45), box(0.1, 0.15, 1)]);
  }
}

const cache = new Map<ShapeKind, BufferGeometry>();

export function shapeGeometry(kind: ShapeKind): BufferGeometry {
  let g = cache.get(kind);
  if (!g) {
    g = build(kind);
    cache.set(kind, g);
  }
  return g;
}
