#!/usr/bin/env -S npx tsx
/**
 * `npm run --silent experiment -- <file> [--workers N] [--json|--csv] [--queue redis://…]`:
 * runs an experiment file (scenarios or a sweep, replicated with common random
 * numbers) and prints tables, or one JSON/CSV document. Progress and
 * diagnostics go to stderr so stdout stays machine-readable.
 */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { loadExperimentFile, type ExperimentOverrides } from '../experiments/experiment-files.ts';
import { defaultThreadCount, PoolExecutor, type Executor } from '../experiments/executors.ts';
import { runExperiment, type ExperimentProgress } from '../experiments/experiment.ts';
import { CSV_COLUMNS, formatCsv, formatText } from '../experiments/format.ts';
import { describeRedisUrl, QueueExecutor } from '../experiments/queue.ts';
import { durationOption as duration, warmupOption, wholeNumberOption as wholeNumber } from './option-parsers.ts';
import { interruptible, runFileCommand } from './run-file-command.ts';

interface ExperimentOptions {
  workers: number;
  json?: boolean;
  csv?: boolean;
  queue?: string;
  queueName?: string;
  replications?: number;
  seed?: number;
  horizon?: number;
  warmup?: number | 'auto';
  warmupReport: boolean;
}

export function buildExperimentCommand(): Command {
  return new Command('experiment')
    .description('Run an experiment: replications with confidence intervals, scenario comparison or parameter sweep')
    .argument('<file>', 'experiment file (scenarios/*.experiment.json)')
    .option('--workers <n>', 'worker threads, one per core by default', wholeNumber('--workers', 1), defaultThreadCount())
    .addOption(new Option('--json', 'print one JSON document').conflicts('csv'))
    .option('--csv', `print one CSV row per alternative and KPI; columns: alternative, its parameters, ${CSV_COLUMNS.join(', ')} (status: complete, or partial: interrupted after Ctrl-C, with the replications finished of those planned)`)
    .option('--queue <url>', 'run replications on BullMQ workers (`npm run worker`) through this redis, e.g. redis://127.0.0.1:6379')
    .option('--queue-name <name>', 'BullMQ queue name (default bpt-replications)')
    .option('--replications <n>', 'override: replications per alternative (replaces a precision target)', wholeNumber('--replications', 2))
    .option('--seed <n>', 'override: random seed', wholeNumber('--seed', 0))
    .option('--horizon <duration>', 'override: simulated time, seconds or 8h/30d', duration('--horizon'))
    .option('--warmup <duration|auto>', 'override: warm-up, seconds or 8h/30d, or auto (MSER-5)', warmupOption('--warmup'))
    .option('--no-warmup-report', 'skip the Welch warm-up pilot runs')
    .showHelpAfterError()
    .exitOverride();
}

/** What runs besides the replications: the warm-up pilots, the Welch check (counted apart, as the page does). */
function besideReplications(p: ExperimentProgress): string {
  const parts = [p.pilots && p.pilots.done < p.pilots.total ? `warm-up pilots ${p.pilots.done}/${p.pilots.total}` : '', p.checks && p.checks.done < p.checks.total ? `warm-up check ${p.checks.done}/${p.checks.total}` : ''];
  return parts.filter((x) => x !== '').join(', ') || p.phase;
}

/** A bar of replications on a terminal; elsewhere (CI logs, pipes) a plain line every 10 % so logs stay readable. */
function progressReporter(): { update: (p: ExperimentProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: '{bar} {percentage}% | {value}/{total} replications | {phase} | ETA {eta_formatted}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) {
          bar.start(p.total, p.done, { phase: besideReplications(p) });
          started = true;
        }
        bar.setTotal(p.total);
        bar.update(p.done, { phase: besideReplications(p) });
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update: (p) => {
      const tenth = p.total > 0 ? Math.floor((p.done / p.total) * 10) : 0;
      if (p.done === 0 || tenth === lastTenth) return;
      lastTenth = tenth;
      process.stderr.write(`progress: ${p.done}/${p.total} replications (${Math.round((p.done / p.total) * 100)}%)\n`);
    },
    stop: () => {},
  };
}

export async function runExperimentCli(file: string, opts: ExperimentOptions): Promise<string> {
  const overrides: ExperimentOverrides = { replications: opts.replications, seed: opts.seed, horizon: opts.horizon, warmup: opts.warmup };
  if (!opts.warmupReport) overrides.warmupReport = false;
  // npm run changes the directory to the package root; paths are meant relative to where the user typed them.
  const { plan } = loadExperimentFile(resolve(process.env.INIT_CWD ?? process.cwd(), file), overrides);
  const executor: Executor = opts.queue ? new QueueExecutor({ url: opts.queue, queueName: opts.queueName }) : new PoolExecutor(opts.workers);
  if (opts.queue) {
    const workerArgs = `--queue ${describeRedisUrl(opts.queue)}${opts.queueName ? ` --queue-name ${opts.queueName}` : ''}`;
    process.stderr.write(`queue mode: replications go to ${executor.description}; workers: \`npm run worker -- ${workerArgs}\`\n`);
  }
  const progress = progressReporter();
  try {
    return await interruptible(
      executor,
      (abortable, signal) => runExperiment(plan, abortable, progress.update, signal),
      (result) => {
        progress.stop();
        return opts.json ? JSON.stringify(result, null, 2) : opts.csv ? formatCsv(result) : formatText(result);
      },
    );
  } finally {
    progress.stop();
  }
}

export function main(argv: string[]): Promise<number> {
  return runFileCommand<ExperimentOptions>(buildExperimentCommand(), argv, runExperimentCli);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
