#!/usr/bin/env -S npx tsx
import { isMachineLike } from '../protocol/node-kinds.ts';
/**
 * `npm run --silent sim -- <model> [options]`: runs a model (optionally with a
 * scenario) for a horizon and prints a table, or one JSON document with --json.
 * Diagnostics go to stderr so stdout stays machine-readable.
 */
import { Command } from 'commander';
import { loadModelWithScenario } from '../files/model-files.ts';
import { ValidationError } from '../protocol/errors.ts';
import { runModel, type RunResult } from '../experiments/runner.ts';
import { formatNumber, formatTable, formatWithCi, NO_VALUE } from '../protocol/text-format.ts';
import { capacityText, kpiText, staticCapacity } from '../kpi/index.ts';
import { durationOption as duration, warmupOption, wholeNumberOption as wholeNumber } from './option-parsers.ts';

interface SimOptions {
  scenario?: string;
  horizon: number;
  warmup: number | 'auto';
  replications: number;
  seed: number;
  json?: boolean;
  capacity?: boolean;
  period?: number;
}

export function buildSimCommand(): Command {
  return new Command('sim')
    .description('Simulate a plant model and report throughput, states, buffers and WIP')
    .argument('<model>', 'model file or id in models/ (e.g. default-plant)')
    .option('--scenario <file>', 'scenario overlay applied to the model')
    .option('--horizon <duration>', 'simulated time: seconds or 45s/90min/8h/30d/1y', duration('--horizon'), 8 * 3600)
    .option('--warmup <duration|auto>', 'statistics are reset after this time; auto: MSER-5 on the output series (warmupS, warmupMethod, warnings in the result)', warmupOption('--warmup'), 0)
    .option('--replications <n>', 'independent replications', wholeNumber('--replications', 1), 1)
    .option('--period <duration>', 'also report each window of this length from t = 0 (periods[] in --json)', duration('--period'))
    .option('--seed <n>', 'random seed', wholeNumber('--seed', 0), 1)
    .option('--json', 'print one JSON document instead of tables')
    .option('--capacity', 'print the static capacity per node, capacity.gwhPerYear and capacity.bottleneck (no simulation)')
    .showHelpAfterError()
    .exitOverride();
}

export function simulate(modelRef: string, opts: SimOptions): RunResult {
  const { model, scenario } = loadModelWithScenario(modelRef, opts.scenario);
  const settings = { horizonS: opts.horizon, warmupS: opts.warmup, seed: opts.seed, replications: opts.replications, ...(opts.period === undefined ? {} : { periodS: opts.period }) };
  // The result's kpis are per replication, averaged with CI95 (the same document as POST /api/runs).
  return runModel(model, settings, scenario?.name ?? opts.scenario);
}

/** `--capacity`: the static analysis of a model (+ scenario), without simulating. */
export function capacity(modelRef: string, opts: SimOptions): string {
  const { model, scenario } = loadModelWithScenario(modelRef, opts.scenario);
  const report = staticCapacity(model);
  if (opts.json) return JSON.stringify({ model: model.name, ...(scenario ? { scenario: scenario.name ?? opts.scenario } : {}), capacity: report }, null, 2);
  return capacityText(model.name + (scenario ? ` + ${scenario.name ?? opts.scenario}` : ''), report);
}

const withCi = (value: unknown, ci: unknown): string => formatWithCi(value as number | undefined, ci as number | undefined);

export function renderTables(result: RunResult): string {
  const out: string[] = [];
  const span = result.horizonS - result.warmupS;
  out.push(`${result.model}${result.scenario ? ` + ${result.scenario}` : ''}: ${formatNumber(span / 3600)} h measured after ${formatNumber(result.warmupS / 3600)} h warm-up (${result.warmupMethod === 'fixed' ? 'fixed' : 'MSER-5'}), ${result.replications} replication(s), seed ${result.seed}`);
  for (const w of result.warnings) out.push(`warning: ${w}`);
  out.push('', formatTable(['sink', 'parts', 'units', 'parts/h'], Object.entries(result.sinks).map(([id, s]) => {
    const r = s as Record<string, unknown>;
    return [id, withCi(r.count, r.countCI95), withCi(r.units, r.unitsCI95), withCi(r.perHour, r.perHourCI95)];
  })));
  const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : NO_VALUE);
  out.push('', formatTable(['node', 'type', 'completed', 'scrapped', 'working', 'blocked', 'down', 'off shift', 'avg level'], Object.entries(result.nodes).map(([id, n]) => {
    const states = (n.states ?? {}) as Record<string, number>;
    return [id, String(n.type ?? ''), formatNumber(n.completed as number), formatNumber(n.scrapped as number), pct(states.working), pct(states.blocked), pct(states.down), pct(states.offShift), typeof n.avgLevel === 'number' ? formatNumber(n.avgLevel) : NO_VALUE];
  })));
  const sys = result.system as unknown as Record<string, unknown>;
  out.push('', `WIP (time-average parts): ${withCi(sys.avgWip, sys.avgWipCI95)}`);
  out.push(`time in system: mean ${withCi(sys.avgTimeInSystemS, sys.avgTimeInSystemSCI95)} s, p95 ${formatNumber(sys.leadTimeP95S as number)} s`);
  const ops = Object.values(result.nodes).reduce((a, n) => a + (isMachineLike({ type: String(n.type) }) ? (n.completed as number) : 0), 0) * result.replications;
  out.push(`engine: ${result.engine.events} events in ${result.engine.wallSeconds.toFixed(2)} s (${formatNumber(result.engine.events / result.engine.wallSeconds)} events/s, ${formatNumber(ops / result.engine.wallSeconds)} operations/s)`);
  return out.join('\n');
}

export function main(argv: string[]): number {
  const command = buildSimCommand();
  let exitCode = 0;
  command.action((modelRef: string, opts: SimOptions) => {
    if (opts.capacity) return void process.stdout.write(`${capacity(modelRef, opts)}\n`);
    const result = simulate(modelRef, opts);
    process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderTables(result)}\n\n${kpiText(result.kpis)}\n`);
  });
  try {
    command.parse(argv, { from: 'user' });
  } catch (err) {
    exitCode = reportError(err);
  }
  return exitCode;
}

function reportError(err: unknown): number {
  const e = err as { code?: string; exitCode?: number; message?: string };
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
  if (e.code?.startsWith('commander.')) return e.exitCode ?? 2; // commander already printed the message
  if (err instanceof ValidationError || err instanceof RangeError) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`error: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
