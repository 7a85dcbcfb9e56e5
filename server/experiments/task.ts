import type { Model } from '../protocol/model.ts';
import { Plant } from '../plant/plant.ts';
import { plantReport } from '../plant/report.ts';
import { measure, needsKpiModule, pickMetrics, type Metrics } from './metrics.ts';
import { runReplication } from './runner.ts';
import { chooseWarmup } from './warmup.ts';
import type { RunWarning } from '../protocol/warnings.ts';
import { compiledFor } from './compiled-cache.ts';

/**
 * The unit of work shipped to a thread, a queue worker or run inline. It carries
 * everything it needs (the model itself, not a file name) so any machine can run
 * it, and its outcome depends on nothing else: same task ⇒ same numbers. A thread
 * compiles each model once (compiled-cache.ts) and builds a plant per task from it.
 */
export interface ReplicationTask {
  kind: 'replication';
  point: number;
  replication: number;
  model: Model;
  horizonS: number;
  warmupS: number;
  seed: number;
  /** KPIs to return (all numeric report fields when empty). */
  kpis: string[];
}

/** A pilot run for the Welch warm-up report: the KPI measured in each of `buckets` equal intervals, no warm-up. */
export interface SeriesTask {
  kind: 'series';
  point: number;
  replication: number;
  model: Model;
  horizonS: number;
  seed: number;
  buckets: number;
  kpi: string;
}

/** A pilot run of replication 0 over the horizon that finds the MSER-5 warm-up of one alternative. */
export interface PilotTask {
  kind: 'pilot';
  point: number;
  /** The replication whose random streams the pilot uses (0). */
  replication: number;
  model: Model;
  horizonS: number;
  seed: number;
}

export type Task = ReplicationTask | SeriesTask | PilotTask;

export interface ReplicationOutcome {
  kind: 'replication';
  point: number;
  replication: number;
  metrics: Metrics;
  events: number;
  wallSeconds: number;
}

export interface SeriesOutcome {
  kind: 'series';
  point: number;
  replication: number;
  /** KPI per interval; null where it could not be measured (e.g. no part finished in it). */
  values: (number | null)[];
  events: number;
  wallSeconds: number;
}

export interface PilotOutcome {
  kind: 'pilot';
  point: number;
  warmupS: number;
  method: string;
  warnings: RunWarning[];
  events: number;
  wallSeconds: number;
}

export type Outcome = ReplicationOutcome | SeriesOutcome | PilotOutcome;

export function runTask(task: Task): Outcome {
  if (task.kind === 'pilot') return { kind: 'pilot', point: task.point, ...chooseWarmup(compiledFor(task.model), task, task.replication) };
  return task.kind === 'replication' ? runReplicationTask(task) : runSeriesTask(task);
}

function runReplicationTask(task: ReplicationTask): ReplicationOutcome {
  const { report, events, wallSeconds } = runReplication(compiledFor(task.model), task, task.replication);
  const all = measure(task.model, report, task.horizonS, task.warmupS, needsKpiModule(task.kpis));
  return {
    kind: 'replication',
    point: task.point,
    replication: task.replication,
    metrics: task.kpis.length > 0 ? pickMetrics(all, task.kpis) : all,
    events,
    wallSeconds,
  };
}

/** Statistics are reset at each interval's end, so each value is the KPI exactly as defined, over that interval alone. */
function runSeriesTask(task: SeriesTask): SeriesOutcome {
  const plant = new Plant(compiledFor(task.model), task.seed, task.replication);
  const t0 = performance.now();
  const values: (number | null)[] = [];
  const withKpis = needsKpiModule([task.kpi]);
  for (let b = 1; b <= task.buckets; b++) {
    const start = plant.now;
    plant.runUntil((task.horizonS * b) / task.buckets);
    const value = measure(task.model, plantReport(plant), plant.now, start, withKpis)[task.kpi];
    values.push(value === undefined ? null : value);
    plant.resetStats();
  }
  return {
    kind: 'series',
    point: task.point,
    replication: task.replication,
    values,
    events: plant.sim.eventsFired,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}
