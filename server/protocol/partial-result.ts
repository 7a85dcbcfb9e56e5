import { z } from 'zod';

/**
 * The mark on an experiment's or optimisation's result that was stopped before it finished
 * (cancelled over the API or the page, timed out, or interrupted by Ctrl-C on the command
 * line): the result then reports only what finished. A complete result has no `partial`
 * field, and neither has any result stored before partial results existed, so both read as
 * complete; a reader validates the mark with these schemas and treats anything else as none.
 */
export const STOP_REASONS = ['cancelled', 'timed-out', 'interrupted'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

const count = z.int().gte(0);

export const ExperimentPartialSchema = z.object({
  stoppedBy: z.enum(STOP_REASONS),
  /** What was running when it stopped: the warm-up pilots (no replication measured yet) or the replications. */
  phase: z.enum(['warm-up pilot', 'replications']),
  /** Per alternative, in the order of `points`: replications finished, and asked for when it stopped. */
  finished: z.array(count),
  planned: z.array(count),
});

export const OptimizationPartialSchema = z.object({
  stoppedBy: z.enum(STOP_REASONS),
  /** The stage it stopped in: warm-up pilots, the search (first replications of candidates), or refining close ones. */
  phase: z.enum(['warm-up pilot', 'search', 'refine']),
  /** Candidates with all their first replications finished: the ones reported. */
  evaluated: count,
  /** Candidates whose first replications had started but not all finished: left out. */
  unfinished: count,
});

export type ExperimentPartial = z.infer<typeof ExperimentPartialSchema>;
export type OptimizationPartial = z.infer<typeof OptimizationPartialSchema>;

/** The partial mark of a result read from the server or the run history; null for a complete (or older) one. */
export function partialMark<T>(schema: z.ZodType<T>, result: unknown): T | null {
  if (typeof result !== 'object' || result === null || !('partial' in result)) return null;
  const parsed = schema.safeParse((result as { partial: unknown }).partial);
  return parsed.success ? parsed.data : null;
}
