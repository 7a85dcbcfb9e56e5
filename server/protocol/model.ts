import { z } from 'zod';
import { DistributionSchema, schemaHelpers } from './distribution.ts';
import { checkModelSemantics } from './model-semantics.ts';
import { checkCrewRefs, RepairCrewsSchema } from './repair-crews.ts';
import { areaEconomics, EconomicsSchema, sourceEconomics, stationEconomics } from './economics.ts';
import { MACHINE_LIKE_TYPES, type MachineLikeType } from './node-kinds.ts';
import { atMost, MAX_BATCH_SIZE, MAX_CAPACITY, MAX_NODES, MAX_QTY, MAX_SERVERS, MAX_SPLIT_PARTS, MAX_VEHICLES } from './limits.ts';

export { isMachineLike, MACHINE_LIKE_TYPES } from './node-kinds.ts';
export { MAX_SERVERS } from './limits.ts';

const { finite, positive, nonNegative } = schemaHelpers;

export const NodeIdSchema = z
  .string('must be a string')
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"');

const probability = () => finite().gt(0, 'must be > 0').lte(1, 'must be <= 1');
const count = (what: string) => z.int(`${what} must be a whole number`).gte(1, 'must be >= 1');
/** A whole number from 1 to `limit` (limits.ts: far above any plant, low enough that a typo cannot exhaust memory). */
const countUpTo = (what: string, limit: number) => count(what).lte(limit, atMost(limit));

/** A station's number of parallel servers; the model file and a live edit check it alike. */
export const ServersSchema = countUpTo('servers', MAX_SERVERS);
/** Places of a store (buffer, delay, conveyor); the model file and a live edit check it alike. */
export const CapacitySchema = countUpTo('capacity', MAX_CAPACITY);

/** Where parts go next: one node id, or several with probabilities summing to 1. */
export const RouteSchema = z.union(
  [
    NodeIdSchema,
    z
      .array(z.strictObject({ id: NodeIdSchema, p: probability() }))
      .min(1, 'must list at least one destination')
      .refine((r) => Math.abs(r.reduce((a, b) => a + b.p, 0) - 1) < 1e-6, 'probabilities must sum to 1'),
  ],
  { error: 'must be a node id or a list of {"id", "p"}' },
);

/** Position and size in metres for the 3D view; x/z is the floor plane, y is up. */
export const LayoutSchema = z.strictObject({
  x: finite(),
  y: finite().default(0),
  z: finite(),
  w: positive().default(2),
  d: positive().default(2),
  h: positive().default(2),
  rotation: finite().default(0).describe('degrees about the vertical axis'),
  shape: z.string().max(40).optional().describe('a hint for the viewer, e.g. "line", "rack", "tank"'),
});

const FailuresSchema = z.strictObject({
  ttf: DistributionSchema.describe('time to failure, counted in working time of one server'),
  ttr: DistributionSchema.describe('time to repair'),
  crew: NodeIdSchema.optional().describe('repair crew pool (repairCrews) whose crew must arrive before the repair starts'),
});

const SetupSchema = z.strictObject({
  everyParts: count('everyParts').describe('a setup before every n-th part a server takes'),
  time: DistributionSchema,
});

const common = {
  id: NodeIdSchema,
  label: z.string().max(120).optional(),
  labelRu: z.string().max(120).optional(),
  description: z.string().max(2000).optional(),
  area: NodeIdSchema.optional(),
  layout: LayoutSchema.optional(),
};

/** Fields shared by every node that runs cycles on one or more servers. */
const station = {
  ...common,
  servers: ServersSchema.default(1),
  cycle: DistributionSchema,
  yield: probability().default(1).describe('share of units that pass; the rest are scrapped at the end of the cycle'),
  nominalCycleS: positive().optional().describe('nameplate cycle time, the reference for OEE performance'),
  failures: FailuresSchema.optional(),
  setup: SetupSchema.optional(),
  calendar: NodeIdSchema.optional().describe('shift calendar id; defaults to the area calendar'),
  continuesOffShift: z
    .boolean('must be true or false')
    .optional()
    .describe('an unattended process (oven, formation rack): a cycle in progress at a shift end runs to its end; no new job starts off shift'),
  scrapCost: nonNegative().optional().describe('cost of one scrapped unit at this step, in the model currency'),
  ...stationEconomics,
  to: RouteSchema,
};

export const SourceNodeSchema = z.strictObject({
  ...common,
  type: z.literal('source'),
  interarrival: DistributionSchema.optional().describe('without it the source is an unlimited supply'),
  qty: countUpTo('qty', MAX_QTY).default(1).describe('units per part'),
  ...sourceEconomics,
  to: RouteSchema,
});

export const BufferNodeSchema = z.strictObject({
  ...common,
  type: z.literal('buffer'),
  capacity: z.union([CapacitySchema, z.null()], { error: 'must be a whole number >= 1 or null (unbounded)' }),
  to: RouteSchema,
});

export const MachineNodeSchema = z.strictObject({ ...station, type: z.literal('machine') });

