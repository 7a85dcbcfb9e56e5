import { Fifo } from '../engine/index.ts';
import type { FleetGeometry } from '../protocol/transport-layout.ts';
import type { Outlet, PlantNode } from './node.ts';
import type { Part } from './part.ts';
import type { Vehicle } from './vehicle-time.ts';

/** Parts waiting at one feeder for a vehicle. */
export class Pickup {
  /** Parts set down on the pickup places beside the feeder. */
  readonly staged = new Fifo<Part>();
  /** Feeder outlets holding a part for a vehicle (the feeder is blocked meanwhile). */
  readonly blocked = new Fifo<Outlet>();
  /** When each waiting part (staged or held) started to wait, oldest first. */
  readonly calls = new Fifo<number>();
  /** Vehicles on their way here, and vehicles still owed here in the fleet's queue. */
  assigned = 0;
  queued = 0;
  constructor(
    readonly node: PlantNode,
    readonly place: number,
  ) {}
}

/**
 * Which vehicle serves which call: the nearest idle vehicle (ties to the lower index),
 * or else the next vehicle to come free, oldest call first. Knows the idle vehicles
 * and the calls owed one; the trips themselves are in vehicles.ts.
 */
export class FleetDispatch {
  private readonly idle: Vehicle[] = [];
  /** Pickups owed a vehicle, one entry per vehicle owed, oldest call first. */
  private readonly pending = new Fifo<Pickup>();
  private readonly places: number;

  constructor(
    private readonly geometry: FleetGeometry,
    private readonly perTrip: number,
  ) {
    this.places = geometry.places.length;
  }

  /** Sends (with `send`) or queues vehicles until the ones coming can carry every part waiting at `p`. */
  cover(p: Pickup, send: (v: Vehicle, p: Pickup) => void): void {
    while (p.calls.length > (p.assigned + p.queued) * this.perTrip) {
      const v = this.nearestIdle(p.place);
      if (v !== null) send(v, p);
      else {
        p.queued++;
        this.pending.push(p);
      }
    }
  }

  private nearestIdle(place: number): Vehicle | null {
    const dist = this.geometry.dist;
    let best: Vehicle | null = null;
    let bestD = Number.POSITIVE_INFINITY;
    for (const v of this.idle) {
      const d = dist[v.place * this.places + place];
      if (d < bestD || (d === bestD && best !== null && v.index < best.index)) {
        best = v;
        bestD = d;
      }
    }
    return best;
  }

  /** The oldest call still owed a vehicle (calls served meanwhile are dropped), or null. */
  nextOwed(): Pickup | null {
    while (this.pending.length > 0) {
      const p = this.pending.shift()!;
      p.queued--;
      if (p.calls.length > p.assigned * this.perTrip) return p;
    }
    return null;
  }

  /** Vehicles idle now (parked or waiting for a call). */
  get idleCount(): number {
    return this.idle.length;
  }

  /** `v` leaves the idle vehicles (it was sent). */
  busy(v: Vehicle): void {
    const i = this.idle.indexOf(v);
    if (i >= 0) this.idle.splice(i, 1);
  }

  /** `v` waits for a call where it is. */
  parked(v: Vehicle): void {
    this.idle.push(v);
  }
}
