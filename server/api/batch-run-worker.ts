import type { Model } from '../protocol/model.ts';
import { combineReplications, replicationKpi, runReplication, type ReplicationResult, type RunResult, type RunSettings } from '../experiments/runner.ts';
import { chooseWarmup, type WarmupChoice } from '../experiments/warmup.ts';

export interface ReplicationJob {
  kind: 'replication';
  model: Model;
  settings: Omit<RunSettings, 'replications'>;
  replication: number;
}

/** A pilot run over the whole horizon that finds the MSER-5 warm-up. */
export interface PilotJob {
  kind: 'pilot';
  model: Model;
  settings: Pick<RunSettings, 'horizonS' | 'seed'>;
}

/** The last step: replications (with their KPIs) into the CLI-shaped result, so the main thread only receives it. */
export interface CombineJob {
  kind: 'combine';
  model: Model;
  settings: RunSettings;
  results: ReplicationResult[];
  scenario?: string;
  warmup?: WarmupChoice;
}

export type BatchJob = ReplicationJob | PilotJob | CombineJob;

/**
 * Entry point of a batch-run pool thread. Everything that costs time happens here, never on the
 * main thread: the pilot, each replication with its plant KPIs (≈2.5 s for a 5,000-node model,
 * so they are computed in parallel, one per replication), and the combination into one result.
 */
export default function runOne(job: BatchJob): ReplicationResult | WarmupChoice | RunResult {
  switch (job.kind) {
    case 'pilot':
      return chooseWarmup(job.model, job.settings);
    case 'replication': {
      const result = runReplication(job.model, job.settings, job.replication);
      return { ...result, kpis: replicationKpi(job.model, job.settings, result) };
    }
    case 'combine':
      return combineReplications(job.model, job.settings, job.results, job.scenario, job.warmup);
  }
}
