import { routeTargets, type ConveyorNode, type Model, type VehiclesNode } from '../protocol/model.ts';
import { conveyorCapacity, conveyorLength, fleetGeometry, type Derived, type FleetGeometry } from '../protocol/transport-layout.ts';
import type { FlowSolution } from './flow.ts';

const value = <T>(d: Derived<T>): T | null => (d.ok ? d.value : null);

/**
 * Parts per hour an accumulating conveyor passes at most: every part rides
 * length / speed, so by Little's law at most capacity / travel time; and parts
 * are at least spacing apart, so at most speed / spacing.
 */
export function conveyorPartsPerHour(model: Model, n: ConveyorNode): number | null {
  const length = value(conveyorLength(model, n));
  if (length === null) return null;
  const capacity = value(conveyorCapacity(n, length));
  if (capacity === null) return null;
  const byLittle = (capacity * 3600 * n.speedMps) / length;
  const bySpacing = n.spacingM === undefined ? Number.POSITIVE_INFINITY : (3600 * n.speedMps) / n.spacingM;
  return Math.min(byLittle, bySpacing);
}

/**
 * A lower bound on the mean time of one trip: load + unload + loaded travel to
 * the destination (picked per trip by the route's probabilities) + empty travel
 * from there to the nearest pickup (via the depot when vehicles park there, if
 * that is shorter). With one part per trip, trips start at the feeders in
 * proportion to their flows (`feederShares`); otherwise the nearest feeder to
 * each destination is assumed, which keeps it a bound.
 */
export function fleetTripBoundS(n: VehiclesNode, g: FleetGeometry, feederShares: number[] | null): number {
  const size = g.places.length;
  const d = (a: number, b: number) => g.dist[a * size + b];
  const targets = routeTargets(n.to);
  let meters = 0;
  targets.forEach((t, j) => {
    const drop = g.drops[j];
    let loaded = Number.POSITIVE_INFINITY;
    if (feederShares !== null) loaded = g.pickups.reduce((acc, f, i) => acc + feederShares[i] * d(f, drop), 0);
    else for (const f of g.pickups) loaded = Math.min(loaded, d(f, drop));
    let empty = Number.POSITIVE_INFINITY;
    for (const f of g.pickups) {
      empty = Math.min(empty, d(drop, f));
      if (n.park === 'home' && g.home >= 0) empty = Math.min(empty, d(drop, g.home) + d(g.home, f));
    }
    meters += t.p * (loaded + empty);
  });
  return n.loadS + n.unloadS + meters / n.speedMps;
}

/** Parts per hour a fleet carries at most: vehicles x parts per trip / shortest mean trip. */
export function fleetPartsPerHour(model: Model, n: VehiclesNode, flow?: FlowSolution): number | null {
  const g = value(fleetGeometry(model, n));
  if (g === null) return null;
  let shares: number[] | null = null;
  if (n.perTrip === 1 && flow !== undefined) {
    const inflow = g.pickups.map((place) => {
      const feeder = model.nodes.find((x) => x.id === g.places[place])!;
      if (feeder.type === 'sink') return 0;
      const p = routeTargets(feeder.to).reduce((acc, t) => acc + (t.id === n.id ? t.p : 0), 0);
      return (flow.nodes.get(feeder.id)?.partsOut ?? 0) * p;
    });
    const total = inflow.reduce((a, b) => a + b, 0);
    if (total > 0) shares = inflow.map((x) => x / total);
  }
  const tripS = fleetTripBoundS(n, g, shares);
  return tripS > 0 ? (n.count * n.perTrip * 3600) / tripS : null;
}

export interface TransportKpi {
  /** Metres driven by all vehicles (loaded and empty). */
  vehicleTravelM: number;
  /** Part-metres moved on conveyors (parts delivered x length). */
  conveyedPartM: number;
  /** vehicleTravelM + conveyedPartM: the distance material handling covered. */
  totalTravelM: number;
  /** Fleet-weighted share of vehicle time spent serving calls. */
  vehicleUtilization: number | null;
  /** Mean wait of a part for a vehicle, over all fleets (weighted by parts that waited). */
  waitForTransportS: number | null;
  byNode: Record<string, { type: string; utilization: number | null; travelM: number; waitForTransportS: number | null; headBlockedShare: number | null }>;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Transport KPIs of one run, or null when the model has no conveyors or vehicles. */
export function transportKpis(model: Model, nodes: Record<string, Record<string, unknown>>): TransportKpi | null {
  const transport = model.nodes.filter((n) => n.type === 'conveyor' || n.type === 'vehicles');
  if (transport.length === 0) return null;
  const out: TransportKpi = { vehicleTravelM: 0, conveyedPartM: 0, totalTravelM: 0, vehicleUtilization: null, waitForTransportS: null, byNode: {} };
  let vehicles = 0;
  let busy = 0;
  let waited = 0;
  let waitSum = 0;
  for (const n of transport) {
    const s = nodes[n.id] ?? {};
    const travelM = num(s.travelM);
    if (n.type === 'vehicles') {
      out.vehicleTravelM += travelM;
      vehicles += n.count;
      busy += n.count * num(s.utilization);
      waited += num(s.partsWaited);
      waitSum += num(s.partsWaited) * num(s.waitForTransportS);
      out.byNode[n.id] = { type: n.type, utilization: num(s.utilization), travelM, waitForTransportS: num(s.waitForTransportS), headBlockedShare: null };
    } else {
      out.conveyedPartM += travelM;
      out.byNode[n.id] = { type: n.type, utilization: null, travelM, waitForTransportS: null, headBlockedShare: num(s.headBlockedShare) };
    }
  }
  out.totalTravelM = out.vehicleTravelM + out.conveyedPartM;
  if (vehicles > 0) out.vehicleUtilization = busy / vehicles;
  if (waited > 0) out.waitForTransportS = waitSum / waited;
  return out;
}
