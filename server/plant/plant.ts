import type { Model, ModelNode } from '../protocol/model.ts';
import { Assembly } from './assembly.ts';
import { Batch } from './batch.ts';
import { BufferNode } from './buffer.ts';
import { Conveyor } from './conveyor.ts';
import { compileModel, isCompiled, type CompiledModel } from './compiled-model.ts';
import { PlantContext } from './context.ts';
import { Delay } from './delay.ts';
import { Machine } from './machine.ts';
import { PlantMonitor } from './monitor.ts';
import { Router, type Outlet, type PlantNode } from './node.ts';
import { Sink } from './sink.ts';
import { Source } from './source.ts';
import { Split } from './split.ts';
import { RepairCrewPool } from './repair-crews.ts';
import { startSchedule } from './schedule.ts';
import { Station } from './station.ts';
import { Vehicles } from './vehicles.ts';

/**
 * A runnable plant: the generic blocks configured and wired from a validated
 * model (or a model compiled once for many replications, see compiled-model.ts).
 * Nothing here knows about batteries; the model file does.
 */
export class Plant {
  readonly model: Model;
  readonly compiled: CompiledModel;
  readonly ctx: PlantContext;
  readonly nodes = new Map<string, PlantNode>();
  readonly order: PlantNode[] = [];
  private started = false;
  private statsSince = 0;
  /** WIP by node/area and the bottleneck per window, for KPIs. */
  readonly monitor: PlantMonitor;

  constructor(
    source: Model | CompiledModel,
    readonly seed = 1,
    readonly replication = 0,
  ) {
    const compiled = isCompiled(source) ? source : compileModel(source);
    const model = compiled.model;
    this.compiled = compiled;
    this.model = model;
    this.ctx = new PlantContext(seed, replication);
    // Pools first: stations look theirs up when they are built.
    for (const [id, c] of Object.entries(model.repairCrews ?? {})) this.ctx.crews.set(id, new RepairCrewPool(id, this.ctx, c.count, c.travelS));
    for (const spec of model.nodes) {
      const node = createNode(spec, this.ctx, compiled);
      this.nodes.set(spec.id, node);
      this.order.push(node);
    }
    for (const spec of model.nodes) this.wire(spec);
    this.linkPullFeeders();
    this.monitor = new PlantMonitor(this, (id) => compiled.areaOf.get(id), (id) => compiled.feedersOn.get(id) ?? null);
  }

  get sim() {
    return this.ctx.sim;
  }

  get now(): number {
    return this.ctx.sim.now;
  }

  /** Simulation time when statistics were last reset (0, or the end of warm-up). */
  get statsStart(): number {
    return this.statsSince;
  }

  node(id: string): PlantNode | undefined {
    return this.nodes.get(id);
  }

  /** Starts sources and shift calendars; called automatically by runUntil. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.startCalendars();
    if (this.model.schedule !== undefined) startSchedule(this.ctx, this.model.schedule, this.model.nodes, (id) => this.nodes.get(id));
    for (const node of this.order) node.start();
    this.monitor.start();
  }

  /** Advances the clock to `t` (or until `maxEvents` fired); returns events fired. */
  runUntil(t: number, maxEvents?: number): number {
    this.start();
    try {
      return this.ctx.sim.runUntil(t, maxEvents);
    } catch (e) {
      this.ctx.resetHandOvers();
      for (const node of this.order) node.clearWaking();
      throw e;
    }
  }

  /** Clears every statistic, as at the end of warm-up. */
  resetStats(): void {
    const now = this.now;
    this.statsSince = now;
    this.ctx.wip.reset(now);
    this.ctx.timeInSystem.reset();
    this.ctx.leadTime.reset();
    for (const node of this.order) node.resetStats(now);
    for (const pool of this.ctx.crews.values()) pool.resetStats();
    this.monitor.reset(now);
  }

