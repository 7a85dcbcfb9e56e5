import { z } from 'zod';
import { DistributionSchema } from './distribution.ts';
import { ModelSchema, NodeIdSchema, type Model } from './model.ts';
import { ScenarioSchema } from './scenario.ts';
import type { PlantKpis } from './plant-kpis.ts';

export { PlantKpisSchema, type PlantKpis } from './plant-kpis.ts';

/**
 * The live-session wire protocol, shared by the server and the client.
 *
 * Transport (Socket.IO 4.8):
 * - The client connects with `auth: { protocol: PROTOCOL_VERSION }`; a mismatch is
 *   refused at connect time (`connect_error` with a message saying both versions).
 * - Client → server: event `cmd` with one `Command` and an ack callback; the ack
 *   receives a `Reply` (`{ ok: true, result }` or `{ ok: false, error }`). A
 *   malformed or unauthorised command gets an error reply and changes nothing.
 * - Server → client: `snapshot` (a `Snapshot`: full state, sent on join, on
 *   request, after reset and whenever the client's role changes), `frame` (a
 *   `Frame`, 10–20 Hz, see below) and `notice` (a `Notice`).
 * - Flow control: every `frame` is emitted with an ack callback; the client MUST
 *   call it once it has taken the frame in. The server keeps at most
 *   `MAX_FRAMES_IN_FLIGHT` unacknowledged frames per viewer and skips that viewer
 *   otherwise; when it acknowledges again it gets the newest state as a keyframe.
 *   So a slow viewer sees fewer frames, never old ones.
 */
// 2: frames and snapshots carry the server's plant KPIs (Frame.pk, Snapshot.plantKpis); the client no longer estimates them.
export const PROTOCOL_VERSION = 2;

export const MAX_FRAMES_IN_FLIGHT = 2;
/** Moving parts sampled into one frame at most (`Frame.mv` holds 3 numbers per move). */
export const MAX_MOVES_PER_FRAME = 64;
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1e5;

export const ROLES = ['owner', 'controller', 'viewer'] as const;
/**
 * owner: created the session and holds its controller token (the instructor): may
 *   command, grant or revoke control, lock, and sees who is connected.
 * controller: granted control by the owner; may command unless the session is locked.
 * viewer: sees everything, commands nothing.
 */
export type Role = (typeof ROLES)[number];

/** Node state codes used in frames: -1 for nodes without servers, else an index into SERVER_STATE_NAMES. */
export const SERVER_STATE_NAMES = ['working', 'idle', 'blocked', 'setup', 'down', 'offShift'] as const;
export const NO_STATE = -1;

/** Meaning of each entry of a KPI point (`Frame.kp`, `Snapshot.kpiHistory[i]`). */
export const KPI_FIELDS = [
  'simTimeS', // simulation time of the point
  'throughputPerHour', // parts reaching sinks per hour since statistics start
  'unitsPerHour', // units (cells) reaching sinks per hour since statistics start
  'wip', // parts in the plant now
  'utilization', // mean share of station servers working now (0..1)
  'down', // station servers down now
  'blocked', // station servers blocked now
] as const;
export type KpiField = (typeof KPI_FIELDS)[number];

// ---------------------------------------------------------------- commands

const SessionIdSchema = z.string('must be a string').regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a session id');
const SpeedSchema = z.union(
  [z.literal('max'), z.number().gte(MIN_SPEED, `must be >= ${MIN_SPEED}`).lte(MAX_SPEED, `must be <= ${MAX_SPEED}`)],
  { error: `must be a number from ${MIN_SPEED} to ${MAX_SPEED} (1 = real time) or "max"` },
);
const ServerIndexSchema = z.int('must be a whole number').gte(0, 'must be >= 0').max(9999);
const ModelRefSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, 'must be a model or scenario id (letters, digits, "_", ".", "-")');

export const CreateSessionSchema = z.strictObject({
  type: z.literal('createSession'),
  /** Model id in models/ (default: the server's default plant). */
  model: ModelRefSchema.optional(),
  /** Scenario id in scenarios/ applied on top of the model. */
  scenario: ModelRefSchema.optional(),
  name: z.string().max(80).optional(),
  seed: z.int().gte(0).lte(2 ** 31 - 1).optional(),
  speed: SpeedSchema.optional(),
  /** Start playing at once (default true). */
  play: z.boolean().optional(),
  /** Display name of the creator in the roster. */
  user: z.string().max(40).optional(),
});

