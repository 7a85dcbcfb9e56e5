import type { Command } from 'commander';
import { ValidationError } from '../protocol/errors.ts';
import { abortableExecutor, type Executor } from '../experiments/executors.ts';
import { UnreachableError } from '../experiments/redis-ready.ts';

/** The run was stopped by Ctrl-C (or SIGTERM): exit 130 as shells expect, with no stack. */
export class InterruptedError extends Error {
  /** What finished before the interrupt, as the command prints it (marked partial); printed on stdout before the exit. */
  output?: string;

  constructor(signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; the replications still queued were withdrawn`);
  }
}

/**
 * A signal that the first Ctrl-C (or SIGTERM) aborts instead of ending the process, so a run in
 * queue mode takes its jobs still waiting off redis before it exits (else the workers would run
 * them for nobody). A second one ends the process at once, as usual. `dispose` removes the handlers.
 */
function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      dispose(); // the next one is the default: the process ends
      process.stderr.write(`\n${name}: stopping; withdrawing the replications still queued (again to quit at once)\n`);
      stop.abort(new InterruptedError(name));
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  const dispose = () => handlers.forEach(([name, handler]) => process.off(name, handler));
  return { signal: stop.signal, dispose };
}

/**
 * Runs `work` on `executor` so that the first Ctrl-C (or SIGTERM) aborts it (interruptSignal),
 * and closes the executor after: the experiment and optimise CLIs. Returns the result as `print`
 * writes it; work that returns after an interrupt (with what finished, marked partial) still
 * ends as interrupted (exit 130), its result printed first.
 */
export async function interruptible<T>(executor: Executor, work: (executor: Executor, signal: AbortSignal) => Promise<T>, print: (result: T) => string): Promise<string> {
  const interrupt = interruptSignal();
  try {
    const result = await work(abortableExecutor(executor, interrupt.signal), interrupt.signal);
    if (interrupt.signal.aborted) throw Object.assign(interrupt.signal.reason as InterruptedError, { output: print(result) });
    return print(result);
  } catch (err) {
    // The thread pool rejects an aborted task with its own error; what happened is the interrupt.
    throw interrupt.signal.aborted ? interrupt.signal.reason : err;
  } finally {
    interrupt.dispose();
    await executor.close();
  }
}

/**
 * Runs a commander command that takes one file and prints what its action
 * resolves to (the experiment and optimise CLIs). Exit codes: 0 done (or help),
 * 2 a usage error or a file refused by its schema (the message names the field),
 * 130 interrupted (interruptible), 1 anything else, with its stack.
 */
export async function runFileCommand<O>(command: Command, argv: string[], action: (file: string, opts: O) => Promise<string>): Promise<number> {
  let run: Promise<string> | undefined;
  command.action((file: string, opts: O) => {
    run = action(file, opts);
  });
  try {
    command.parse(argv, { from: 'user' });
    if (run !== undefined) process.stdout.write(`${await run}\n`);
    return 0;
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  const e = err as { code?: string };
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
  if (e.code?.startsWith('commander.')) return 2; // a usage error; commander printed it
  if (err instanceof InterruptedError) {
    if (err.output !== undefined) process.stdout.write(`${err.output}\n`);
    process.stderr.write(`${err.message}${err.output === undefined ? '' : '; the result printed covers only what finished before it (marked partial)'}\n`);
    return 130;
  }
  if (err instanceof ValidationError || err instanceof RangeError) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 2;
  }
  // A service that cannot be reached is the user's to fix: its message says where, a stack would not help.
  process.stderr.write(`error: ${err instanceof UnreachableError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  return 1;
}
