import { z } from 'zod';
import { ModelSchema } from './model.ts';
import { PlantKpisSchema } from './plant-kpis.ts';
import { FrameSchema, KPI_FIELDS, type KpiField } from './frames.ts';
import { paramVariants } from './live-edit.ts';
import { RoleSchema, SpeedSchema } from './wire.ts';
import { TrainingPhaseSchema } from './training-messages.ts';

/** Server → client messages besides frames: the session's full state and notices. */

export const SessionInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The name in Russian, when it has one (a training exercise started from a script with `nameRu`). */
  nameRu: z.string().optional(),
  /** Model id (file name) and its display name. */
  modelId: z.string(),
  modelName: z.string(),
  /** The model's Russian name, when its file has one. */
  modelNameRu: z.string().optional(),
  scenario: z.string().nullable(),
  seed: z.number(),
  createdAt: z.string(),
  public: z.boolean(),
  locked: z.boolean(),
  running: z.boolean(),
  speed: SpeedSchema,
  simTimeS: z.number(),
  viewers: z.number(),
  /** Training sessions: the exercise's phase and how many trainees have joined. */
  training: z.object({ scriptId: z.string(), phase: TrainingPhaseSchema, trainees: z.number(), replayOf: z.string().nullable() }).optional(),
});
export type SessionInfo = z.output<typeof SessionInfoSchema>;

export const ClientInfoSchema = z.object({
  clientId: z.string(),
  user: z.string(),
  role: RoleSchema,
  joinedAt: z.string(),
  /** Frames sent but not yet acknowledged (a stalled viewer shows MAX_FRAMES_IN_FLIGHT). */
  inFlight: z.number(),
  framesSkipped: z.number(),
});
export type ClientInfo = z.output<typeof ClientInfoSchema>;

/** Static per-node data, indexed like every per-node array of a frame. */
export const NodeInfoSchema = z.object({
  id: z.string(),
  type: z.string(),
  /** Stations: number of servers; others 0. */
  servers: z.number(),
  /** Buffers and delays: places (null = unbounded). */
  capacity: z.number().nullable(),
});
export type NodeInfo = z.output<typeof NodeInfoSchema>;

const kpiValues = Object.fromEntries(KPI_FIELDS.map((f) => [f, z.number()])) as Record<KpiField, z.ZodNumber>;

/**
 * Full state, sent on join, on request, after a reset and when the role changes.
 * `model` is the model as currently running (scenario and live edits applied):
 * its `nodes[i].layout` places node i in the 3D view. `frame` is a keyframe of the
 * current state; later frames with `n = frame.n + 1` are deltas against it.
 */
export const SnapshotSchema = z.object({
  protocol: z.number(),
  session: SessionInfoSchema,
  clientId: z.string(),
  role: RoleSchema,
  model: ModelSchema,
  nodes: z.array(NodeInfoSchema),
  frame: FrameSchema,
  /** Recent KPI points, oldest first, each laid out as KPI_FIELDS. */
  kpiHistory: z.array(z.array(z.number())),
  /** Latest KPI values by name. */
  kpis: z.object(kpiValues),
  /** The latest plant KPIs (see plant-kpis.ts); null until the engine has computed them once. */
  plantKpis: PlantKpisSchema.nullable(),
  /** Only for the owner. */
  clients: z.array(ClientInfoSchema).optional(),
  /** Injected breakdowns in force: node id → servers down by hand. */
  breakdowns: z.record(z.string(), z.number()),
});
export type Snapshot = z.output<typeof SnapshotSchema>;

/** Something happened that is not part of the state stream (event `notice`). */
export const NoticeSchema = z.discriminatedUnion('type', [
  /** Owner only, when someone joins, leaves or changes role. */
  z.object({ type: z.literal('roster'), clients: z.array(ClientInfoSchema) }),
  /** Your role changed (a snapshot follows). */
  z.object({ type: z.literal('role'), role: RoleSchema }),
  /** A controller changed a parameter: the edit every copy of the model applies (live-edit.ts). */
  z.discriminatedUnion('field', [...paramVariants({ type: z.literal('param'), by: z.string() })]),
  z.object({ type: z.literal('breakdown'), nodeId: z.string(), server: z.number().nullable(), down: z.boolean(), by: z.string() }),
  /** The session was stopped; you are no longer in it. */
  z.object({ type: z.literal('ended'), reason: z.string() }),
  /** The session's engine failed. */
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type Notice = z.output<typeof NoticeSchema>;