export const JoinSessionSchema = z.strictObject({
  type: z.literal('joinSession'),
  sessionId: SessionIdSchema,
  /** The controller token from createSession: rejoin as owner (e.g. after a reconnect). */
  token: z.string().max(100).optional(),
  user: z.string().max(40).optional(),
});

const bare = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });

export const StepSchema = z.strictObject({
  type: z.literal('step'),
  /** Advance the clock by this many simulated seconds; omitted = fire the next event only. Pauses first. */
  dtS: z.number().gt(0, 'must be > 0').lte(1e7, 'must be <= 10000000').optional(),
});

export const SetSpeedSchema = z.strictObject({ type: z.literal('setSpeed'), speed: SpeedSchema });

export const ResetSchema = z.strictObject({
  type: z.literal('reset'),
  /** New seed (default: keep). Live parameter changes are kept; the clock restarts at 0. */
  seed: z.int().gte(0).lte(2 ** 31 - 1).optional(),
});

const param = <F extends string, V extends z.ZodType>(field: F, value: V) =>
  z.strictObject({ type: z.literal('setParam'), nodeId: NodeIdSchema, field: z.literal(field), value });

/**
 * Live what-if edits. Which fields apply to which node types:
 * cycle → machine/batch/assembly; yield → machine/batch/assembly;
 * capacity → buffer/delay (null = unbounded); interarrival → source; time → delay.
 */
export const SetParamSchema = z.discriminatedUnion(
  'field',
  [
    param('cycle', DistributionSchema),
    param('yield', z.number().gt(0, 'must be > 0').lte(1, 'must be <= 1')),
    param('capacity', z.union([z.int().gte(1, 'must be >= 1'), z.null()], { error: 'must be a whole number >= 1 or null' })),
    param('interarrival', DistributionSchema),
    param('time', DistributionSchema),
  ],
  { error: 'must be one of cycle, yield, capacity, interarrival, time' },
);
export const PARAM_FIELDS = ['cycle', 'yield', 'capacity', 'interarrival', 'time'] as const;

const breakdown = <T extends string>(type: T) =>
  z.strictObject({
    type: z.literal(type),
    nodeId: NodeIdSchema,
    /** One server of the station (0-based); omitted = all servers. An injected breakdown lasts until cleared. */
    server: ServerIndexSchema.optional(),
  });

export const GrantControlSchema = z.strictObject({
  type: z.literal('grantControl'),
  clientId: z.string().max(40),
  /** true = make a controller, false = back to viewer. */
  grant: z.boolean().default(true),
});

export const LockSchema = z.strictObject({ type: z.literal('lock'), locked: z.boolean() });

export const CommandSchema = z.discriminatedUnion(
  'type',
  [
    CreateSessionSchema,
    JoinSessionSchema,
    bare('leaveSession'),
    bare('listSessions'),
    bare('play'),
    bare('pause'),
    StepSchema,
    SetSpeedSchema,
    ResetSchema,
    SetParamSchema,
    breakdown('injectBreakdown'),
    breakdown('clearBreakdown'),
    bare('snapshot'),
    GrantControlSchema,
    LockSchema,
    bare('listClients'),
  ],
  {
    error:
      'must be one of createSession, joinSession, leaveSession, listSessions, play, pause, step, setSpeed, reset, setParam, injectBreakdown, clearBreakdown, snapshot, grantControl, lock, listClients',
  },
);

export type Command = z.input<typeof CommandSchema>;
export type ParsedCommand = z.output<typeof CommandSchema>;
export type CommandType = ParsedCommand['type'];
export type SetParamCommand = z.output<typeof SetParamSchema>;
export type ParamField = (typeof PARAM_FIELDS)[number];

/** Commands that change the simulation; refused for viewers, and for controllers while locked. */
export const CONTROL_COMMANDS: ReadonlySet<CommandType> = new Set(['play', 'pause', 'step', 'setSpeed', 'reset', 'setParam', 'injectBreakdown', 'clearBreakdown']);
/** Commands only the owner may send. */
export const OWNER_COMMANDS: ReadonlySet<CommandType> = new Set(['grantControl', 'lock', 'listClients']);

