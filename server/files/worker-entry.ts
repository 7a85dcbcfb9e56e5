import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';
import { DEFAULT_WORKER_MAX_MB } from '../protocol/limits.ts';

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

/** The heap each worker thread may use, in MB: WORKER_MAX_MB, else DEFAULT_WORKER_MAX_MB (limits.ts). */
export function workerMaxMb(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WORKER_MAX_MB;
  if (raw === undefined || raw === '') return DEFAULT_WORKER_MAX_MB;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 64) throw new RangeError(`WORKER_MAX_MB: must be a whole number of MB >= 64, got "${raw}"`);
  return mb;
}

/**
 * resourceLimits for every worker the server starts (sessions, batch runs, experiment pools,
 * debriefs): a run that outgrows its heap kills its own thread (ERR_WORKER_OUT_OF_MEMORY),
 * never the process. The young generation and the stack keep Node's defaults.
 */
export function workerResourceLimits(env: NodeJS.ProcessEnv = process.env): ResourceLimits {
  return { maxOldGenerationSizeMb: workerMaxMb(env) };
}

/** What to tell the caller when a worker died: out of memory names the limit, anything else its own message. */
export function workerFailureMessage(err: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if ((err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `the run used more than ${workerMaxMb(env)} MB of memory (WORKER_MAX_MB) and was stopped`;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Starts a worker thread on `entry` (with workerResourceLimits unless the caller gives its own). On Node 20, `execArgv: ['--import', 'tsx']`
 * does not apply to a worker's own entry module ("Unknown file extension .ts"),
 * so for TypeScript a one-line bootstrap registers tsx's loader inside the
 * worker first and then imports the entry.
 */
export function startWorker(entry: URL, given: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const options = { ...given, resourceLimits: given.resourceLimits ?? workerResourceLimits() };
  if (!isTypeScript(entry)) return new Worker(entry, options);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