  private wire(spec: ModelNode): void {
    if (spec.type === 'sink') return;
    const node = this.nodes.get(spec.id)!;
    const targets = this.compiled.routes.get(spec.id)!;
    const dests = targets.map((t) => this.nodes.get(t.id)!);
    const router =
      dests.length === 1 ? Router.fixed(dests[0]) : Router.weighted(dests, targets.map((t) => t.p), this.ctx.uniform(`${spec.id}.route`).asFunction());
    for (const outlet of outletsOf(node)) outlet.router = router;
    if (node instanceof Vehicles) node.setRouter(router);
    for (const dest of dests) {
      if (dest instanceof Vehicles) dest.bindFeeder(node);
      if (dest instanceof Assembly) {
        const destSpec = this.compiled.specs.get(dest.id);
        if (destSpec?.type === 'assembly') dest.bindInput(node, destSpec.inputs[spec.id]);
      }
    }
  }

  /** A buffer or an unlimited source that alone feeds a station, by its only route, lets the station pull (pullInto). */
  private linkPullFeeders(): void {
    const feeders = new Map<string, Set<string>>();
    for (const [from, targets] of this.compiled.routes) for (const t of targets) feeders.set(t.id, (feeders.get(t.id) ?? new Set()).add(from));
    for (const [to, from] of feeders) {
      if (from.size !== 1) continue;
      const [feederId] = from;
      const feeder = this.nodes.get(feederId);
      const station = this.nodes.get(to);
      if (!(station instanceof Station) || this.compiled.routes.get(feederId)!.length !== 1) continue;
      if (feeder instanceof BufferNode || (feeder instanceof Source && feeder.unlimited)) feeder.pullInto(station);
    }
  }

  private startCalendars(): void {
    for (const { id: calendarId, pattern, stations: ids } of this.compiled.calendars) {
      const stations = ids.map((id) => this.nodes.get(id) as Station);
      const sim = this.ctx.sim;
      let on = pattern.isOn(sim.now);
      if (!on) for (const s of stations) s.setOffShift(true);
      const toggle = sim.event(() => {
        on = !on;
        for (const s of stations) s.setOffShift(!on);
        sim.scheduleAt(toggle, pattern.nextChange(sim.now));
      }, `calendar ${calendarId}`);
      sim.scheduleAt(toggle, pattern.nextChange(sim.now));
    }
  }
}

function createNode(spec: ModelNode, ctx: PlantContext, compiled: CompiledModel): PlantNode {
  switch (spec.type) {
    case 'source':
      return new Source(spec.id, ctx, spec.interarrival, spec.qty);
    case 'buffer':
      return new BufferNode(spec.id, ctx, spec.capacity ?? Number.POSITIVE_INFINITY);
    case 'machine':
      return new Machine(spec.id, 'machine', ctx, spec);
    case 'batch':
      return new Batch(spec.id, ctx, spec);
    case 'assembly':
      return new Assembly(spec.id, ctx, spec);
    case 'delay':
      return new Delay(spec.id, ctx, spec.time, spec.capacity ?? Number.POSITIVE_INFINITY);
    case 'split':
      return new Split(spec.id, ctx, spec.k, spec.qty);
    case 'sink':
      return new Sink(spec.id, ctx);
    case 'conveyor': {
      const { lengthM, capacity } = compiled.conveyors.get(spec.id)!;
      return new Conveyor(spec.id, ctx, { lengthM, speedMps: spec.speedMps, capacity, spacingM: spec.spacingM ?? 0 });
    }
    case 'vehicles': {
      const { count, speedMps, loadS, unloadS, perTrip, pickupPlaces, park } = spec;
      return new Vehicles(spec.id, ctx, { count, speedMps, loadS, unloadS, perTrip, pickupPlaces, park, geometry: compiled.fleets.get(spec.id)! });
    }
  }
}

function outletsOf(node: PlantNode): Outlet[] {
  if (node instanceof Station) return node.outlets;
  if (node instanceof Source || node instanceof BufferNode || node instanceof Delay || node instanceof Split || node instanceof Conveyor) return [node.outlet];
  return [];
}
