import type { FloorPoint, Model } from '../../../server/protocol/model.ts';
import { conveyorLength, fleetGeometry } from '../../../server/protocol/transport-layout.ts';

/**
 * One travel the plant's transport makes, with the distance and time the
 * simulation uses: derived with the same transport-layout functions as the
 * engine (conveyor length from lengthM, path or Manhattan; fleet distances
 * along explicit paths or Manhattan), so a label shown while dragging is the
 * value the next run will use.
 */
export interface TransportLeg {
  /** Stable key for labels: `conveyorId` or `fleetId:from>to`. */
  key: string;
  nodeId: string;
  kind: 'conveyor' | 'vehicles';
  from: string;
  to: string;
  distanceM: number;
  /** distance / speed; for vehicles without load and unload times, which the distance does not change. */
  travelS: number;
  /** Where the label sits: halfway between the ends (or the path's middle point). */
  at: FloorPoint;
  /** Points to draw the leg through, ends included. */
  points: FloorPoint[];
}

/** Every conveyor and every loaded vehicle trip (feeder → destination) of the model; legs that cannot be derived are left out. */
export function transportLegs(model: Model): TransportLeg[] {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const pos = (id: string): FloorPoint | undefined => {
    const l = byId.get(id)?.layout;
    return l === undefined ? undefined : { x: l.x, z: l.z };
  };
  const legs: TransportLeg[] = [];
  for (const node of model.nodes) {
    if (node.type === 'conveyor') {
      const length = conveyorLength(model, node);
      if (!length.ok) continue;
      const feeder = model.nodes.find((n) => 'to' in n && n.to !== undefined && (typeof n.to === 'string' ? n.to === node.id : n.to.some((t) => t.id === node.id)));
      const a = feeder === undefined ? undefined : pos(feeder.id);
      const b = typeof node.to === 'string' ? pos(node.to) : undefined;
      const points = node.path ?? (a && b ? [a, { x: b.x, z: a.z }, b] : node.layout ? [{ x: node.layout.x, z: node.layout.z }] : []);
      if (points.length === 0) continue;
      legs.push({
        key: node.id,
        nodeId: node.id,
        kind: 'conveyor',
        from: feeder?.id ?? '',
        to: typeof node.to === 'string' ? node.to : node.to.map((t) => t.id).join(','),
        distanceM: length.value,
        travelS: length.value / node.speedMps,
        at: points[Math.floor(points.length / 2)] ?? points[0],
        points,
      });
    } else if (node.type === 'vehicles') {
      const g = fleetGeometry(model, node);
      if (!g.ok) continue;
      const { places, pickups, drops, dist } = g.value;
      for (const p of pickups) {
        for (const d of drops) {
          if (p === d) continue;
          const a = pos(places[p])!;
          const b = pos(places[d])!;
          const distanceM = dist[p * places.length + d];
          legs.push({
            key: `${node.id}:${places[p]}>${places[d]}`,
            nodeId: node.id,
            kind: 'vehicles',
            from: places[p],
            to: places[d],
            distanceM,
            travelS: distanceM / node.speedMps,
            at: { x: (a.x + b.x) / 2, z: (a.z + b.z) / 2 },
            points: [a, { x: b.x, z: a.z }, b],
          });
        }
      }
    }
  }
  return legs;
}

/** Total metres of all legs: a quick measure of how much a layout makes material travel. */
export function totalLegMetres(legs: readonly TransportLeg[]): number {
  return legs.reduce((s, l) => s + l.distanceM, 0);
}
