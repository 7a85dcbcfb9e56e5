#!/usr/bin/env -S npx tsx
/**
 * `npm run worker -- --queue redis://host:6379 [--threads N]`: consumes
 * replication jobs that `npm run experiment -- <file> --queue …` enqueues. Run
 * it on as many machines as you like; a worker that dies mid-job loses its lock
 * and the job is run again by another one.
 */
import { Command } from 'commander';
import { defaultThreadCount } from '../experiments/executors.ts';
import { DEFAULT_QUEUE_NAME, describeRedisUrl, startQueueWorker } from '../experiments/queue.ts';
import { wholeNumberOption as wholeNumber } from './option-parsers.ts';
import { UnreachableError } from '../experiments/redis-ready.ts';

interface WorkerOptions {
  queue: string;
  queueName: string;
  threads: number;
  lockDuration: number;
  stalledInterval: number;
  quiet?: boolean;
}

export function buildWorkerCommand(): Command {
  return new Command('worker')
    .description('Run experiment replications from a BullMQ/Redis queue')
    .requiredOption('--queue <url>', 'redis URL, e.g. redis://127.0.0.1:6379')
    .option('--queue-name <name>', 'BullMQ queue name', DEFAULT_QUEUE_NAME)
    .option('--threads <n>', 'worker threads = jobs run at once, one per core by default', wholeNumber('--threads', 1), defaultThreadCount())
    .option('--lock-duration <ms>', "a job whose worker stops renewing its lock for this long is handed to another worker", wholeNumber('--lock-duration', 1000), 30_000)
    .option('--stalled-interval <ms>', 'how often to look for jobs of dead workers', wholeNumber('--stalled-interval', 500), 30_000)
    .option('--quiet', 'log only errors')
    .showHelpAfterError()
    .exitOverride();
}

export async function main(argv: string[]): Promise<number> {
  const command = buildWorkerCommand();
  let opts: WorkerOptions;
  try {
    opts = command.parse(argv, { from: 'user' }).opts<WorkerOptions>();
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    return e.code === 'commander.helpDisplayed' ? 0 : 2;
  }
  if (!/^rediss?:\/\//.test(opts.queue)) {
    process.stderr.write(`error: --queue must be a redis:// URL, got "${opts.queue}"\n`);
    return 2;
  }
  const log = (line: string) => {
    if (!opts.quiet || line.startsWith('error')) process.stdout.write(`[worker ${process.pid}] ${line}\n`);
  };
  const worker = await startQueueWorker({
    url: opts.queue,
    queueName: opts.queueName,
    threads: opts.threads,
    lockDurationMs: opts.lockDuration,
    stalledIntervalMs: opts.stalledInterval,
    log,
  }).catch((err: unknown) => {
    if (!(err instanceof UnreachableError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return null;
  });
  if (worker === null) return 1;
  log(`ready: queue "${opts.queueName}" at ${describeRedisUrl(opts.queue)}, ${opts.threads} thread(s)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('stopping: finishing jobs in progress');
  await worker.close();
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
