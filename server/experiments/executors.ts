import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { runTask, type Outcome, type Task } from './task.ts';

/**
 * Runs tasks somewhere (this thread, a thread pool, a job queue) and hands back
 * their outcomes in task order, whatever order they finished in, so results
 * never depend on where or how fast they ran.
 */
export interface Executor {
  readonly description: string;
  run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void): Promise<Outcome[]>;
  close(): Promise<void>;
}

/** Runs tasks one after another on this thread, yielding between them so progress can be shown. */
export class InlineExecutor implements Executor {
  readonly description = 'this thread';

  async run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (const task of tasks) {
      const outcome = runTask(task);
      out.push(outcome);
      onOutcome?.(outcome);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  }

  async close(): Promise<void> {}
}

/** Node flags that let a worker thread load TypeScript (the tsx loader, by absolute URL so any cwd works). */
export function tsxExecArgv(): string[] {
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

export function defaultThreadCount(): number {
  return availableParallelism();
}

/** A piscina pool of worker threads, one task per thread at a time. */
export class PoolExecutor implements Executor {
  private readonly pool: Piscina<Task, Outcome>;

  constructor(readonly threads = defaultThreadCount()) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`workers must be a whole number >= 1, got ${threads}`);
    this.pool = new Piscina<Task, Outcome>({
      filename: new URL('./replication-worker.ts', import.meta.url).href,
      execArgv: tsxExecArgv(),
      minThreads: threads,
      maxThreads: threads,
      // Threads stay alive between experiments (the live server reuses one pool).
      idleTimeout: 60_000,
    });
  }

  get description(): string {
    return `${this.threads} worker thread${this.threads === 1 ? '' : 's'}`;
  }

  run(tasks: readonly Task[], onOutcome?: (outcome: Outcome) => void): Promise<Outcome[]> {
    return Promise.all(
      tasks.map((task) =>
        this.pool.run(task).then((outcome) => {
          onOutcome?.(outcome);
          return outcome;
        }),
      ),
    );
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