export const BatchNodeSchema = z.strictObject({
  ...station,
  type: z.literal('batch'),
  batch: z
    .strictObject({
      size: countUpTo('size', MAX_BATCH_SIZE),
      min: countUpTo('min', MAX_BATCH_SIZE).optional().describe('start when this many are present (default: size)'),
      maxWaitS: positive().optional().describe('or when the first part has waited this long'),
    })
    .refine((b) => b.min === undefined || b.min <= b.size, { message: 'must be <= size', path: ['min'] }),
});

export const DelayNodeSchema = z.strictObject({
  ...common,
  type: z.literal('delay'),
  time: DistributionSchema,
  capacity: z.union([CapacitySchema, z.null()]).default(null),
  to: RouteSchema,
});

export const SplitNodeSchema = z.strictObject({
  ...common,
  type: z.literal('split'),
  k: countUpTo('k', MAX_SPLIT_PARTS).describe('parts out per part in'),
  qty: countUpTo('qty', MAX_QTY).default(1).describe('units per output part'),
  to: RouteSchema,
});

export const AssemblyNodeSchema = z.strictObject({
  ...station,
  type: z.literal('assembly'),
  inputs: z
    .record(NodeIdSchema, countUpTo('input count', MAX_BATCH_SIZE))
    .refine((r) => Object.keys(r).length > 0, 'must name at least one input'),
  qty: countUpTo('qty', MAX_QTY).default(1).describe('units in the assembled part'),
  countUnits: z
    .boolean()
    .default(false)
    .describe('inputs count units (cells on trays) rather than parts; a part with more units than the kit needs gives the rest to the next kit'),
});

export const SinkNodeSchema = z.strictObject({ ...common, type: z.literal('sink') });

/** A point on the floor (x/z plane), metres. */
export const FloorPointSchema = z.strictObject({ x: finite(), z: finite() });

/**
 * An accumulating conveyor: parts ride `lengthM / speedMps` seconds; a blocked
 * head stops releasing and parts queue behind it up to `capacity`.
 */
export const ConveyorNodeSchema = z.strictObject({
  ...common,
  type: z.literal('conveyor'),
  speedMps: positive().describe('belt speed in m/s'),
  lengthM: positive().optional().describe('default: the length of `path`, else the Manhattan distance from its one feeder to its one successor'),
  path: z.array(FloorPointSchema).min(2, 'must list at least two points').optional().describe('centreline on the floor, for the view and the length'),
  capacity: CapacitySchema.optional().describe('parts on it at most; default (and at most) length / spacingM'),
  spacingM: positive().optional().describe('least distance between parts, front to front: limits the rate to speed / spacing'),
  to: RouteSchema,
});

/** An explicit aisle for a vehicle fleet between two places; pairs without one use the Manhattan distance. */
export const VehiclePathSchema = z.strictObject({
  from: NodeIdSchema,
  to: NodeIdSchema,
  via: z.array(FloorPointSchema).min(1, 'must list at least one waypoint'),
});

/**
 * A fleet of vehicles (AGVs, forklifts) carrying parts from its feeders to `to`.
 * Parts wait on their feeder (which stays blocked) or on `pickupPlaces` places
 * beside it; the nearest idle vehicle is sent; travel distances come from the layout.
 */
export const VehiclesNodeSchema = z.strictObject({
  ...common,
  type: z.literal('vehicles'),
  count: countUpTo('count', MAX_VEHICLES).describe('vehicles in the fleet'),
  speedMps: positive().describe('travel speed in m/s, loaded or empty'),
  loadS: nonNegative().default(0).describe('seconds to load one trip at the pickup'),
  unloadS: nonNegative().default(0).describe('seconds to unload one trip at the destination'),
  perTrip: countUpTo('perTrip', MAX_BATCH_SIZE).default(1).describe('parts one vehicle carries at most; it takes what waits at the pickup'),
  pickupPlaces: z.int('pickupPlaces must be a whole number').gte(0, 'must be >= 0').lte(MAX_CAPACITY, atMost(MAX_CAPACITY)).default(0).describe('places per feeder where parts wait for a vehicle; 0 = they wait on the feeder, blocking it'),
  park: z.enum(['stay', 'home'], { error: 'must be "stay" or "home"' }).default('stay').describe('idle vehicles stay where they unloaded, or drive back to this node\'s layout position'),
  paths: z.array(VehiclePathSchema).default([]),
  to: RouteSchema,
});

export const NodeSchema = z.discriminatedUnion(
  'type',
  [SourceNodeSchema, BufferNodeSchema, MachineNodeSchema, BatchNodeSchema, DelayNodeSchema, SplitNodeSchema, AssemblyNodeSchema, SinkNodeSchema, ConveyorNodeSchema, VehiclesNodeSchema],
  { error: 'type must be one of source, buffer, machine, batch, delay, split, assembly, sink, conveyor, vehicles' },
);

