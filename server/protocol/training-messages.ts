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
  /** The instructor fired a script event now, skipped it, or moved it `byS` later (simulated seconds). */
  z.object({ op: z.literal('fire'), eventIndex: z.int().gte(0) }),
  z.object({ op: z.literal('skip'), eventIndex: z.int().gte(0) }),
  z.object({ op: z.literal('delay'), eventIndex: z.int().gte(0), byS: z.number().gt(0) }),
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

/** An exercise waits in its lobby (plant paused, trainees join), runs, then has ended (stored, debrief open). */
export const TRAINING_PHASES = ['lobby', 'running', 'ended'] as const;
export const TrainingPhaseSchema = z.enum(TRAINING_PHASES);
export type TrainingPhase = (typeof TRAINING_PHASES)[number];

/** The exercise clock: the pace the instructor set, and the prompt holding the plant, if any. */
export const ExerciseClockSchema = z.object({
  pace: z.number(),
  /** Wall seconds a prompt holds the plant before it goes on by itself. */
  promptTimeoutS: z.number(),
  held: z.object({ eventIndex: z.int(), atS: z.number(), resumesAt: z.string().describe('wall time (ISO) of the automatic resume') }).nullable(),
});
export type ExerciseClock = z.output<typeof ExerciseClockSchema>;

/** A scripted event as planned now: its (possibly delayed) sim time and whether it is pending, fired or skipped. */
export const EventPlanSchema = z.object({ index: z.int(), at: z.number(), status: z.enum(['pending', 'fired', 'skipped']) });
export type EventPlan = z.output<typeof EventPlanSchema>;

/** Per-team figures for the instructor (scripts with teams). */
export const TeamKpisSchema = z.object({ team: z.string(), members: z.int(), granted: z.int(), actions: z.int(), refused: z.int() });
export type TeamKpis = z.output<typeof TeamKpisSchema>;

/** Who the receiver is in this exercise. */
export const TrainingSelfSchema = z.object({ clientId: z.string(), name: z.string(), role: z.enum(['instructor', 'trainee', 'observer']), team: z.string().nullable(), granted: z.boolean() });
export type TrainingSelf = z.output<typeof TrainingSelfSchema>;

/**
 * The training state, per receiver: the instructor gets the whole script (with the reference
 * actions), every trainee, the join code, the event plan and the team KPIs; a trainee gets the
 * script without its reference actions and future events, only itself in `trainees`, and only
 * its own and the instructor's log entries.
 */
export const TrainingStateSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  /** The title in Russian, when the script has a Russian name. */
  titleRu: z.string().nullable().optional(),
  scriptId: z.string(),
  script: TrainingScriptSchema,
  replayOf: z.string().nullable(),
  phase: TrainingPhaseSchema,
  clock: ExerciseClockSchema,
  you: TrainingSelfSchema.nullable(),
  trainees: z.array(TraineeInfoSchema),
  fired: z.array(ScriptEventRecordSchema),
  log: TrainingLogSchema,
  /** Instructor only. */
  code: z.string().optional(),
  plan: z.array(EventPlanSchema).optional(),
  teams: z.array(TeamKpisSchema).optional(),
});
export type TrainingState = z.output<typeof TrainingStateSchema>;

export const TrainingNoticeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: ScriptEventRecordSchema }),
  z.object({ type: z.literal('action'), entry: TrainingLogEntrySchema }),
  /** Your own grant changed. */
  z.object({ type: z.literal('you'), you: TrainingSelfSchema }),
  /** Instructor only: the trainees, on every join, leave and grant. */
  z.object({ type: z.literal('roster'), trainees: z.array(TraineeInfoSchema), teams: z.array(TeamKpisSchema) }),
  z.object({ type: z.literal('phase'), phase: TrainingPhaseSchema }),
  z.object({ type: z.literal('clock'), clock: ExerciseClockSchema }),
  /** Instructor only: the event plan after a fire, skip or delay. */
  z.object({ type: z.literal('plan'), plan: z.array(EventPlanSchema) }),
  /** The exercise is over and stored as run `runId` (= the session id): open its debrief. */
  z.object({ type: z.literal('ended'), runId: z.string() }),
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
  /**
   * The model's currency (`product.currency`), in which every scrap cost above is counted.
   * Absent in debriefs stored before it was recorded: the page then names no currency rather than guess one.
   */
  currency: z.string().optional(),
});
export type Debrief = z.output<typeof DebriefSchema>;
