import { z } from 'zod';
import { PARAM_FIELDS, paramVariants } from './live-edit.ts';
import { NodeIdSchema } from './model.ts';
import { ModelRefSchema, SeedSchema, ServerIndexSchema, SessionIdSchema, SpeedSchema } from './wire.ts';

/** Client → server commands of a live session (event `cmd`), validated at the server's edge. */

export const CreateSessionSchema = z.strictObject({
  type: z.literal('createSession'),
  /** Model id in models/ (default: the server's default plant). */
  model: ModelRefSchema.optional(),
  /** Scenario id in scenarios/ applied on top of the model. */
  scenario: ModelRefSchema.optional(),
  name: z.string().max(80).optional(),
  seed: SeedSchema.optional(),
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
  seed: SeedSchema.optional(),
});

/** Live what-if edits (see live-edit.ts for which fields apply to which node types). */
export const SetParamSchema = z.discriminatedUnion('field', [...paramVariants({ type: z.literal('setParam') })], { error: `must be one of ${PARAM_FIELDS.join(', ')}` });

const breakdown = <T extends string>(type: T) =>
  z.strictObject({
    type: z.literal(type),
    nodeId: NodeIdSchema,
    /** One server of the station (0-based); omitted = all servers. An injected breakdown lasts until cleared. */
    server: ServerIndexSchema.optional(),
  });
export const InjectBreakdownSchema = breakdown('injectBreakdown');
export const ClearBreakdownSchema = breakdown('clearBreakdown');

/** The commands that edit the plant itself; a training log records them (TrainingOp `engine`). */
export const PlantEditSchema = z.discriminatedUnion('type', [SetParamSchema, InjectBreakdownSchema, ClearBreakdownSchema]);
export type PlantEdit = z.output<typeof PlantEditSchema>;
const PLANT_EDIT_TYPES: ReadonlySet<string> = new Set(['setParam', InjectBreakdownSchema.shape.type.value, ClearBreakdownSchema.shape.type.value]);
export const isPlantEdit = <C extends { type: string }>(cmd: C): cmd is Extract<C, PlantEdit> => PLANT_EDIT_TYPES.has(cmd.type);

export const GrantControlSchema = z.strictObject({
  type: z.literal('grantControl'),
  clientId: z.string().max(40),
  /** true = make a controller, false = back to viewer. */
  grant: z.boolean().default(true),
});

export const LockSchema = z.strictObject({ type: z.literal('lock'), locked: z.boolean() });

const COMMAND_SCHEMAS = [
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
  InjectBreakdownSchema,
  ClearBreakdownSchema,
  bare('snapshot'),
  GrantControlSchema,
  LockSchema,
  bare('listClients'),
] as const;

/** Every command name, in the order of the schema. */
export const COMMAND_TYPES = COMMAND_SCHEMAS.map((s) => ('options' in s ? s.options[0].shape.type.value : s.shape.type.value));

export const CommandSchema = z.discriminatedUnion('type', [...COMMAND_SCHEMAS], { error: `must be one of ${COMMAND_TYPES.join(', ')}` });

export type Command = z.input<typeof CommandSchema>;
export type ParsedCommand = z.output<typeof CommandSchema>;
export type CommandType = ParsedCommand['type'];
export type SetParamCommand = z.output<typeof SetParamSchema>;

/** Commands that change the simulation; refused for viewers, and for controllers while locked. */
export const CONTROL_COMMAND_TYPES = ['play', 'pause', 'step', 'setSpeed', 'reset', 'setParam', 'injectBreakdown', 'clearBreakdown'] as const satisfies readonly CommandType[];
export const CONTROL_COMMANDS: ReadonlySet<CommandType> = new Set(CONTROL_COMMAND_TYPES);
/** A command the session's engine runs (the control commands). */
export type ControlCommand = Extract<ParsedCommand, { type: (typeof CONTROL_COMMAND_TYPES)[number] }>;
/** Commands only the owner may send. */
export const OWNER_COMMANDS: ReadonlySet<CommandType> = new Set(['grantControl', 'lock', 'listClients'] as const satisfies readonly CommandType[]);
