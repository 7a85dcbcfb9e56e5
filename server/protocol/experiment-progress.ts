import { z } from 'zod';
import { FailureSchema } from './failures.ts';

/**
 * Experiment progress pushed over the live socket. A client asks to follow one
 * experiment (`watchExperiment` with its id, acknowledged with the progress so
 * far, or an error), then receives `experimentProgress` messages at most a few
 * times a second and once when the experiment ends; the result itself is read from
 * GET /api/experiments/:id (it can be large).
 */
export const WATCH_EXPERIMENT_EVENT = 'watchExperiment';

/**
 * Where an experiment or optimisation stands: waiting for a slot (the server runs a few at
 * once), running, or ended: finished, failed, cancelled (DELETE) or timed out (EXPERIMENT_TIMEOUT).
 */
export const TRACKED_STATUSES = ['queued', 'running', 'finished', 'failed', 'cancelled', 'timed-out'] as const;
export type TrackedStatus = (typeof TRACKED_STATUSES)[number];
export const EXPERIMENT_PROGRESS_EVENT = 'experimentProgress';

export const ExperimentIdSchema = z.string('must be an experiment id').regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an experiment id (letters, digits, "-", "_")');

export const WatchExperimentSchema = z.strictObject({ id: ExperimentIdSchema });

/** Runs of one kind finished so far, and planned so far. */
export const RunCountSchema = z.strictObject({ done: z.int().gte(0), total: z.int().gte(0) });
export type RunCount = z.infer<typeof RunCountSchema>;

export const ExperimentProgressMessageSchema = z.strictObject({
  id: ExperimentIdSchema,
  name: z.string(),
  status: z.enum(TRACKED_STATUSES),
  /**
   * Replications finished so far: the same count as a partial result's "4 of 500". Runs that
   * measure nothing are counted apart, below (servers before them counted them here).
   */
  done: z.int().gte(0),
  /** Replications planned so far; grows between rounds when a precision target asks for more. */
  total: z.int().gte(0),
  phase: z.enum(['replications', 'warm-up pilot']),
  /** The MSER-5 warm-up pilot runs (one per alternative, before any replication), when the warm-up is `auto`. */
  pilots: RunCountSchema.optional(),
  /** The Welch warm-up check's runs (`warmupReport`), beside the first replications. */
  checks: RunCountSchema.optional(),
  error: z.string().nullable(),
  /** Why it failed, as a code the page translates (server/protocol/failures.ts); absent from older servers. */
  failure: FailureSchema.nullable().optional(),
});

export type WatchExperiment = z.infer<typeof WatchExperimentSchema>;
export type ExperimentProgressMessage = z.infer<typeof ExperimentProgressMessageSchema>;
export type WatchExperimentReply = { ok: true; progress: ExperimentProgressMessage } | { ok: false; error: string };
