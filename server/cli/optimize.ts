#!/usr/bin/env -S npx tsx
/**
 * `npm run --silent optimize -- <file.optimize.json> [--workers N] [--queue redis://…] [--json]`:
 * searches the variables' grid for the best candidate that meets the
 * constraints at their confidence, and prints a table (or one JSON document).
 * Progress goes to stderr so stdout stays machine-readable.
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { defaultThreadCount, PoolExecutor, type Executor } from '../experiments/executors.ts';
import { loadOptimizeFile } from '../experiments/optimize-plan.ts';
import { runOptimization, type OptimizeProgress, type OptimizeResult } from '../experiments/optimize.ts';
import { describeRedisUrl, QueueExecutor } from '../experiments/queue.ts';
import { formatNumber, formatTable, formatWithCi, NO_VALUE } from '../protocol/text-format.ts';
import { wholeNumberOption as wholeNumber } from './option-parsers.ts';
import { interruptible, runFileCommand } from './run-file-command.ts';

interface OptimizeOptions {
  workers: number;
  json?: boolean;
  queue?: string;
  queueName?: string;
}

export function buildOptimizeCommand(): Command {
  return new Command('optimize')
    .description('Find the best configuration on a grid of node fields that meets KPI constraints at a confidence')
    .argument('<file>', 'optimisation file (scenarios/*.optimize.json)')
    .option('--workers <n>', 'worker threads, one per core by default', wholeNumber('--workers', 1), defaultThreadCount())
    .option('--json', 'print one JSON document')
    .option('--queue <url>', 'run replications on BullMQ workers (`npm run worker`) through this redis, e.g. redis://127.0.0.1:6379')
    .option('--queue-name <name>', 'BullMQ queue name (default bpt-replications)')
    .showHelpAfterError()
    .exitOverride();
}

/**
 * What runs beside the candidates, as the page says it: the warm-up pilots while they run (their own
 * step, not counted as the candidates' runs), then the candidates' runs once any are queued, and the phase.
 */
export function besideCandidates(p: OptimizeProgress): string {
  if (p.pilots && p.pilots.done < p.pilots.total) return `warm-up pilots ${p.pilots.done}/${p.pilots.total}`;
  return p.runsQueued > 0 ? `${p.runsDone}/${p.runsQueued} runs (${p.phase})` : p.phase;
}

/** A bar on a terminal; elsewhere (CI logs, pipes) a line per 10 % of the runs, per candidate and per pilot. */
function progressReporter(): { update: (p: OptimizeProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: '{bar} {value}/{total} candidates | {beside}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) bar.start(p.budget, p.evaluated, { beside: besideCandidates(p) });
        started = true;
        bar.update(p.evaluated, { beside: besideCandidates(p) });
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = '';
  return {
    update: (p) => {
      const line = `progress: ${p.evaluated}/${p.budget} candidates, ${besideCandidates(p)}`;
      const tenth = `${Math.floor((p.runsDone / Math.max(1, p.runsQueued)) * 10)}|${p.evaluated}|${p.pilots?.done ?? 0}`;
      if (tenth === last) return;
      last = tenth;
      process.stderr.write(`${line}\n`);
    },
    stop: () => {},
  };
}

export function formatOptimizeText(r: OptimizeResult): string {
  const paths = Object.keys(r.candidates[0]?.values ?? {});
  const kpiPaths = Object.keys(r.candidates[0]?.kpis ?? {});
  const head = [
    `${r.name}${r.question ? ` — ${r.question}` : ''}`,
    `model ${r.model}; ${r.method}: ${r.evaluated} of ${r.gridSize} candidates simulated, ${r.runs} runs${r.pilotRuns ? ` + ${r.pilotRuns} warm-up pilot run${r.pilotRuns === 1 ? '' : 's'}` : ''}, ${r.engine.wallSeconds.toFixed(1)} s`,
  ];
  if (r.partial) {
    const p = r.partial;
    head.push(`PARTIAL RESULT: ${p.stoppedBy} during the ${p.phase === 'warm-up pilot' ? 'warm-up pilot runs' : p.phase === 'refine' ? 'refinement of close candidates' : 'search'}; ${p.evaluated} candidates fully evaluated${p.unfinished > 0 ? ` (${p.unfinished} left unfinished, not shown)` : ''}: the best is the best of these`);
  }
  if (r.best === null) head.push('no candidate meets the constraints at the requested confidence');
  else {
    head.push(`best: ${paths.map((p) => `${p} = ${r.best!.values[p]}`).join(', ')}; objective ${formatNumber(r.best.objective)} (${r.best.replications} replications)`);
    for (const c of r.best.constraints) head.push(`  ${c.kpi} = ${formatNumber(c.mean)}, one-sided ${Math.round(c.confidence * 100)} % bound ${formatNumber(c.bound)} ${c.min !== undefined ? `>= ${c.min}` : `<= ${c.max}`}: ${c.status}`);
  }
  const sorted = [...r.candidates].sort((a, b) => (a.status === b.status ? (a.objective ?? Infinity) - (b.objective ?? Infinity) : a.status === 'holds' ? -1 : b.status === 'holds' ? 1 : 0));
  const rows = sorted.map((c) => [
    String(c.id),
    ...paths.map((p) => c.values[p]),
    c.replications,
    c.status,
    formatNumber(c.objective),
    ...kpiPaths.map((k) => (c.kpis[k] ? formatWithCi(c.kpis[k]!.mean, c.kpis[k]!.ci95) : NO_VALUE)),
  ]);
  return [...head, '', formatTable(['#', ...paths, 'reps', 'constraints', 'objective', ...kpiPaths], rows)].join('\n');
}

export async function runOptimizeCli(file: string, opts: OptimizeOptions): Promise<string> {
  // npm run changes the directory to the package root; paths are meant relative to where the user typed them.
  const plan = loadOptimizeFile(resolve(process.env.INIT_CWD ?? process.cwd(), file));
  const executor: Executor = opts.queue ? new QueueExecutor({ url: opts.queue, queueName: opts.queueName }) : new PoolExecutor(opts.workers);
  if (opts.queue) process.stderr.write(`queue mode: replications go to ${executor.description}; workers: \`npm run worker -- --queue ${describeRedisUrl(opts.queue)}\`\n`);
  const progress = progressReporter();
  try {
    return await interruptible(
      executor,
      (abortable, signal) => runOptimization(plan, abortable, progress.update, signal),
      (result) => {
        progress.stop();
        return opts.json ? JSON.stringify(result, null, 2) : formatOptimizeText(result);
      },
    );
  } finally {
    progress.stop();
  }
}

export function main(argv: string[]): Promise<number> {
  return runFileCommand<OptimizeOptions>(buildOptimizeCommand(), argv, runOptimizeCli);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
