import { routeTargets, type Model, type ModelNode, type NodeType } from '../../../server/protocol/model.ts';
import { shapeKindOf, type ShapeKind } from './shape-kind.ts';

export interface NodeBox {
  id: string;
  /** Position in model.nodes, which is also the node's index in compact frames. */
  index: number;
  type: NodeType;
  kind: ShapeKind;
  label?: string;
  labelRu?: string;
  area?: string;
  /** Centre of the footprint on the floor (x, z) and its base height y, in metres. */
  x: number;
  y: number;
  z: number;
  w: number;
  d: number;
  h: number;
  /** Radians about the vertical axis. */
  rotation: number;
}

export interface AreaZone {
  id: string;
  label?: string;
  labelRu?: string;
  x: number;
  z: number;
  w: number;
  d: number;
}

export interface EdgePath {
  from: string;
  to: string;
  /** Floor-level polyline the moving parts follow. */
  points: [number, number, number][];
  /** Cumulative length at each point; the last entry is the path length. */
  cumulative: number[];
}

export type PresetId = 'all' | 'electrode' | 'assembly' | 'finishing' | 'module';
export const PRESET_IDS: readonly PresetId[] = ['all', 'electrode', 'assembly', 'finishing', 'module'];

export interface CameraPreset {
  id: PresetId;
  /** Centre and extent of what the preset frames; null when the model has no such area. */
  frame: { x: number; z: number; w: number; d: number } | null;
}

export interface PlantLayout {
  nodes: NodeBox[];
  byId: Map<string, NodeBox>;
  areas: AreaZone[];
  edges: EdgePath[];
  /** `${from}>${to}` → index into edges, to find the path of a transfer quickly. */
  edgeIndex: Map<string, number>;
  bounds: { minX: number; maxX: number; minZ: number; maxZ: number };
  presets: CameraPreset[];
}

const AUTO_DX = 9;
const AUTO_DZ = 6;
const AREA_MARGIN = 2;
/** Height at which parts travel between stations: roughly a conveyor top. */
export const PATH_Y = 0.8;

