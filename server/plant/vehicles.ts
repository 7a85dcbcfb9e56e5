import { Tally, TimeWeighted } from '../engine/index.ts';
import type { FleetGeometry } from '../protocol/transport-layout.ts';
import type { PlantContext } from './context.ts';
import { Outlet, PlantNode, Router, type NodeReport } from './node.ts';
import type { Part } from './part.ts';
import { FleetDispatch, Pickup } from './fleet-dispatch.ts';
import { VehicleTime, FETCH, DELIVER, PARK, NO_LEG, IDLE, BLOCKED_AT_DROP, type Vehicle } from './vehicle-time.ts';

export interface VehiclesConfig {
  count: number;
  speedMps: number;
  loadS: number;
  unloadS: number;
  perTrip: number;
  pickupPlaces: number;
  park: 'stay' | 'home';
  geometry: FleetGeometry;
}

/**
 * A fleet of vehicles carrying parts from its feeders to its destinations.
 * A part waits on its feeder (blocking it) or on one of `pickupPlaces` places
 * beside it; each waiting part calls a vehicle. A call is served by the nearest
 * idle vehicle, or else by the next vehicle to come free (oldest call first).
 * A vehicle drives there empty, loads for `loadS` and takes every part waiting
 * there (up to `perTrip`), drives to the destination picked for the trip, unloads
 * for `unloadS` and hands the parts over, waiting while the destination is full.
 * Distances come from the layout (see transport-layout.ts). One reusable event
 * per vehicle marks the end of each leg: travel and handling of a leg share it.
 * Which vehicle answers which call is fleet-dispatch.ts; here are the trips.
 */
export class Vehicles extends PlantNode {
  private readonly vehicles: Vehicle[] = [];
  private readonly dispatch: FleetDispatch;
  private readonly pickups = new Map<PlantNode, Pickup>();
  private router!: Router;
  private readonly drops = new Map<PlantNode, { place: number; router: Router }>();
  private readonly places: number;
  /** Set while a vehicle loads: parts offered by this pickup's feeder go straight onto it. */
  private loadingAt: Pickup | null = null;
  private loadingVehicle: Vehicle | null = null;
  /** The next accept() takes a part this fleet released from a blocked outlet (it has already called). */
  private expectReleased = false;
  private staged = 0;
  private carried = 0;
  readonly time: VehicleTime;
  readonly waitForVehicle = new Tally();
  readonly waitingParts: TimeWeighted;
  readonly level: TimeWeighted;
  private callsOpen = 0;
  trips = 0;

  constructor(
    id: string,
    ctx: PlantContext,
    readonly config: VehiclesConfig,
  ) {
    super(id, 'vehicles', ctx);
    const g = config.geometry;
    this.places = g.places.length;
    const start = g.home >= 0 ? g.home : g.pickups[0];
    this.time = new VehicleTime(ctx.now);
    this.dispatch = new FleetDispatch(g, config.perTrip);
    for (let i = 0; i < config.count; i++) {
      const v: Vehicle = { index: i, place: start, leg: NO_LEG, flat: IDLE, legStart: 0, travelEnd: 0, legEnd: 0, accounted: ctx.now, pickup: null, load: [], unloaded: 0, event: null!, outlet: null! };
      v.event = ctx.sim.event(() => this.legDone(v), `${id}#${i}`);
      v.outlet = new Outlet(this, () => this.handedOver(v));
      this.vehicles.push(v);
      this.dispatch.parked(v);
    }
    this.waitingParts = new TimeWeighted(ctx.now);
    this.level = new TimeWeighted(ctx.now);
  }

  /** Wiring: `feeder` routes parts to this fleet. */
  bindFeeder(feeder: PlantNode): void {
    if (this.pickups.has(feeder)) return;
    const place = this.config.geometry.places.indexOf(feeder.id);
    if (place < 0) throw new Error(`vehicles "${this.id}": no layout place for feeder "${feeder.id}"`);
    this.pickups.set(feeder, new Pickup(feeder, place));
  }

  /** Wiring: where loaded vehicles go; the destination is picked once per trip. */
  setRouter(router: Router): void {
    this.router = router;
    for (const dest of router.destinations) this.drops.set(dest, { place: this.config.geometry.places.indexOf(dest.id), router: Router.fixed(dest) });
  }

  get contents(): number {
    return this.staged + this.carried;
  }

  /** Vehicles on a trip (loaded or driving to a pickup), for the live view. */
  get busyCount(): number {
    return this.vehicles.length - this.dispatch.idleCount;
  }

  override get blockedFeeders(): number {
    let n = 0;
    for (const p of this.pickups.values()) n += p.blocked.length;
    return n;
  }

  canAccept(from: PlantNode): boolean {
    const p = this.pickups.get(from);
    if (p === undefined) return false;
    if (this.loadingAt === p) return this.loadingVehicle!.load.length < this.config.perTrip;
    return p.staged.length < this.config.pickupPlaces;
  }

  accept(part: Part, from: PlantNode): void {
    const p = this.pickups.get(from)!;
    const released = this.expectReleased;
    this.expectReleased = false;
    if (this.loadingAt === p) {
      this.loadingVehicle!.load.push(part);
      this.setCarried(this.carried + 1);
      // A part offered while the vehicle stands there never waited; a released one did.
      if (released) this.served(p);
      return;
    }
    p.staged.push(part);
    this.staged++;
    this.level.set(this.ctx.now, this.contents);
    if (!released) this.call(p);
  }

  /** A feeder blocks on this fleet: its outlet keeps the part until a vehicle loads it. */
  override enqueueBlocked(outlet: Outlet): void {
    const p = this.pickups.get(outlet.owner)!;
    p.blocked.push(outlet);
    this.call(p);
  }

