import { z } from 'zod';
import { PlantEditSchema } from './commands.ts';
import { PromptTextSchema, TraineeActionSchema, TrainingEventSchema, TrainingScriptSchema } from './training.ts';

/**
 * What the training channel sends from the server (event `training`, acks of `train`)
 * and what a stored training run holds: the op log, script event records, the state
 * and the debrief. One schema each, so the client validates at its edge and a log
 * read back from the database is validated before it is replayed.
 */

/**
 * Something that changed the simulation, in the order it was applied. `ev` is
 * the number of events the engine had fired when it was applied: with `at` it
 * pins the op to an exact point of the event sequence, so a replay is identical.
 */
export const TrainingOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('action'), act: TraineeActionSchema }),
  /** The instructor fired a script event now. */
  z.object({ op: z.literal('fire'), eventIndex: z.int().gte(0) }),
  z.object({ op: z.literal('clearBreakdown'), nodeId: z.string() }),
  /** A controller's setParam / breakdown command. */
  z.object({ op: z.literal('engine'), cmd: PlantEditSchema }),
]);
export type TrainingOp = z.output<typeof TrainingOpSchema>;

export const TrainingLogEntrySchema = z.object({
  seq: z.int().gte(0),
  at: z.number().gte(0),
  ev: z.int().gte(0),
  wall: z.string(),
  by: z.string(),
  role: z.string(),
  item: TrainingOpSchema,
});
export type TrainingLogEntry = z.output<typeof TrainingLogEntrySchema>;
export const TrainingLogSchema = z.array(TrainingLogEntrySchema);

/** What the script did at a sim time, for the timeline and the prompts. */
export const ScriptEventRecordSchema = z.object({
  index: z.int().gte(0),
  at: z.number(),
  kind: z.enum(TrainingEventSchema.options.map((o) => o.shape.kind.value) as [TrainingEventKind, ...TrainingEventKind[]]),
  nodeId: z.string().optional(),
  prompt: PromptTextSchema.optional(),
  /** True when the effect ended (duration over). */
  ended: z.boolean().optional(),
});
type TrainingEventKind = z.output<typeof TrainingEventSchema>['kind'];
export type ScriptEventRecord = z.output<typeof ScriptEventRecordSchema>;

export const TraineeInfoSchema = z.object({ clientId: z.string(), user: z.string(), role: z.string(), granted: z.boolean(), team: z.string().nullable() });
export type TraineeInfo = z.output<typeof TraineeInfoSchema>;

export const TrainingStateSchema = z.object({
  scriptId: z.string(),
  script: TrainingScriptSchema,
  replayOf: z.string().nullable(),
  trainees: z.array(TraineeInfoSchema),
  fired: z.array(ScriptEventRecordSchema),
  log: TrainingLogSchema,
});
export type TrainingState = z.output<typeof TrainingStateSchema>;

export const TrainingNoticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: ScriptEventRecordSchema }),
  z.object({ type: z.literal('action'), entry: TrainingLogEntrySchema }),
  z.object({ type: z.literal('grant'), clientId: z.string(), granted: z.boolean(), team: z.string().nullable() }),
  z.object({ type: z.literal('state'), state: TrainingStateSchema }),
]);
export type TrainingNotice = z.output<typeof TrainingNoticeSchema>;

/** KPIs compared on the scoreboard. */
export const TrainingKpisSchema = z.object({
  simTimeS: z.number(),
  goodUnits: z.number(),
  unitsPerHour: z.number(),
  meanWip: z.number(),
  downShare: z.number(),
  crewWaitMeanS: z.number(),
  /** Server-hours stations spent down (failed, broken or waiting for a crew), summed over stations. */
  downHours: z.number(),
  /** Units scrapped × each station's scrapCost (the model's currency). */
  scrapCost: z.number(),
});
export type TrainingKpis = z.output<typeof TrainingKpisSchema>;

const runs = <S extends z.ZodType>(s: S) => z.object({ session: s, noActions: s, reference: s });

/** The runs a debrief compares, in the order the page shows them. */
export const DEBRIEF_RUNS = ['session', 'reference', 'noActions'] as const;

/** One sample of a run: [simTimeS, cumulative good units, cumulative down server-hours, cumulative scrap cost]. */
export const CurvePointSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
/** Column of each quantity in a curve point. */
export const CURVE_COLUMNS = { output: 1, downHours: 2, scrapCost: 3 } as const;

/** Debrief: the session against the same script with no actions and with the reference actions. */
export const DebriefSchema = z.object({
  untilS: z.number(),
  runs: runs(TrainingKpisSchema),
  curves: runs(z.array(CurvePointSchema)),
  timeline: z.array(z.object({ at: z.number(), kind: z.string(), label: z.string(), by: z.string().optional(), team: z.string().nullable().optional() })),
  trainees: z.array(z.object({ user: z.string(), team: z.string().nullable(), actions: z.number() })),
  /**
   * Per team (scripts with teams): the same script with only that team's actions (and the
   * instructor's ops), so each team's decisions are scored on their own.
   */
  teams: z.array(z.object({ team: z.string(), members: z.array(z.string()), actions: z.number(), kpis: TrainingKpisSchema })).default([]),
});
export type Debrief = z.output<typeof DebriefSchema>;
