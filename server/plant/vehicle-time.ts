import type { SimEvent } from '../engine/index.ts';
import type { Outlet } from './node.ts';
import type { Part } from './part.ts';

/** Legs a vehicle drives; travel and handling of one leg end at one event. */
export const NO_LEG = 0;
export const FETCH = 1;
export const DELIVER = 2;
export const PARK = 3;

/** Vehicle states, in the order of `vehicleStates` in reports. */
export const VEHICLE_STATES = ['idle', 'toPickup', 'loading', 'loadedTravel', 'unloading', 'blockedAtDrop', 'parking'] as const;
export const IDLE = 0;
const TO_PICKUP = 1;
const LOADING = 2;
const LOADED_TRAVEL = 3;
const UNLOADING = 4;
export const BLOCKED_AT_DROP = 5;
const PARKING = 6;

/** One vehicle of a fleet (plain data; the fleet drives it). */
export interface Vehicle {
  index: number;
  /** Place it stands at, or drives to during a leg. */
  place: number;
  leg: number;
  /** State between legs: IDLE or BLOCKED_AT_DROP. */
  flat: number;
  legStart: number;
  travelEnd: number;
  legEnd: number;
  /** Time up to which its states have been added to the fleet's totals. */
  accounted: number;
  /** The fleet's pickup it drives to (typed by the fleet). */
  pickup: unknown;
  load: Part[];
  unloaded: number;
  event: SimEvent;
  outlet: Outlet;
}

const LEG_STATES: readonly (readonly [number, number])[] = [
  [IDLE, IDLE],
  [TO_PICKUP, LOADING],
  [LOADED_TRAVEL, UNLOADING],
  [PARKING, PARKING],
];

/**
 * Time each vehicle of a fleet spends per state. A leg is scheduled as one
 * event, so its travel → handling change has no event of its own: time is
 * added lazily (`settle`) by splitting the elapsed interval at the leg's known
 * boundaries. Travel metres follow from moving time x speed.
 */
export class VehicleTime {
  private readonly totals = new Float64Array(VEHICLE_STATES.length);
  private startT: number;

  constructor(now: number) {
    this.startT = now;
  }

  /** Adds `v`'s time since it was last settled, up to `now`. */
  settle(v: Vehicle, now: number): void {
    const from = v.accounted;
    if (now <= from) return;
    if (v.leg === NO_LEG) this.totals[v.flat] += now - from;
    else {
      const [travel, handling] = LEG_STATES[v.leg];
      this.totals[travel] += overlap(from, now, v.legStart, v.travelEnd);
      this.totals[handling] += overlap(from, now, v.travelEnd, v.legEnd);
    }
    v.accounted = now;
  }

  /** Clears the totals; call after settling every vehicle at `now`. */
  reset(now: number): void {
    this.totals.fill(0);
    this.startT = now;
  }

  summary(now: number, vehicles: number, speedMps: number) {
    const span = (now - this.startT) * vehicles;
    const share = (i: number) => (span > 0 ? this.totals[i] / span : i === IDLE ? 1 : 0);
    const vehicleStates = Object.fromEntries(VEHICLE_STATES.map((name, i) => [name, share(i)])) as Record<(typeof VEHICLE_STATES)[number], number>;
    const working = share(TO_PICKUP) + share(LOADING) + share(LOADED_TRAVEL) + share(UNLOADING);
    return {
      vehicleStates,
      // The plant-wide state set: a vehicle works while it serves a call; parking counts as idle.
      states: { working, idle: share(IDLE) + share(PARKING), blocked: share(BLOCKED_AT_DROP), setup: 0, down: 0, offShift: 0 },
      travelM: (this.totals[TO_PICKUP] + this.totals[LOADED_TRAVEL] + this.totals[PARKING]) * speedMps,
      loadedTravelM: this.totals[LOADED_TRAVEL] * speedMps,
    };
  }
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  const d = Math.min(a1, b1) - Math.max(a0, b0);
  return d > 0 ? d : 0;
}
