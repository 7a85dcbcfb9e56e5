import type { Model } from '../protocol/model.ts';
import { runReplication, type ReplicationResult, type RunSettings } from '../experiments/runner.ts';
import { chooseWarmup, type WarmupChoice } from '../experiments/warmup.ts';
import { compiledFor } from '../experiments/compiled-cache.ts';

export interface ReplicationJob {
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

/** Entry point of a batch-run pool thread: one replication (or the warm-up pilot) per call. */
export default function runOne(job: ReplicationJob | PilotJob): ReplicationResult | WarmupChoice {
  // The model is compiled once per thread and reused by its later replications.
  if ('kind' in job) return chooseWarmup(compiledFor(job.model), job.settings);
  return runReplication(compiledFor(job.model), job.settings, job.replication);
}
