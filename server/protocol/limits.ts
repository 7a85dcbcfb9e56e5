/**
 * Every size and cost limit the server enforces, in one place: the schemas (model, live
 * edits, runs, experiments, optimisations) import them, the README's "Limits" table is
 * checked against them by test/limits/readme-limits.test.ts, and error messages quote them.
 * Each is far above what a real plant needs and low enough that one request cannot
 * exhaust the memory or the threads the server shares between everyone.
 */

const DAY_S = 86_400;

/** Nodes in one model: a plant of several thousand blocks still validates and simulates (iteratively) in seconds. */
export const MAX_NODES = 5_000;
/** Parallel servers of one station (the default plant's largest: 208 formation racks). Each server is an object with its own events. */
export const MAX_SERVERS = 10_000;
/** Vehicles in one fleet (the default plant has 2 rack AGVs). */
export const MAX_VEHICLES = 1_000;
/** Units one part carries (`qty` of sources, splits and assemblies; the default plant's largest is 24 cells on a tray). */
export const MAX_QTY = 1_000_000;
/** Parts a split makes from one (`k`; the default plant cuts a roll into 69 lots). They are created in zero time, so this bounds one instant's work. */
export const MAX_SPLIT_PARTS = 100_000;
/** Parts in one batch or kit (`batch.size`, `batch.min`, assembly `inputs`, a vehicle's `perTrip`; the default plant's largest is 24). */
export const MAX_BATCH_SIZE = 100_000;
/** Places of one store (`capacity` of buffers, delays and conveyors, `pickupPlaces`; the default plant's largest is 51,000 aging trays). */
export const MAX_CAPACITY = 10_000_000;
/**
 * The least mean of a duration distribution (cycle, interarrival, repair, setup, delay), in seconds: 1 ms.
 * Below it simulated time barely moves (an interarrival of 1e-300 s never leaves t = 0, so the run
 * freezes while parts pile up); at the longest horizon (10 years ≈ 3.2e8 s, where one step of a double
 * is 6e-8 s) 1 ms is still four orders of magnitude above the clock's resolution.
 */
export const MIN_MEAN_DURATION_S = 0.001;

/** Longest horizon of one run (POST /api/runs, experiments, optimisations): ten years of simulated time. */
export const MAX_HORIZON_S = 10 * 365 * DAY_S;
/** Replications of one POST /api/runs. */
export const MAX_RUN_REPLICATIONS = 100;

/** Alternatives of one experiment: scenarios listed, or the product of the swept values (counted, never expanded). */
export const MAX_ALTERNATIVES = 1_000;
/** Values one sweep parameter or optimisation variable may take. */
export const MAX_SWEEP_VALUES = 1_000;
/**
 * Simulated days one experiment or optimisation may ask for at most: alternatives (or evaluations)
 * × (replications, or the maximum a precision target may reach, plus one MSER-5 pilot with an "auto"
 * warm-up) × horizon. 100,000 days is about 274 plant-years (the optimiser's answer of record used
 * 8,775); an experiment that needs more should be split.
 */
export const MAX_EXPERIMENT_SIM_DAYS = 100_000;

/** Experiments and optimisations running at once by default (EXPERIMENT_CONCURRENCY); the rest wait in order. */
export const DEFAULT_EXPERIMENT_CONCURRENCY = 1;
/** Experiments and optimisations waiting at most (EXPERIMENT_QUEUE); beyond it a request is refused with 503. */
export const DEFAULT_EXPERIMENT_QUEUE = 20;
/**
 * Wall time after which a running experiment or optimisation is stopped and recorded as timed out
 * (EXPERIMENT_TIMEOUT), counted from its first simulation's start: the wait in the queue and for a
 * thread of the pool the jobs share is not running time.
 */
export const DEFAULT_EXPERIMENT_TIMEOUT_S = 2 * 3600;

/** Old-generation heap of every worker thread the server starts (sessions, batch runs, experiments, debriefs), in MB (WORKER_MAX_MB). */
export const DEFAULT_WORKER_MAX_MB = 2_048;

/** The limits as the README's table lists them: name, value, what it bounds. */
export const LIMITS_TABLE: readonly { name: string; value: number; bounds: string }[] = [
  { name: 'MAX_NODES', value: MAX_NODES, bounds: '`nodes` of one model' },
  { name: 'MAX_SERVERS', value: MAX_SERVERS, bounds: '`servers` of a station (model, scenario, schedule, live `setParam`)' },
  { name: 'MAX_VEHICLES', value: MAX_VEHICLES, bounds: '`count` of a vehicle fleet' },
  { name: 'MAX_QTY', value: MAX_QTY, bounds: '`qty` of sources, splits and assemblies' },
  { name: 'MAX_SPLIT_PARTS', value: MAX_SPLIT_PARTS, bounds: '`k` of a split' },
  { name: 'MAX_BATCH_SIZE', value: MAX_BATCH_SIZE, bounds: '`batch.size`, `batch.min`, assembly `inputs`, `perTrip`' },
  { name: 'MAX_CAPACITY', value: MAX_CAPACITY, bounds: '`capacity` of buffers, delays and conveyors, `pickupPlaces` (model and `setParam`)' },
  { name: 'MIN_MEAN_DURATION_S', value: MIN_MEAN_DURATION_S, bounds: 'mean of every duration distribution, seconds (cycle, interarrival, ttf, ttr, setup, delay time; model and `setParam`)' },
  { name: 'MAX_HORIZON_S', value: MAX_HORIZON_S, bounds: 'horizon of a run, experiment or optimisation, seconds (10 years)' },
  { name: 'MAX_RUN_REPLICATIONS', value: MAX_RUN_REPLICATIONS, bounds: '`replications` of `POST /api/runs`' },
  { name: 'MAX_ALTERNATIVES', value: MAX_ALTERNATIVES, bounds: 'alternatives of an experiment (scenarios, or the product of swept values)' },
  { name: 'MAX_SWEEP_VALUES', value: MAX_SWEEP_VALUES, bounds: 'values of one sweep parameter or optimisation variable' },
  { name: 'MAX_EXPERIMENT_SIM_DAYS', value: MAX_EXPERIMENT_SIM_DAYS, bounds: 'alternatives × (replications + pilot) × horizon of an experiment or optimisation, simulated days' },
  { name: 'DEFAULT_EXPERIMENT_CONCURRENCY', value: DEFAULT_EXPERIMENT_CONCURRENCY, bounds: 'experiments and optimisations running at once (`EXPERIMENT_CONCURRENCY`)' },
  { name: 'DEFAULT_EXPERIMENT_QUEUE', value: DEFAULT_EXPERIMENT_QUEUE, bounds: 'experiments and optimisations waiting (`EXPERIMENT_QUEUE`; more → 503)' },
  { name: 'DEFAULT_EXPERIMENT_TIMEOUT_S', value: DEFAULT_EXPERIMENT_TIMEOUT_S, bounds: 'wall seconds before a running experiment or optimisation is stopped as `timed-out` (`EXPERIMENT_TIMEOUT`)' },
  { name: 'DEFAULT_WORKER_MAX_MB', value: DEFAULT_WORKER_MAX_MB, bounds: 'heap of each worker thread, MB (`WORKER_MAX_MB`; a worker past it dies alone with "the run used more than N MB")' },
];

/** `must be <= 10000` with the limit's value, so every refusal quotes the number the table states. */
export const atMost = (limit: number): string => `must be <= ${limit}`;
