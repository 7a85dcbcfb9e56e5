import type { z } from 'zod';
import { footprintInside, footprintsOverlap, type Footprint } from './layout-geometry.ts';
import { MACHINE_LIKE_TYPES } from './node-kinds.ts';
import { conveyorCapacity, conveyorLength, fleetGeometry, type Derived } from './transport-layout.ts';

/**
 * Whole-model checks of the floor plan and the transport blocks:
 * - equipment (machines, batch processes, assembly stations, buffers, delays,
 *   and the docks of sources and sinks) must not overlap other equipment of the
 *   same area; conveyors and vehicle fleets may cross anything (their layout is
 *   a marker) and splits are logical, not physical;
 * - equipment lies inside its area's hall rectangle; docks (sources, sinks) and
 *   splits only need their centre inside, since a dock sits on the hall wall;
 * - every conveyor length, capacity and fleet distance can be derived.
 */
interface LayoutLike {
  x: number;
  z: number;
  y?: number;
  w?: number;
  d?: number;
  h?: number;
  rotation?: number;
}

interface NodeLike {
  id: string;
  type: string;
  area?: string;
  layout?: LayoutLike;
  to?: string | { id: string; p: number }[];
  park?: string;
}

interface ModelLike {
  nodes: NodeLike[];
  areas: { id: string; layout?: LayoutLike }[];
}

const EQUIPMENT: ReadonlySet<string> = new Set([...MACHINE_LIKE_TYPES, 'buffer', 'delay', 'source', 'sink']);
const CENTRE_ONLY = new Set(['source', 'sink', 'split']);

function footprint(l: LayoutLike): Footprint {
  return { x: l.x, z: l.z, y: l.y ?? 0, w: l.w ?? 2, d: l.d ?? 2, h: l.h ?? 2, rotation: l.rotation ?? 0 };
}

/** `referencesSound`: every id the model names exists, so transport geometry can be derived. */
export function checkLayoutSemantics(model: ModelLike, ctx: z.RefinementCtx, referencesSound: boolean): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', message, path });
  checkOverlaps(model, issue);
  checkInsideHalls(model, issue);
  if (referencesSound) checkTransport(model, issue);
}

type Issue = (path: PropertyKey[], message: string) => void;

/** A sweep along x keeps this near O(n log n) for plants of thousands of nodes. */
function checkOverlaps(model: ModelLike, issue: Issue): void {
  const solid = model.nodes
    .map((node, i) => ({ node, i }))
    .filter(({ node }) => node.layout !== undefined && EQUIPMENT.has(node.type))
    .map(({ node, i }) => {
      const f = footprint(node.layout!);
      const r = Math.hypot(f.w, f.d) / 2; // radius of the rotated footprint's bounding circle
      return { node, i, f, minX: f.x - r, maxX: f.x + r, minZ: f.z - r, maxZ: f.z + r };
    })
    .sort((a, b) => a.minX - b.minX);
  for (let a = 0; a < solid.length; a++) {
    const A = solid[a];
    for (let b = a + 1; b < solid.length && solid[b].minX < A.maxX; b++) {
      const B = solid[b];
      if (A.node.area !== B.node.area || B.minZ >= A.maxZ || A.minZ >= B.maxZ) continue;
      if (!footprintsOverlap(A.f, B.f)) continue;
      const [first, second] = A.i < B.i ? [A, B] : [B, A];
      const where = first.node.area === undefined ? '' : ` in area "${first.node.area}"`;
      issue(['nodes', second.i, 'layout'], `overlaps "${first.node.id}" (nodes[${first.i}])${where}; move one of them`);
    }
  }
}

function checkInsideHalls(model: ModelLike, issue: Issue): void {
  const halls = new Map(model.areas.filter((a) => a.layout !== undefined).map((a) => [a.id, footprint(a.layout!)]));
  model.nodes.forEach((node, i) => {
    if (node.layout === undefined || node.area === undefined) return;
    const hall = halls.get(node.area);
    if (hall === undefined || !(EQUIPMENT.has(node.type) || node.type === 'split')) return;
    const f = footprint(node.layout);
    const shape = CENTRE_ONLY.has(node.type) ? { ...f, w: 0, d: 0 } : f;
    if (footprintInside(shape, hall)) return;
    const span = (c: number, s: number) => `${round(c - s / 2)}..${round(c + s / 2)}`;
    const what = CENTRE_ONLY.has(node.type) ? 'its centre lies' : 'lies (partly)';
    issue(['nodes', i, 'layout'], `${what} outside the hall of area "${node.area}" (x ${span(hall.x, hall.w)} m, z ${span(hall.z, hall.d)} m)`);
  });
}

function checkTransport(model: ModelLike, issue: Issue): void {
  const report = (i: number, d: Derived<unknown>) => {
    if (!d.ok) issue(['nodes', i, ...d.path], d.reason);
    return d.ok;
  };
  model.nodes.forEach((node, i) => {
    if (node.type === 'conveyor') {
      const length = conveyorLength(model, node);
      if (report(i, length) && length.ok) report(i, conveyorCapacity(node, length.value));
    } else if (node.type === 'vehicles') {
      report(i, fleetGeometry(model, node));
      if (node.park === 'home' && node.layout === undefined) issue(['nodes', i, 'park'], '"home" needs a layout position for the depot; give layout or park "stay"');
    }
  });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
