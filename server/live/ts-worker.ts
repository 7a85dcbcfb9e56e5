import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread whose entry is a TypeScript file. On Node 20,
 * `execArgv: ['--import', 'tsx']` does not apply to the worker's own entry
 * module ("Unknown file extension .ts"), so a one-line bootstrap registers tsx's
 * loader inside the worker first and then imports the entry.
 */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
