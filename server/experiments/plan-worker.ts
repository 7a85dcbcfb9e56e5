import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from '../protocol/errors.ts';
import { planExperiment } from './experiment-files.ts';
import { planOptimizationData } from './optimize-plan.ts';
import type { PlanReply, PlanRequest } from './plan-off-thread.ts';

/** A one-shot thread that plans one experiment or optimisation (models built and checked, KPIs known) and posts the plan back. */
const { kind, input, baseDir, what } = workerData as PlanRequest;
let reply: PlanReply;
try {
  reply = kind === 'experiment' ? { ok: true, kind, plan: planExperiment(input, baseDir, what).plan } : { ok: true, kind, plan: planOptimizationData(input, baseDir, what) };
} catch (err) {
  reply = err instanceof ValidationError ? { ok: false, what: err.what, problems: err.problems } : { ok: false, message: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(reply);
