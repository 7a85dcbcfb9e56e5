import { z } from 'zod';

/**
 * Why a request was refused or a long job ended without a result, as a stable code and its
 * parameters beside the English message, so a page can say it in its reader's language
 * (client/src/i18n/failure-text.ts holds the sentences) and fall back to the message for a
 * code it does not know. One list: the server sends only these. Where a failure has a code:
 * HTTP error bodies (`error.code`, `error.params`), an experiment's or optimisation's run
 * record and progress messages (`failure`, next to `error`). Both are optional: older servers
 * and stored runs send only the message.
 */
export const FAILURE_CODES = [
  /** The job ran longer than EXPERIMENT_TIMEOUT (`seconds`), or a batch run longer than its limit. */
  'timed-out',
  /** Cancelled by a user; `when`: 'queued' or 'running'. */
  'cancelled',
  /** The document did not validate; `what` (experiment, optimisation, scenario, model, …); `problems` name each field. */
  'invalid-input',
  /** A simulation thread ended unexpectedly (`exitCode` when it exited). */
  'worker-crashed',
  /** A simulation outgrew its thread's memory (`maxMb`, WORKER_MAX_MB). */
  'out-of-memory',
  /** Too many jobs running and waiting (`running`, `waiting`, `max`: EXPERIMENT_QUEUE). */
  'queue-full',
  /** Too many batch replications waiting (`waiting`). */
  'busy',
  /** Planning (building the alternatives' models) took longer than `seconds`. */
  'planning-timed-out',
  /** The server shut down during the job, or is shutting down and takes no new one. */
  'shutdown',
  /** No such `kind` (experiment, optimisation, run) with `id`. */
  'not-found',
  /** Too many writes from this address; retry after `retryAfterS`. */
  'rate-limited',
  /** The request body is larger than `limit` bytes. */
  'too-large',
  /** The server's data folder is full (`full`) or unusable (`unusable`): `problem`. */
  'storage',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export const FailureSchema = z.object({
  code: z.enum(FAILURE_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type Failure = z.output<typeof FailureSchema>;

export const failure = (code: FailureCode, params: Record<string, string | number> = {}): Failure => ({ code, params });

/** An error that knows its failure code: the message stays English for logs and scripts. */
export class CodedError extends Error {
  constructor(
    message: string,
    readonly failure: Failure,
  ) {
    super(message);
  }
}
