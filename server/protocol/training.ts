import { z } from 'zod';
import { DistributionSchema, schemaHelpers } from './distribution.ts';
import { NodeIdSchema } from './model.ts';
import { RepairCrewsSchema } from './repair-crews.ts';
import { ModelRefSchema, SeedSchema, ServerIndexSchema, SessionIdSchema, SpeedSchema } from './wire.ts';

/**
 * Training sessions: the instructor script file (`scenarios/*.training.json`),
 * trainee actions and the wire commands of the training channel; what the server
 * sends back (log, notices, debrief) is in training-messages.ts.
 * Shared by server and client; depends on zod only (and sibling schemas).
 *
 * Transport: besides `cmd`, a client sends `train` with one `TrainingCommand`
 * and an ack (a `Reply`); the server pushes `training` with a `TrainingNotice`
 * to every member of a training session.
 */
const { finite, positive, nonNegative } = schemaHelpers;

/** A live exercise runs between real time and 600× (ten simulated minutes per wall second); 60× unless the script or instructor says otherwise. */
export const MIN_TRAINING_PACE = 1;
export const MAX_TRAINING_PACE = 600;
export const DEFAULT_TRAINING_PACE = 60;
export const TrainingPaceSchema = z.number('must be a number').gte(MIN_TRAINING_PACE, `must be >= ${MIN_TRAINING_PACE}`).lte(MAX_TRAINING_PACE, `must be <= ${MAX_TRAINING_PACE}`);


/** Text shown to trainees in both UI languages. */
export const PromptTextSchema = z.strictObject({
  en: z.string('must be a string').min(1, 'must not be empty').max(600),
  ru: z.string('must be a string').min(1, 'must not be empty').max(600),
});

const ServerSchema = ServerIndexSchema;
const at = () => nonNegative().describe('simulated seconds from the start of the session');

const event = <K extends string, S extends z.core.$ZodLooseShape>(kind: K, shape: S) =>
  z.strictObject({ at: at(), kind: z.literal(kind), prompt: PromptTextSchema.optional(), ...shape });

/**
 * One scripted event. Effects with `durationS` are undone after that time; a
 * breakdown of a station that has a repair crew waits for the crew and then
 * takes `durationS` to repair.
 */
export const TrainingEventSchema = z.discriminatedUnion(
  'kind',
  [
    event('breakdown', { nodeId: NodeIdSchema, server: ServerSchema.optional(), durationS: positive().describe('repair time; without it the machine stays down until the instructor clears it').optional() }),
    event('yieldDrop', { nodeId: NodeIdSchema, yield: finite().gt(0, 'must be > 0').lte(1, 'must be <= 1'), durationS: positive().optional() }),
    event('shortage', { nodeId: NodeIdSchema.describe('a source'), durationS: positive() }),
    event('rushOrder', { nodeId: NodeIdSchema.describe('a timed source'), interarrival: DistributionSchema, durationS: positive().optional() }),
    event('prompt', {}),
  ],
  { error: 'kind must be one of breakdown, yieldDrop, shortage, rushOrder, prompt' },
);

/** What a trainee (or the reference solution) may do. */
export const TraineeActionSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('dispatchCrew'), nodeId: NodeIdSchema, server: ServerSchema.optional() }),
    z.strictObject({ action: z.literal('setBufferCapacity'), nodeId: NodeIdSchema, capacity: z.union([z.int('must be a whole number').gte(1, 'must be >= 1'), z.null()], { error: 'must be a whole number >= 1 or null' }) }),
    z.strictObject({ action: z.literal('switchRecipe'), nodeId: NodeIdSchema, cycle: DistributionSchema, setupS: nonNegative().describe('changeover time of each server before the new recipe runs') }),
    z.strictObject({
      action: z.literal('setRoute'),
      nodeId: NodeIdSchema,
      route: z
        .array(z.strictObject({ id: NodeIdSchema, p: finite().gte(0, 'must be >= 0').lte(1, 'must be <= 1') }))
        .min(1, 'must list at least one destination')
        .refine((r) => Math.abs(r.reduce((a, b) => a + b.p, 0) - 1) < 1e-6, 'probabilities must sum to 1'),
    }),
    /** Sends one of the script's quality teams to a station: its yield is back to the model's after `qualityTeam.fixS`. */
    z.strictObject({ action: z.literal('sendQualityTeam'), nodeId: NodeIdSchema }),
  ],
  { error: 'action must be one of dispatchCrew, setBufferCapacity, switchRecipe, setRoute, sendQualityTeam' },
);
export const TRAINEE_ACTIONS = TraineeActionSchema.options.map((o) => o.shape.action.value);

