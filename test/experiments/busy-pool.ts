import type { Executor } from '../../server/experiments/executors.ts';

/**
 * A shared pool busy with other work: a job's tasks wait until `free()`; then they start (the
 * executor says so through `onStart`) and run until the job is stopped, never finishing. A job on
 * a pool never freed stays at its first progress, as one stopped before anything of it ran.
 */
export function busyPool(): { executor: Executor; free: () => void } {
  let free!: () => void;
  const freed = new Promise<void>((resolve) => (free = resolve));
  const executor: Executor = {
    description: 'busy',
    run: (_tasks, _onOutcome, signal, onStart) =>
      new Promise((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        void freed.then(() => signal?.aborted || onStart?.());
      }),
    close: async () => {},
  };
  return { executor, free };
}