/** Builds everything the 3D scene draws from the model: no hand-placed geometry. */
export function buildLayout(model: Model): PlantLayout {
  const auto = autoPositions(model.nodes);
  const nodes: NodeBox[] = model.nodes.map((node, index) => {
    const l = node.layout;
    const a = auto.get(node.id)!;
    return {
      id: node.id,
      index,
      type: node.type,
      kind: shapeKindOf(node),
      label: node.label,
      labelRu: node.labelRu,
      area: node.area,
      x: l?.x ?? a.x,
      y: l?.y ?? 0,
      z: l?.z ?? a.z,
      w: l?.w ?? 2,
      d: l?.d ?? 2,
      h: l?.h ?? 2,
      rotation: ((l?.rotation ?? 0) * Math.PI) / 180,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const areas = model.areas.map((area): AreaZone => {
    if (area.layout) return { id: area.id, label: area.label, labelRu: area.labelRu, x: area.layout.x, z: area.layout.z, w: area.layout.w, d: area.layout.d };
    const members = nodes.filter((n) => n.area === area.id);
    const r = members.length > 0 ? rectOf(members, AREA_MARGIN) : { x: 0, z: 0, w: 0, d: 0 };
    return { id: area.id, label: area.label, labelRu: area.labelRu, ...r };
  });
  const edges: EdgePath[] = [];
  const edgeIndex = new Map<string, number>();
  for (const node of model.nodes) {
    if (!('to' in node) || node.to === undefined) continue;
    for (const { id } of routeTargets(node.to)) {
      const a = byId.get(node.id);
      const b = byId.get(id);
      if (!a || !b || edgeIndex.has(`${a.id}>${b.id}`)) continue;
      edgeIndex.set(`${a.id}>${b.id}`, edges.length);
      edges.push(edgePath(a, b));
    }
  }
  const all = [...nodes.map((n) => ({ x: n.x, z: n.z, w: n.w, d: n.d })), ...areas.filter((a) => a.w > 0)];
  const r = rectOf(all, 0);
  const bounds = { minX: r.x - r.w / 2, maxX: r.x + r.w / 2, minZ: r.z - r.d / 2, maxZ: r.z + r.d / 2 };
  return { nodes, byId, areas, edges, edgeIndex, bounds, presets: buildPresets(areas, nodes, r) };
}

/** For nodes without a layout: columns by longest path from a source, rows within a column. */
function autoPositions(nodes: ModelNode[]): Map<string, { x: number; z: number }> {
  const succ = new Map<string, string[]>();
  for (const n of nodes) succ.set(n.id, 'to' in n && n.to !== undefined ? routeTargets(n.to).map((t) => t.id) : []);
  const rank = new Map<string, number>();
  const queue = nodes.filter((n) => n.type === 'source').map((n) => n.id);
  for (const id of queue) rank.set(id, 0);
  // Longest-path ranks by relaxation, capped so a cycle (rework loop) cannot spin forever.
  for (let guard = 0; queue.length > 0 && guard < nodes.length * nodes.length + 10; guard++) {
    const id = queue.shift()!;
    for (const next of succ.get(id) ?? []) {
      const r = rank.get(id)! + 1;
      if ((rank.get(next) ?? -1) < r && r < nodes.length) {
        rank.set(next, r);
        queue.push(next);
      }
    }
  }
  const rows = new Map<number, number>();
  const out = new Map<string, { x: number; z: number }>();
  for (const n of nodes) {
    const r = rank.get(n.id) ?? 0;
    const row = rows.get(r) ?? 0;
    rows.set(r, row + 1);
    out.set(n.id, { x: r * AUTO_DX, z: row * AUTO_DZ });
  }
  return out;
}

function rectOf(items: { x: number; z: number; w: number; d: number }[], margin: number) {
  if (items.length === 0) return { x: 0, z: 0, w: 10, d: 10 };
  let minX = Infinity, maxX = -Infinity, minZ = Infinity, maxZ = -Infinity;
  for (const it of items) {
    minX = Math.min(minX, it.x - it.w / 2);
    maxX = Math.max(maxX, it.x + it.w / 2);
    minZ = Math.min(minZ, it.z - it.d / 2);
    maxZ = Math.max(maxZ, it.z + it.d / 2);
  }
  return { x: (minX + maxX) / 2, z: (minZ + maxZ) / 2, w: maxX - minX + 2 * margin, d: maxZ - minZ + 2 * margin };
}

/** Leaves from the outfeed side of `a`, enters the infeed side of `b`, with right-angle turns like a conveyor. */
function edgePath(a: NodeBox, b: NodeBox): EdgePath {
  const dir = b.x >= a.x ? 1 : -1;
  const start: [number, number, number] = [a.x + (dir * a.w) / 2, PATH_Y, a.z];
  const end: [number, number, number] = [b.x - (dir * b.w) / 2, PATH_Y, b.z];
  const points: [number, number, number][] = [start];
  if (Math.abs(start[2] - end[2]) > 0.01) {
    const midX = (start[0] + end[0]) / 2;
    points.push([midX, PATH_Y, start[2]], [midX, PATH_Y, end[2]]);
  }
  points.push(end);
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    const [x0, , z0] = points[i - 1];
    const [x1, , z1] = points[i];
    cumulative.push(cumulative[i - 1] + Math.hypot(x1 - x0, z1 - z0));
  }
  return { from: a.id, to: b.id, points, cumulative };
}

/** The point at fraction `t` (0..1) along a path, written into `out` to avoid allocating per frame. */
export function pointAlong(path: EdgePath, t: number, out: { x: number; y: number; z: number }): void {
  const total = path.cumulative[path.cumulative.length - 1];
  const target = Math.min(1, Math.max(0, t)) * total;
  let i = 1;
  while (i < path.points.length - 1 && path.cumulative[i] < target) i++;
  const seg = path.cumulative[i] - path.cumulative[i - 1];
  const f = seg > 0 ? (target - path.cumulative[i - 1]) / seg : 1;
  const p0 = path.points[i - 1];
  const p1 = path.points[i] ?? p0;
  out.x = p0[0] + (p1[0] - p0[0]) * f;
  out.y = p0[1] + (p1[1] - p0[1]) * f;
  out.z = p0[2] + (p1[2] - p0[2]) * f;
}

const PRESET_PATTERNS: Record<Exclude<PresetId, 'all'>, RegExp> = {
  electrode: /electrod|coat|mix|calend|slit|электрод/i,
  assembly: /assembl|stack|wind|сборк/i,
  finishing: /finish|formation|aging|ageing|test|grading|формир|испыт/i,
  module: /module|pack|модул|батаре/i,
};

// Most specific first: "module and pack assembly" is module/pack, not cell assembly.
const MATCH_ORDER: Exclude<PresetId, 'all'>[] = ['module', 'electrode', 'finishing', 'assembly'];

/** The camera preset an area belongs to, judged from its id and labels; undefined if none fits. */
export function presetOfArea(area: { id: string; label?: string; labelRu?: string }): PresetId | undefined {
  const text = `${area.id} ${area.label ?? ''} ${area.labelRu ?? ''}`;
  return MATCH_ORDER.find((p) => PRESET_PATTERNS[p].test(text));
}

function buildPresets(areas: AreaZone[], nodes: NodeBox[], whole: { x: number; z: number; w: number; d: number }): CameraPreset[] {
  const presets: CameraPreset[] = [{ id: 'all', frame: whole }];
  for (const id of PRESET_IDS) {
    if (id === 'all') continue;
    const matched = areas.filter((a) => presetOfArea(a) === id);
    const rects = matched.flatMap((a) => (a.w > 0 ? [a] : nodes.filter((n) => n.area === a.id)));
    presets.push({ id, frame: rects.length > 0 ? rectOf(rects, 0) : null });
  }
  return presets;
}