export const TrainingScriptSchema = z
  .strictObject({
    name: z.string('must be a string').min(1, 'must not be empty').max(200),
    nameRu: z.string().max(200).optional(),
    description: z.string().max(4000).optional(),
    model: ModelRefSchema,
    scenario: ModelRefSchema.optional(),
    seed: SeedSchema.default(1),
    speed: SpeedSchema.default(600),
    /** Training pace the live exercise starts at (simulated seconds per wall second); the instructor may change it. */
    pace: finite().gte(MIN_TRAINING_PACE, `must be >= ${MIN_TRAINING_PACE}`).lte(MAX_TRAINING_PACE, `must be <= ${MAX_TRAINING_PACE}`).optional(),
    /** How long (wall seconds) the plant waits on a prompt before it goes on by itself, unless the instructor resumes first. */
    promptTimeoutS: positive().lte(3600, 'must be <= 3600').default(120),
    /** Teams trainees join (each picks one); without teams everyone plays alone. */
    teams: z.array(z.string().min(1, 'must not be empty').max(40)).max(12, 'must list at most 12 teams').optional(),
    /** Where the exercise ends; the debrief compares runs up to here (or to the session's time if earlier). */
    horizonS: positive().lte(10 * 365 * 86400, 'must be <= 315360000'),
    /** Step whose good output the scoreboard counts (default: the product's cellsFrom, else the sinks). */
    measureAt: NodeIdSchema.optional(),
    /** Crew pools for this exercise, added to the model (models without crews stay untouched). */
    repairCrews: RepairCrewsSchema.optional(),
    /** Station id → crew pool id: those stations' failures wait for a crew of the pool. */
    crews: z.record(NodeIdSchema, NodeIdSchema).default({}),
    /**
     * Quality teams a trainee may send (sendQualityTeam): each stays at the station it is
     * sent to for the rest of the exercise and restores the model's yield there after `fixS`.
     */
    qualityTeam: z
      .strictObject({
        count: z.int('must be a whole number').gte(1, 'must be >= 1').max(20, 'must be <= 20').default(1),
        fixS: positive().describe('simulated seconds from sending the team until the yield is back to the model\'s'),
      })
      .optional(),
    events: z.array(TrainingEventSchema).max(500, 'must list at most 500 events'),
    /** The instructor's solution: actions at sim times, for the debrief's reference run. */
    reference: z.array(z.strictObject({ at: at(), act: TraineeActionSchema })).default([]),
  })
  .superRefine((s, ctx) => {
    for (const [nodeId, pool] of Object.entries(s.crews)) {
      if (!(pool in (s.repairCrews ?? {}))) ctx.addIssue({ code: 'custom', message: `no pool "${pool}" in repairCrews`, path: ['crews', nodeId] });
    }
    s.events.forEach((e, i) => {
      if (e.at > s.horizonS) ctx.addIssue({ code: 'custom', message: 'must be <= horizonS', path: ['events', i, 'at'] });
      if (e.kind === 'prompt' && e.prompt === undefined) ctx.addIssue({ code: 'custom', message: 'a prompt event needs a prompt', path: ['events', i, 'prompt'] });
    });
  });

