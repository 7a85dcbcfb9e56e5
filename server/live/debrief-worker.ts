import { parentPort, workerData } from 'node:worker_threads';
import type { TrainingLogEntry } from '../protocol/training-messages.ts';
import { debrief } from '../training/debrief.ts';
import { loadTrainingScript } from '../training/script-files.ts';
import { ModelCatalog } from './model-catalog.ts';
import { engineExecutor } from './training-engine.ts';

/**
 * One-shot worker: the debrief of a stored training run (three simulations),
 * computed off the socket thread. Input: workerData; output: one message.
 */
export interface StoredDebriefJob {
  scriptId: string;
  seed: number;
  log: TrainingLogEntry[];
  untilS: number;
  teams: [string, string | null][];
}

const job = workerData as StoredDebriefJob;
try {
  const catalog = new ModelCatalog();
  const { script, model } = loadTrainingScript(job.scriptId, (m, s) => catalog.load(m, s).model);
  const untilS = Math.min(Math.max(job.untilS, 1), script.horizonS);
  const result = debrief(model, { ...script, seed: job.seed }, job.seed, job.log, untilS, new Map(job.teams), engineExecutor());
  parentPort!.postMessage({ ok: true, result });
} catch (err) {
  parentPort!.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
