import { CodedError, failure, type Failure } from '../protocol/failures.ts';
import { ValidationError } from '../protocol/errors.ts';
import { workerMaxMb } from '../files/worker-entry.ts';

/**
 * The failure code of an error a job or request ended with, or null when it is none the
 * server names (the page then shows the English message). Errors raised here carry their own
 * (CodedError); a refused document is `invalid-input`; the rest are the thread pool's own:
 * a thread over its memory limit (Node's ERR_WORKER_OUT_OF_MEMORY), a thread that exited
 * (piscina: "worker exited with code: N"), and the pool shut down under a task (piscina:
 * "Terminating worker thread").
 */
export function failureOf(err: unknown): Failure | null {
  if (err instanceof CodedError) return err.failure;
  if (err instanceof ValidationError) return failure('invalid-input', { what: err.what });
  if ((err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return failure('out-of-memory', { maxMb: workerMaxMb() });
  const message = err instanceof Error ? err.message : '';
  const exited = /^worker exited with code: (-?\d+)/.exec(message);
  if (exited) return failure('worker-crashed', { exitCode: Number(exited[1]) });
  if (message === 'Terminating worker thread') return failure('shutdown');
  return null;
}
