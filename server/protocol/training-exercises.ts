import { z } from 'zod';
import { DebriefSchema } from './training-messages.ts';

/**
 * Finished training exercises over REST: the list (`GET /api/training/exercises`)
 * and each one's stored debrief (`GET /api/training/exercises/:runId/debrief`,
 * 202 with a status while it is computed, 200 with the debrief once stored).
 * The run id is the session id of the exercise.
 */

/** Where a finished exercise's debrief is: stored, being computed (or waiting its turn), or failed. */
export const DEBRIEF_STATUSES = ['ready', 'queued', 'computing', 'failed', 'none'] as const;
export const DebriefStatusSchema = z.enum(DEBRIEF_STATUSES);
export type DebriefStatus = z.output<typeof DebriefStatusSchema>;

export const ExerciseSummarySchema = z.object({
  id: z.string(),
  scriptId: z.string(),
  title: z.string(),
  titleRu: z.string().nullable(),
  instructor: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Simulated seconds the exercise reached. */
  simTimeS: z.number(),
  /** How the run ended in the history (finished, stopped). */
  state: z.string(),
  trainees: z.array(z.object({ user: z.string(), team: z.string().nullable() })),
  actions: z.number(),
  debrief: DebriefStatusSchema,
});
export type ExerciseSummary = z.output<typeof ExerciseSummarySchema>;
export const ExerciseListSchema = z.array(ExerciseSummarySchema);

/** 202 while computing; `error` when it failed (then the status is 500). */
export const DebriefPendingSchema = z.object({ runId: z.string(), status: DebriefStatusSchema, error: z.string().optional() });
export type DebriefPending = z.output<typeof DebriefPendingSchema>;

export const ExerciseDebriefSchema = z.object({
  runId: z.string(),
  status: z.literal('ready'),
  exercise: ExerciseSummarySchema,
  debrief: DebriefSchema,
});
export type ExerciseDebrief = z.output<typeof ExerciseDebriefSchema>;
