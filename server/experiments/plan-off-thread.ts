import { ValidationError } from '../protocol/errors.ts';
import { CodedError, failure } from '../protocol/failures.ts';
import { failureOf } from './failure-of.ts';
import { startWorker, workerEntry, workerFailureMessage } from '../files/worker-entry.ts';
import type { ExperimentPlan } from './plan.ts';
import { withModelAt, type OptimizePlan, type OptimizePlanData } from './optimize-plan.ts';

export interface PlanRequest {
  kind: 'experiment' | 'optimization';
  input: unknown;
  baseDir: string;
  what: string;
}

export type PlanReply = { ok: true; kind: 'experiment'; plan: ExperimentPlan } | { ok: true; kind: 'optimization'; plan: OptimizePlanData } | { ok: false; what: string; problems: string[] } | { ok: false; message: string };

const PLAN_WORKER = workerEntry(import.meta.url, 'plan-worker');
/** Planning builds every alternative's plant once; more than this and something is wrong. */
const PLAN_TIMEOUT_MS = 120_000;

/**
 * Plans an experiment in a worker thread of its own (with the workers' memory limit), so that
 * validating an inline model of thousands of nodes and building up to MAX_ALTERNATIVES plants
 * never holds the thread that serves HTTP and the live sessions. A refusal comes back as the
 * same ValidationError, naming the fields, as planning on this thread would throw.
 */
export function planOffThread(request: PlanRequest & { kind: 'experiment' }): Promise<ExperimentPlan>;
export function planOffThread(request: PlanRequest & { kind: 'optimization' }): Promise<OptimizePlan>;
export function planOffThread(request: PlanRequest): Promise<ExperimentPlan | OptimizePlan> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(PLAN_WORKER, { workerData: request });
    const timer = setTimeout(() => {
      reject(new CodedError(`planning took longer than ${PLAN_TIMEOUT_MS / 1000} s and was stopped`, failure('planning-timed-out', { seconds: PLAN_TIMEOUT_MS / 1000 })));
      void worker.terminate();
    }, PLAN_TIMEOUT_MS);
    const finish = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (reply: PlanReply) => {
      finish();
      if (reply.ok) resolve(reply.kind === 'experiment' ? reply.plan : withModelAt(reply.plan));
      else if ('problems' in reply) reject(new ValidationError(reply.what, reply.problems));
      else reject(new Error(reply.message));
    });
    worker.once('error', (err) => {
      finish();
      reject(new CodedError(workerFailureMessage(err), failureOf(err) ?? failure('worker-crashed')));
    });
    worker.once('exit', (code) => {
      finish();
      reject(new CodedError(`the planning thread stopped (exit code ${code})`, failure('worker-crashed', { exitCode: code })));
    });
  });
}
