import type { Executor } from '../../server/experiments/executors.ts';

/**
 * A shared pool that never starts a task (busy with other work) until the run is stopped: a job
 * on it stays at its first progress, as one stopped before anything of it ran.
 */
export const stalledExecutor: Executor = {
  description: 'busy',
  run: (_tasks, _onOutcome, signal) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
  close: async () => {},
};
