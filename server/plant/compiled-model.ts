import { ShiftPattern } from '../engine/index.ts';
import { MACHINE_LIKE, routeTargets, type Model, type ModelNode } from '../protocol/model.ts';
import { conveyorCapacity, conveyorLength, fleetGeometry, type Derived, type FleetGeometry } from '../protocol/transport-layout.ts';
import { feederIndex, feedersOnShift } from './feeder-calendars.ts';

/** A shift calendar that switches stations on and off, with the stations it governs. */
export interface StationCalendar {
  readonly id: string;
  readonly pattern: ShiftPattern;
  readonly stations: readonly string[];
}

/**
 * A validated model with the static structure a Plant is built from worked out
 * once: routes, transport geometry, areas, shift calendars and which calendars
 * feed each store. Building a plant from it repeats none of that, so experiments
 * and the optimiser compile a model once per worker and build a fresh plant per
 * replication (see server/experiments/compiled-cache.ts). Read-only: plants
 * share it and never write into it.
 */
export interface CompiledModel {
  readonly model: Model;
  readonly specs: ReadonlyMap<string, ModelNode>;
  /** Destinations and probabilities of every node with an exit. */
  readonly routes: ReadonlyMap<string, readonly { id: string; p: number }[]>;
  readonly conveyors: ReadonlyMap<string, { lengthM: number; capacity: number }>;
  readonly fleets: ReadonlyMap<string, FleetGeometry>;
  readonly areaOf: ReadonlyMap<string, string | undefined>;
  /** For each store and fleet: whether a feeding station is on shift at t (null: always). */
  readonly feedersOn: ReadonlyMap<string, ((t: number) => boolean) | null>;
  /** Calendars that are not always on, each with its stations in model order. */
  readonly calendars: readonly StationCalendar[];
}

/** Nodes whose share of samples with a feeder on shift the monitor reports. */
const WATCHED_STORES: ReadonlySet<string> = new Set(['buffer', 'delay', 'conveyor', 'vehicles']);

export function isCompiled(source: Model | CompiledModel): source is CompiledModel {
  return 'specs' in source && source.specs instanceof Map;
}

/** Works out a validated model's static structure (throws if transport geometry cannot be derived). */
export function compileModel(model: Model): CompiledModel {
  const specs = new Map(model.nodes.map((n) => [n.id, n]));
  const routes = new Map<string, { id: string; p: number }[]>();
  const conveyors = new Map<string, { lengthM: number; capacity: number }>();
  const fleets = new Map<string, FleetGeometry>();
  for (const spec of model.nodes) {
    if (spec.type !== 'sink') routes.set(spec.id, routeTargets(spec.to));
    if (spec.type === 'conveyor') {
      const lengthM = derived(spec.id, conveyorLength(model, spec));
      conveyors.set(spec.id, { lengthM, capacity: derived(spec.id, conveyorCapacity(spec, lengthM)) });
    } else if (spec.type === 'vehicles') fleets.set(spec.id, derived(spec.id, fleetGeometry(model, spec)));
  }
  const feeders = feederIndex(model);
  const feedersOn = new Map(model.nodes.filter((n) => WATCHED_STORES.has(n.type)).map((n) => [n.id, feedersOnShift(model, n.id, feeders)]));
  return {
    model,
    specs,
    routes,
    conveyors,
    fleets,
    areaOf: new Map(model.nodes.map((n) => [n.id, n.area])),
    feedersOn,
    calendars: stationCalendars(model),
  };
}

function stationCalendars(model: Model): StationCalendar[] {
  const areaCalendar = new Map(model.areas.map((a) => [a.id, a.calendar]));
  const byCalendar = new Map<string, string[]>();
  for (const spec of model.nodes) {
    if (!MACHINE_LIKE.has(spec.type)) continue;
    const calendarId = ('calendar' in spec ? spec.calendar : undefined) ?? (spec.area ? areaCalendar.get(spec.area) : undefined);
    if (calendarId === undefined) continue;
    const list = byCalendar.get(calendarId);
    if (list === undefined) byCalendar.set(calendarId, [spec.id]);
    else list.push(spec.id);
  }
  const out: StationCalendar[] = [];
  for (const [id, stations] of byCalendar) {
    const def = model.calendars[id];
    const pattern = new ShiftPattern(def.periodS, def.shifts);
    if (!pattern.alwaysOn) out.push({ id, pattern, stations });
  }
  return out;
}

/** Validation has already refused models whose transport geometry cannot be derived. */
function derived<T>(id: string, d: Derived<T>): T {
  if (!d.ok) throw new Error(`node "${id}": ${d.path.join('.')}: ${d.reason}`);
  return d.value;
}