/** A weekly (or any period) pattern of working windows; outside them stations are off shift. */
export const ShiftCalendarSchema = z
  .strictObject({
    periodS: positive().describe('length of the repeating pattern, e.g. 604800 for a week'),
    shifts: z
      .array(z.strictObject({ startS: nonNegative(), endS: positive() }).refine((s) => s.endS > s.startS, { message: 'must be > startS', path: ['endS'] }))
      .min(1, 'must list at least one working window'),
  })
  .superRefine((cal, ctx) => {
    const sorted = [...cal.shifts].map((s, i) => ({ ...s, i })).sort((a, b) => a.startS - b.startS);
    sorted.forEach((s, j) => {
      if (s.endS > cal.periodS) ctx.addIssue({ code: 'custom', message: 'must be <= periodS', path: ['shifts', s.i, 'endS'] });
      if (j > 0 && s.startS < sorted[j - 1].endS) ctx.addIssue({ code: 'custom', message: 'overlaps another shift', path: ['shifts', s.i, 'startS'] });
    });
  });

export const AreaSchema = z.strictObject({
  id: NodeIdSchema,
  label: z.string().max(120).optional(),
  labelRu: z.string().max(120).optional(),
  calendar: NodeIdSchema.optional(),
  layout: LayoutSchema.optional().describe('floor rectangle of the hall'),
  ...areaEconomics,
});

/** What the plant makes, so KPIs can be stated in cells, modules, packs and GWh. */
export const ProductSchema = z.strictObject({
  whPerCell: positive(),
  cellsFrom: NodeIdSchema.describe('node whose passed units are good cells (end-of-line grading)'),
  modulesFrom: NodeIdSchema.optional(),
  packsFrom: NodeIdSchema.optional(),
  cellsPerModule: count('cellsPerModule').optional(),
  modulesPerPack: count('modulesPerPack').optional(),
  currency: z.string().max(8).default('EUR').describe('ISO 4217 code (or a short name) every money figure of the model is given in: scrap costs, prices, the cost KPIs'),
});

/** The currency money figures are counted in when a model gives none (no `product`): the schema's default. */
export const DEFAULT_CURRENCY = 'EUR';

/** The currency every money figure of a model is counted in (`product.currency`), one source for every KPI and result. */
export function currencyOf(model: { product?: { currency: string } }): string {
  return model.product?.currency ?? DEFAULT_CURRENCY;
}

/**
 * A resolved step of time-varying parameters (a scenario's `schedule`, see
 * schedule.ts): at `atS` the listed nodes take these complete specs. Only
 * fields in SCHEDULABLE_FIELDS differ from the nodes' previous specs.
 */
export const ScheduleStepSchema = z.strictObject({
  atS: nonNegative(),
  nodes: z.array(NodeSchema).min(1, 'must list at least one node'),
});

export const ModelSchema = z
  .strictObject({
    name: z.string('must be a string').min(1, 'must not be empty').max(200),
    /** The name in Russian, for the Russian UI (model, scenario and script names are translated in their files). */
    nameRu: z.string().max(200).optional(),
    description: z.string().max(4000).optional(),
    descriptionRu: z.string().max(4000).optional(),
    product: ProductSchema.optional(),
    calendars: z.record(NodeIdSchema, ShiftCalendarSchema).default({}),
    areas: z.array(AreaSchema).default([]),
    nodes: z.array(NodeSchema).min(1, 'must list at least one node').max(MAX_NODES, `must list at most ${MAX_NODES} nodes`),
    repairCrews: RepairCrewsSchema.optional().describe('maintenance crew pools by id; see failures.crew'),
    economics: EconomicsSchema.optional().describe('prices for the cost KPIs: electricity, labour, annuity'),
    schedule: z.array(ScheduleStepSchema).optional().describe('parameter changes at simulated times, resolved from a scenario'),
  })
  .superRefine(checkModelSemantics)
  .superRefine(checkCrewRefs);

export type Model = z.output<typeof ModelSchema>;
export type ModelInput = z.input<typeof ModelSchema>;
export type ModelNode = Model['nodes'][number];
export type NodeType = ModelNode['type'];
export type Route = z.output<typeof RouteSchema>;
export type Layout = z.output<typeof LayoutSchema>;
export type ShiftCalendar = z.output<typeof ShiftCalendarSchema>;
export type ScheduleStep = z.output<typeof ScheduleStepSchema>;
export type Area = z.output<typeof AreaSchema>;
export type StationNode = Extract<ModelNode, { type: MachineLikeType }>;
export type ConveyorNode = Extract<ModelNode, { type: 'conveyor' }>;
export type VehiclesNode = Extract<ModelNode, { type: 'vehicles' }>;
export type FloorPoint = z.output<typeof FloorPointSchema>;

/** Destinations of a route with their probabilities. */
export function routeTargets(route: Route): { id: string; p: number }[] {
  return typeof route === 'string' ? [{ id: route, p: 1 }] : route;
}

export const MACHINE_LIKE: ReadonlySet<NodeType> = new Set(MACHINE_LIKE_TYPES);

/** Blocks that move parts between places; their layout is a marker, not a footprint. */
export const TRANSPORT: ReadonlySet<NodeType> = new Set(['conveyor', 'vehicles']);
