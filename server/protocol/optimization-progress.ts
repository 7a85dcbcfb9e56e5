import { z } from 'zod';
import { FailureSchema } from './failures.ts';
import { ExperimentIdSchema, RunCountSchema, TRACKED_STATUSES } from './experiment-progress.ts';

/**
 * Optimisation progress pushed over the live socket, the sibling of experiment
 * progress (server/protocol/experiment-progress.ts): its counts are candidates and
 * replication runs rather than tasks. A client follows one optimisation with
 * `watchOptimization` {id} (acknowledged with the progress so far, or an error) and
 * then receives `optimizationProgress` messages at most a few times a second and
 * once at the end; the result is read from GET /api/optimizations/:id.
 */
export const WATCH_OPTIMIZATION_EVENT = 'watchOptimization';
export const OPTIMIZATION_PROGRESS_EVENT = 'optimizationProgress';

export const WatchOptimizationSchema = z.strictObject({ id: ExperimentIdSchema });

export const OptimizationProgressMessageSchema = z.strictObject({
  id: ExperimentIdSchema,
  name: z.string(),
  status: z.enum(TRACKED_STATUSES),
  /** Candidates simulated so far, and at most (the grid, or the search budget). */
  evaluated: z.int().gte(0),
  budget: z.int().gte(0),
  /**
   * The candidates' replication runs done and queued so far (the queue grows as candidates are refined).
   * The warm-up pilots are counted apart, below (servers before them counted them here).
   */
  runsDone: z.int().gte(0),
  runsQueued: z.int().gte(0),
  phase: z.enum(['search', 'refine']),
  /** The MSER-5 warm-up pilot runs before the search, when the warm-up is `auto`. */
  pilots: RunCountSchema.optional(),
  error: z.string().nullable(),
  /** Why it failed, as a code the page translates (server/protocol/failures.ts); absent from older servers. */
  failure: FailureSchema.nullable().optional(),
});

export type OptimizationProgressMessage = z.infer<typeof OptimizationProgressMessageSchema>;
export type WatchOptimizationReply = { ok: true; progress: OptimizationProgressMessage } | { ok: false; error: string };