  private call(p: Pickup): void {
    p.calls.push(this.ctx.now);
    this.waitingParts.set(this.ctx.now, ++this.callsOpen);
    this.cover(p);
  }

  /** A waiting part got onto a vehicle. */
  private served(p: Pickup): void {
    const now = this.ctx.now;
    this.waitForVehicle.add(now - p.calls.shift()!);
    this.waitingParts.set(now, --this.callsOpen);
  }

  private cover(p: Pickup): void {
    this.dispatch.cover(p, (v, to) => this.send(v, to));
  }

  private startLeg(v: Vehicle, leg: number, toPlace: number, handlingS: number): void {
    const now = this.ctx.now;
    this.time.settle(v, now);
    const travel = this.config.geometry.dist[v.place * this.places + toPlace] / this.config.speedMps;
    v.leg = leg;
    v.legStart = now;
    v.travelEnd = now + travel;
    v.legEnd = v.travelEnd + handlingS;
    v.place = toPlace;
    this.ctx.sim.scheduleAt(v.event, v.legEnd);
  }

  private send(v: Vehicle, p: Pickup): void {
    this.dispatch.busy(v);
    p.assigned++;
    v.pickup = p;
    this.startLeg(v, FETCH, p.place, this.config.loadS);
  }

  private legDone(v: Vehicle): void {
    this.time.settle(v, this.ctx.now);
    const leg = v.leg;
    v.leg = NO_LEG;
    v.flat = IDLE;
    if (leg === FETCH) this.loaded(v);
    else if (leg === DELIVER) this.unload(v);
    else this.free(v);
  }

  /** Loading ends: take staged parts, then parts held by blocked feeders, up to perTrip. */
  private loaded(v: Vehicle): void {
    const p = v.pickup as Pickup;
    const perTrip = this.config.perTrip;
    p.assigned--;
    v.pickup = null;
    while (v.load.length < perTrip && p.staged.length > 0) {
      v.load.push(p.staged.shift()!);
      this.staged--;
      this.setCarried(this.carried + 1);
      this.served(p);
    }
    this.loadingAt = p;
    this.loadingVehicle = v;
    while (v.load.length < perTrip && p.blocked.length > 0) this.release(p.blocked.shift()!);
    this.loadingAt = null;
    this.loadingVehicle = null;
    // Places freed: feeders waiting for one set their parts down.
    while (p.staged.length < this.config.pickupPlaces && p.blocked.length > 0) this.release(p.blocked.shift()!);
    this.cover(p);
    if (v.load.length === 0) return this.free(v);
    this.trips++;
    const drop = this.drops.get(this.router.pick())!;
    v.outlet.router = drop.router;
    this.startLeg(v, DELIVER, drop.place, this.config.unloadS);
  }

  private release(outlet: Outlet): void {
    this.expectReleased = true;
    outlet.release();
  }

  /** Unloading ends: hand the parts over one by one, waiting while the destination is full. */
  private unload(v: Vehicle): void {
    while (v.unloaded < v.load.length) {
      const part = v.load[v.unloaded++];
      if (!v.outlet.offer(part)) {
        v.flat = BLOCKED_AT_DROP;
        return;
      }
      this.delivered();
    }
    while (v.load.length > 0) v.load.pop();
    v.unloaded = 0;
    this.free(v);
  }

  private delivered(): void {
    this.completed++;
    this.setCarried(this.carried - 1);
  }

  private handedOver(v: Vehicle): void {
    this.time.settle(v, this.ctx.now);
    v.flat = IDLE;
    this.delivered();
    this.unload(v);
  }

  /** A vehicle has nothing to do: serve the oldest call still owed a vehicle, else park. */
  private free(v: Vehicle): void {
    const owed = this.dispatch.nextOwed();
    if (owed !== null) return this.send(v, owed);
    const home = this.config.geometry.home;
    if (this.config.park === 'home' && v.place !== home) return this.startLeg(v, PARK, home, 0);
    this.dispatch.parked(v);
  }

  private setCarried(n: number): void {
    this.carried = n;
    this.level.set(this.ctx.now, this.contents);
  }

  override resetStats(now: number): void {
    super.resetStats(now);
    for (const v of this.vehicles) this.time.settle(v, now);
    this.time.reset(now);
    this.waitForVehicle.reset();
    this.waitingParts.reset(now);
    this.level.reset(now);
    this.trips = 0;
  }

  override report(now: number): NodeReport {
    for (const v of this.vehicles) this.time.settle(v, now);
    const t = this.time.summary(now, this.vehicles.length, this.config.speedMps);
    return {
      ...super.report(now),
      utilization: t.states.working,
      states: t.states,
      vehicleStates: t.vehicleStates,
      vehicles: this.vehicles.length,
      trips: this.trips,
      partsPerTrip: this.trips > 0 ? this.completed / this.trips : 0,
      travelM: t.travelM,
      loadedTravelM: t.loadedTravelM,
      emptyTravelM: t.travelM - t.loadedTravelM,
      // Parts that waited for a vehicle (those loaded the moment they were offered did not).
      partsWaited: this.waitForVehicle.count,
      waitForTransportS: this.waitForVehicle.count > 0 ? this.waitForVehicle.mean : 0,
      maxWaitForTransportS: this.waitForVehicle.count > 0 ? this.waitForVehicle.max : 0,
      avgWaitingParts: this.waitingParts.mean(now),
      avgLevel: this.level.mean(now),
      maxLevel: this.level.max,
    };
  }
}
