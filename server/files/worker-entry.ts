import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Worker threads run the same kind of code as the module that starts them:
 * compiled JavaScript under `npm start` (dist/server), TypeScript under tsx
 * (tests, the CLI, development). Only the TypeScript case needs tsx, so the
 * production runtime never loads a devDependency.
 */

/** The sibling module `name` of `base` (an `import.meta.url`), with the extension `base` itself has. */
export function workerEntry(base: string, name: string): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, base);
}

function isTypeScript(entry: URL): boolean {
  return entry.pathname.endsWith('.ts');
}

/**
 * Node flags for a pool whose own entry is JavaScript (piscina) and whose task
 * file may be TypeScript: the tsx loader, by absolute URL so any cwd works.
 */
export function workerExecArgv(entry: URL): string[] {
  if (!isTypeScript(entry)) return [];
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

/**
 * Starts a worker thread on `entry`. On Node 20, `execArgv: ['--import', 'tsx']`
 * does not apply to a worker's own entry module ("Unknown file extension .ts"),
 * so for TypeScript a one-line bootstrap registers tsx's loader inside the
 * worker first and then imports the entry.
 */
export function startWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!isTypeScript(entry)) return new Worker(entry, options);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
