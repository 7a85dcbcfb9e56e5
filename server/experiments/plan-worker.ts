import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from '../protocol/errors.ts';
import { planExperiment } from './experiment-files.ts';
import type { PlanReply, PlanRequest } from './plan-off-thread.ts';

/** A one-shot thread that plans one experiment (models built, KPIs checked) and posts the plan back. */
const { input, baseDir, what } = workerData as PlanRequest;
let reply: PlanReply;
try {
  reply = { ok: true, plan: planExperiment(input, baseDir, what).plan };
} catch (err) {
  reply = err instanceof ValidationError ? { ok: false, what: err.what, problems: err.problems } : { ok: false, message: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(reply);
