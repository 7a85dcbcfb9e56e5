import { z } from 'zod';
import { formatIssues } from '../protocol/errors.ts';
import { TrainingLogSchema, type TrainingLogEntry } from '../protocol/training-messages.ts';
import type { RunRecord } from '../store/history-store.ts';

/** What a stored training run must hold to be replayed or debriefed: checked, not cast. */
const StoredTrainingSchema = z.object({
  params: z.object({ training: z.object({ scriptId: z.string(), trainees: z.array(z.tuple([z.string(), z.string().nullable()])).optional() }) }),
  result: z.object({ simTimeS: z.number().optional(), training: z.object({ log: TrainingLogSchema }) }),
});

export interface StoredTraining {
  scriptId: string;
  seed: number;
  simTimeS: number;
  log: TrainingLogEntry[];
  /** Name and team of everyone who joined the exercise (runs stored before names were kept have none). */
  trainees: [string, string | null][];
}

/**
 * The training part of a stored run: null when the run is not a training run; an error
 * naming the bad field when its log does not match the schema (a database written by
 * another version, or edited by hand), so nothing malformed is ever replayed.
 */
export function storedTraining(run: RunRecord | null): StoredTraining | null {
  const training = (run?.params as { training?: unknown } | undefined)?.training;
  if (run === null || training === undefined) return null;
  const parsed = StoredTrainingSchema.safeParse({ params: run.params, result: run.result });
  if (!parsed.success) throw new Error(`stored training run "${run.id}" is malformed: ${formatIssues(parsed.error.issues).join('; ')}`);
  const { params, result } = parsed.data;
  return { scriptId: params.training.scriptId, seed: run.seed, simTimeS: result.simTimeS ?? 0, log: result.training.log, trainees: params.training.trainees ?? [] };
}