export type TrainingScript = z.output<typeof TrainingScriptSchema>;
export type TrainingScriptInput = z.input<typeof TrainingScriptSchema>;
export type TrainingEvent = z.output<typeof TrainingEventSchema>;
export type TraineeAction = z.output<typeof TraineeActionSchema>;
export type PromptText = z.output<typeof PromptTextSchema>;

// ---------------------------------------------------------------- wire


const EventIndexSchema = z.int('must be a whole number').gte(0, 'must be >= 0').max(499);
/** Six letters and digits without look-alikes (0/O, 1/I/L), shown big on the instructor's screen. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JoinCodeSchema = z.string('must be a string').transform((s) => s.trim().toUpperCase()).pipe(z.string().regex(/^[A-Z0-9]{6}$/, 'must be the 6-character code the instructor shows'));
export const TraineeNameSchema = z.string('must be a string').trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters');
const TRAINING_COMMAND_TYPES = ['startTraining', 'joinTraining', 'grantActions', 'beginExercise', 'endExercise', 'setPace', 'resume', 'fireEvent', 'skipEvent', 'delayEvent', 'clearEventBreakdown', 'act', 'trainingState', 'debrief', 'replay'];

export const TrainingCommandSchema = z.discriminatedUnion(
  'type',
  [
    /** Create a training session from a script in its lobby (the sender, an instructor, becomes its owner). `play` starts it at once. */
    z.strictObject({ type: z.literal('startTraining'), script: ModelRefSchema, user: z.string().max(40).optional(), play: z.boolean().optional() }),
    /** A trainee joins the exercise with the join code the instructor shows; no account needed. */
    z.strictObject({ type: z.literal('joinTraining'), code: JoinCodeSchema, name: TraineeNameSchema, team: z.string().max(40).optional() }),
    /** Owner: allow or forbid trainee actions, for one trainee (`clientId`) or a whole `team`. */
    z.strictObject({ type: z.literal('grantActions'), clientId: z.string().max(40).optional(), team: z.string().max(40).optional(), grant: z.boolean().default(true) })
      .refine((c) => (c.clientId === undefined) !== (c.team === undefined), { message: 'give either clientId or team', path: ['clientId'] }),
    /** Owner: lobby → running (the plant starts at the training pace); running → ended. */
    z.strictObject({ type: z.literal('beginExercise') }),
    z.strictObject({ type: z.literal('endExercise') }),
    /** Owner: the training pace, simulated seconds per wall second. */
    z.strictObject({ type: z.literal('setPace'), pace: TrainingPaceSchema }),
    /** Owner: go on after a prompt held the plant. */
    z.strictObject({ type: z.literal('resume') }),
    /** Owner: fire script event `index` now (ahead of its time), skip it, or move it `byS` simulated seconds later; or clear a breakdown. */
    z.strictObject({ type: z.literal('fireEvent'), index: EventIndexSchema }),
    z.strictObject({ type: z.literal('skipEvent'), index: EventIndexSchema }),
    z.strictObject({ type: z.literal('delayEvent'), index: EventIndexSchema, byS: positive().lte(30 * 86400, 'must be <= 2592000') }),
    z.strictObject({ type: z.literal('clearEventBreakdown'), nodeId: NodeIdSchema }),
    z.strictObject({ type: z.literal('act'), act: TraineeActionSchema }),
    z.strictObject({ type: z.literal('trainingState') }),
    z.strictObject({ type: z.literal('debrief') }),
    /** Replay a stored training run (a run id from the history) in a new session at `speed`. */
    z.strictObject({ type: z.literal('replay'), runId: SessionIdSchema, speed: SpeedSchema.optional(), user: z.string().max(40).optional() }),
  ],
  { error: `must be one of ${TRAINING_COMMAND_TYPES.join(', ')}` },
);
export type TrainingCommand = z.input<typeof TrainingCommandSchema>;
export type ParsedTrainingCommand = z.output<typeof TrainingCommandSchema>;

