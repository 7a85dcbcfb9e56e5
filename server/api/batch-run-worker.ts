import type { Model } from '../protocol/model.ts';
import { runReplication, type ReplicationResult, type RunSettings } from '../experiments/runner.ts';

export interface ReplicationJob {
  model: Model;
  settings: Omit<RunSettings, 'replications'>;
  replication: number;
}

/** Entry point of a batch-run pool thread: one replication per call. */
export default function runOne(job: ReplicationJob): ReplicationResult {
  return runReplication(job.model, job.settings, job.replication);
}
