import type { Command } from 'commander';
import { ValidationError } from '../protocol/errors.ts';
import { UnreachableError } from '../experiments/redis-ready.ts';

/**
 * Runs a commander command that takes one file and prints what its action
 * resolves to (the experiment and optimise CLIs). Exit codes: 0 done (or help),
 * 2 a usage error or a file refused by its schema (the message names the field),
 * 1 anything else, with its stack.
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
  if (err instanceof ValidationError || err instanceof RangeError) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 2;
  }
  // A service that cannot be reached is the user's to fix: its message says where, a stack would not help.
  process.stderr.write(`error: ${err instanceof UnreachableError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  return 1;
}
