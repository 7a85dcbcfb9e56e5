/**
 * Floor-plan geometry of a model's layout, shared by validation, the transport
 * blocks, the static capacity and the client's edit mode (so a distance shown
 * while dragging is the one the simulation uses). Pure arithmetic, no imports:
 * it lives in protocol/, which depends on zod only.
 *
 * Conventions: x/z is the floor plane in metres, y is up; a node's (x, z) is the
 * centre of its footprint, w runs along x and d along z before `rotation`
 * (degrees about the vertical axis); the footprint occupies heights y .. y + h.
 */

export interface FloorPoint {
  x: number;
  z: number;
}

export interface Footprint extends FloorPoint {
  w: number;
  d: number;
  rotation: number;
  y?: number;
  h?: number;
}

/** Travel along the floor grid: vehicles and conveyors run along aisles in x, then in z. */
export function manhattan(a: FloorPoint, b: FloorPoint): number {
  return Math.abs(a.x - b.x) + Math.abs(a.z - b.z);
}

/** Length of a polyline through `points` (straight segments). */
export function polylineLength(points: readonly FloorPoint[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i].x - points[i - 1].x, points[i].z - points[i - 1].z);
  return total;
}

/**
 * Distance from `from` to `to`: along the waypoints `via` (straight segments
 * from → via… → to) when given, otherwise Manhattan.
 */
export function travelDistance(from: FloorPoint, to: FloorPoint, via?: readonly FloorPoint[]): number {
  if (via === undefined || via.length === 0) return manhattan(from, to);
  return polylineLength([from, ...via, to]);
}

/** Corners of a footprint on the floor, counter-clockwise. */
export function footprintCorners(f: Footprint): FloorPoint[] {
  const a = (f.rotation * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const hw = f.w / 2;
  const hd = f.d / 2;
  return [
    [-hw, -hd],
    [hw, -hd],
    [hw, hd],
    [-hw, hd],
  ].map(([u, v]) => ({ x: f.x + u * c - v * s, z: f.z + u * s + v * c }));
}

/** Metres two shapes may share at their edges without counting as overlapping (rounding of typed coordinates). */
export const TOUCH_TOLERANCE_M = 1e-6;

/**
 * Whether two footprints overlap in plan by more than the tolerance (separating
 * axis test on the two rectangles) and in height. Footprints that only touch
 * along an edge do not overlap.
 */
export function footprintsOverlap(a: Footprint, b: Footprint): boolean {
  const ay = a.y ?? 0;
  const by = b.y ?? 0;
  const ah = a.h ?? Number.POSITIVE_INFINITY;
  const bh = b.h ?? Number.POSITIVE_INFINITY;
  if (ay + ah <= by + TOUCH_TOLERANCE_M || by + bh <= ay + TOUCH_TOLERANCE_M) return false;
  const ca = footprintCorners(a);
  const cb = footprintCorners(b);
  for (const rect of [ca, cb]) {
    for (let i = 0; i < 2; i++) {
      const ax = rect[i + 1].x - rect[i].x;
      const az = rect[i + 1].z - rect[i].z;
      const len = Math.hypot(ax, az);
      const nx = -az / len;
      const nz = ax / len;
      const [minA, maxA] = project(ca, nx, nz);
      const [minB, maxB] = project(cb, nx, nz);
      if (maxA <= minB + TOUCH_TOLERANCE_M || maxB <= minA + TOUCH_TOLERANCE_M) return false;
    }
  }
  return true;
}

function project(points: FloorPoint[], nx: number, nz: number): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    const t = p.x * nx + p.z * nz;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return [min, max];
}

/** Whether every corner of `inner` lies inside the (possibly rotated) rectangle `hall`, within the tolerance. */
export function footprintInside(inner: Footprint, hall: Footprint): boolean {
  const a = (-hall.rotation * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  for (const p of footprintCorners(inner)) {
    const dx = p.x - hall.x;
    const dz = p.z - hall.z;
    const u = dx * c - dz * s;
    const v = dx * s + dz * c;
    if (Math.abs(u) > hall.w / 2 + TOUCH_TOLERANCE_M || Math.abs(v) > hall.d / 2 + TOUCH_TOLERANCE_M) return false;
  }
  return true;
}