// ---------------------------------------------------------------- replies

export const ERROR_CODES = ['invalid', 'forbidden', 'not_found', 'not_in_session', 'conflict', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorReply {
  ok: false;
  error: {
    code: ErrorCode;
    /** One line for people, e.g. `setParam.value.mean: must be > 0`. */
    message: string;
    /** One line per bad field when code = invalid. */
    problems?: string[];
  };
}
export interface OkReply<R = unknown> {
  ok: true;
  result: R;
}
export type Reply<R = unknown> = OkReply<R> | ErrorReply;

export interface JoinResult {
  sessionId: string;
  clientId: string;
  role: Role;
}
/** createSession's result; keep the token to rejoin as owner. */
export interface CreateResult extends JoinResult {
  controllerToken: string;
}
/** play, pause, step, setSpeed, reset, setParam, breakdowns: the state right after the command. */
export interface ControlResult {
  simTimeS: number;
  running: boolean;
  speed: Speed;
  eventsFired: number;
}

// ---------------------------------------------------------------- server → client

export type Speed = number | 'max';

export interface SessionInfo {
  id: string;
  name: string;
  /** Model id (file name) and its display name. */
  modelId: string;
  modelName: string;
  scenario: string | null;
  seed: number;
  createdAt: string;
  public: boolean;
  locked: boolean;
  running: boolean;
  speed: Speed;
  simTimeS: number;
  viewers: number;
}

export interface ClientInfo {
  clientId: string;
  user: string;
  role: Role;
  joinedAt: string;
  /** Frames sent but not yet acknowledged (a stalled viewer shows MAX_FRAMES_IN_FLIGHT). */
  inFlight: number;
  framesSkipped: number;
}

/** Static per-node data, indexed like every per-node array of a frame. */
export interface NodeInfo {
  id: string;
  type: string;
  /** Stations: number of servers; others 0. */
  servers: number;
  /** Buffers and delays: places (null = unbounded). */
  capacity: number | null;
}

/**
 * Full state, sent on join, on request, after a reset and when the role changes.
 * `model` is the model as currently running (scenario and live edits applied):
 * its `nodes[i].layout` places node i in the 3D view. `frame` is a keyframe of the
 * current state; later frames with `n = frame.n + 1` are deltas against it.
 */
export interface Snapshot {
  protocol: number;
  session: SessionInfo;
  clientId: string;
  role: Role;
  model: Model;
  nodes: NodeInfo[];
  frame: Frame;
  /** Recent KPI points, oldest first, each laid out as KPI_FIELDS. */
  kpiHistory: number[][];
  /** Latest KPI values by name. */
  kpis: Record<KpiField, number>;
  /** The latest plant KPIs (see plant-kpis.ts); null until the engine has computed them once. */
  plantKpis: PlantKpis | null;
  /** Only for the owner. */
  clients?: ClientInfo[];
  /** Injected breakdowns in force: node id → servers down by hand. */
  breakdowns: Record<string, number>;
}

/**
 * One frame of the live stream (10–20 Hz). Keys are short because 500 viewers
 * receive each one; per-node arrays are indexed by node order (`Snapshot.nodes`).
 *
 *   n   frame number in the session (increases by 1 per frame produced; a viewer
 *       skipped by flow control sees gaps)
 *   k   1 = keyframe: st/ws/ut/lv/ct/sc below are complete arrays, one entry per node;
 *       0 = delta against frame n-1: each is a flat list of pairs [nodeIndex, value, ...]
 *       for the nodes that changed. A viewer only ever gets a delta when it received
 *       frame n-1, otherwise a keyframe.
 *   t   simulation time, s
 *   r   1 running, 0 paused
 *   x   speed (simulated s per wall s); 0 = as fast as possible
 *   lk  1 = session locked by its owner
 *   ev  events fired so far
 *   st  current state code per node: NO_STATE for nodes without servers, else an
 *       index into SERVER_STATE_NAMES — the state held by most servers, ties going to
 *       the more important state (down, blocked, setup, working, offShift, idle)
 *   ws  servers working now (share = ws / NodeInfo.servers)
 *   ut  utilization since statistics start, per mille (0..1000)
 *   lv  parts held by the node now (buffer level, parts in process)
 *   ct  completed cycles (sinks: parts arrived) since statistics start
 *   sc  units scrapped since statistics start
 *   mv  moving parts since the previous frame, a uniform sample of at most
 *       MAX_MOVES_PER_FRAME, flat triples [fromIndex, toIndex, qty, ...]
 *   mc  number of moves since the previous frame (mv holds a sample of them)
 *   kp  one KPI point laid out as KPI_FIELDS
 *   pk  plant KPIs (PlantKpis), only on frames where the server recomputed them
 *       (about once per wall second, and after commands) and on keyframes
 */
export interface Frame {
  n: number;
  k: 0 | 1;
  t: number;
  r: 0 | 1;
  x: number;
  lk: 0 | 1;
  ev: number;
  st: number[];
  ws: number[];
  ut: number[];
  lv: number[];
  ct: number[];
  sc: number[];
  mv: number[];
  mc: number;
  kp: number[];
  pk?: PlantKpis;
}
export const FRAME_NODE_ARRAYS = ['st', 'ws', 'ut', 'lv', 'ct', 'sc'] as const;

/** Something happened that is not part of the state stream. */
export type Notice =
  | { type: 'roster'; clients: ClientInfo[] } // owner only, when someone joins, leaves or changes role
  | { type: 'role'; role: Role } // your role changed (a snapshot follows)
  | { type: 'param'; nodeId: string; field: ParamField; value: unknown; by: string }
  | { type: 'breakdown'; nodeId: string; server: number | null; down: boolean; by: string }
  | { type: 'ended'; reason: string } // the session was stopped; you are no longer in it
  | { type: 'error'; message: string }; // the session's engine failed

// ---------------------------------------------------------------- REST bodies

/** Longest batch horizon accepted over HTTP: ten years of simulated time. */
export const MAX_RUN_HORIZON_S = 10 * 365 * 86400;
export const MAX_RUN_REPLICATIONS = 100;

/**
 * POST /api/runs: a batch run. `model` and `scenario` are ids (files in models/
 * and scenarios/) or inline documents validated by the model and scenario
 * schemas. The response is the CLI's `--json` document plus `runId`.
 */
export const RunRequestSchema = z
  .strictObject({
    model: z.union([ModelRefSchema, ModelSchema], { error: 'must be a model id or a model document' }).optional(),
    scenario: z.union([ModelRefSchema, ScenarioSchema], { error: 'must be a scenario id or a scenario document' }).optional(),
    horizonS: z.number('must be a number').gt(0, 'must be > 0').lte(MAX_RUN_HORIZON_S, `must be <= ${MAX_RUN_HORIZON_S}`),
    /** Seconds, or 'auto' (the default): MSER-5 truncation on the run's output series. */
    warmupS: z.union([z.number('must be a number').gte(0, 'must be >= 0'), z.literal('auto')], { error: 'must be a number of seconds >= 0 or "auto"' }).default('auto'),
    replications: z.int('must be a whole number').gte(1, 'must be >= 1').lte(MAX_RUN_REPLICATIONS, `must be <= ${MAX_RUN_REPLICATIONS}`).default(1),
    seed: z.int('must be a whole number').gte(0, 'must be >= 0').lte(2 ** 31 - 1).default(1),
    /** false: answer 202 at once with the run's id; poll GET /api/runs/:id. */
    wait: z.boolean().default(true),
  })
  .refine((r) => r.warmupS === 'auto' || r.warmupS < r.horizonS, { message: 'must be shorter than horizonS', path: ['warmupS'] });
export type RunRequest = z.input<typeof RunRequestSchema>;

/** Applies a delta array (pairs) or replaces with a keyframe array, in place. */
export function applyNodeArray(target: number[], incoming: number[], keyframe: boolean): void {
  if (keyframe) {
    target.length = incoming.length;
    for (let i = 0; i < incoming.length; i++) target[i] = incoming[i];
    return;
  }
  for (let i = 0; i + 1 < incoming.length; i += 2) target[incoming[i]] = incoming[i + 1];
}
