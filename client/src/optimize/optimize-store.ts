import { create } from 'zustand';
import type { NodeLabel } from '../../../server/protocol/node-labels.ts';
import { OPTIMIZATION_PROGRESS_EVENT, OptimizationProgressMessageSchema, WATCH_OPTIMIZATION_EVENT, type OptimizationProgressMessage } from '../../../server/protocol/optimization-progress.ts';
import { jobFollower, type JobError, type JobStore } from '../net/followed-job.ts';
import { optimizeHash } from '../capacity/run-link.ts';
import type { OptimizeDraft } from './optimize-doc.ts';

/** A KPI's mean and 95 % CI half-width over a candidate's replications. */
export interface Estimate {
  mean: number;
  ci95: number | null;
}

/** The parts of GET /api/optimizations/:id's result the page shows (server/experiments/optimize.ts). */
export interface OptimizeOutcome {
  name: string;
  question?: string;
  model: string;
  /** The currency of the money KPIs (the model's product.currency); absent in results stored before it was recorded. */
  currency?: string;
  /** Sink labels by id, naming `sinks.<id>.*` KPIs; absent in results stored before they were recorded (the id is shown). */
  sinkLabels?: Record<string, NodeLabel>;
  /** What was minimised or maximised: a KPI path, or a weighted sum of the variables. */
  objective?: { sense: 'minimize' | 'maximize'; kpi?: string };
  method: 'exhaustive' | 'pattern search';
  gridSize: number;
  evaluated: number;
  /** The candidates' runs; the warm-up pilots apart (`pilotRuns`, absent in results stored before, whose `runs` counted them). */
  runs: number;
  pilotRuns?: number;
  best: { values: Record<string, number>; objective: number | null; replications: number; kpis: Record<string, Estimate | null>; holds: boolean } | null;
  candidates: { id: number; values: Record<string, number>; replications: number; status: 'holds' | 'fails' | 'uncertain'; objective: number | null; kpis: Record<string, Estimate | null> }[];
  pareto: { axes: { output: string; cost: string }; points: { id: number; output: number; cost: number }[] } | null;
  engine: { events: number; wallSeconds: number };
  /** Reasons to distrust the result, in English, and the same coded (server/protocol/warnings.ts); read through warningsOf. */
  warnings?: unknown[];
  warningCodes?: unknown[];
  /** On a search stopped before it finished; read through optimizationPartial (experiments/partial-text.ts), which validates it. */
  partial?: unknown;
}

export interface OptimizeState {
  draft: OptimizeDraft | null;
  id: string | null;
  progress: OptimizationProgressMessage | null;
  result: OptimizeOutcome | null;
  error: JobError | null;
  setDraft(draft: OptimizeDraft): void;
  submit(doc: Record<string, unknown>): Promise<void>;
  /** Shows a stored or running optimisation by id (a link, or after submitting). */
  open(id: string): Promise<void>;
  /** Cancels the optimisation shown (queued or running). */
  cancel(): Promise<void>;
}

const follow = jobFollower<OptimizationProgressMessage, OptimizeOutcome>((): JobStore<OptimizationProgressMessage, OptimizeOutcome> => useOptimize, {
  apiPath: '/api/optimizations',
  progressEvent: OPTIMIZATION_PROGRESS_EVENT,
  watchEvent: WATCH_OPTIMIZATION_EVENT,
  progressSchema: OptimizationProgressMessageSchema,
  hash: optimizeHash,
});

type StartReply = { id: string; status: OptimizationProgressMessage['status']; progress: Omit<OptimizationProgressMessage, 'id' | 'name' | 'status' | 'error'> };

export const useOptimize = create<OptimizeState>()((set) => ({
  draft: null,
  id: null,
  progress: null,
  result: null,
  error: null,
  setDraft: (draft) => set({ draft }),
  submit: (doc) => follow.submit<StartReply>(doc, (reply) => ({ id: reply.id, name: String(doc.name ?? ''), status: reply.status, ...reply.progress, error: null })),
  open: (id) => follow.open(id),
  cancel: () => follow.cancel(),
}));
