import { create } from 'zustand';
import {
  OPTIMIZATION_PROGRESS_EVENT,
  OptimizationProgressMessageSchema,
  WATCH_OPTIMIZATION_EVENT,
  type OptimizationProgressMessage,
  type WatchOptimizationReply,
} from '../../../server/protocol/optimization-progress.ts';
import { ApiError, getJson, postJson } from '../net/api.ts';
import { liveSocket } from '../net/connection.ts';
import { optimizeHash, showRoute } from '../capacity/run-link.ts';
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
  method: 'exhaustive' | 'pattern search';
  gridSize: number;
  evaluated: number;
  runs: number;
  best: { values: Record<string, number>; objective: number | null; replications: number; kpis: Record<string, Estimate | null>; holds: boolean } | null;
  candidates: { id: number; values: Record<string, number>; replications: number; status: 'holds' | 'fails' | 'uncertain'; objective: number | null; kpis: Record<string, Estimate | null> }[];
  pareto: { axes: { output: string; cost: string }; points: { id: number; output: number; cost: number }[] } | null;
  engine: { events: number; wallSeconds: number };
}

export interface OptimizeState {
  draft: OptimizeDraft | null;
  id: string | null;
  progress: OptimizationProgressMessage | null;
  result: OptimizeOutcome | null;
  error: { message: string; problems?: string[] } | null;
  setDraft(draft: OptimizeDraft): void;
  submit(doc: Record<string, unknown>): Promise<void>;
  /** Shows a stored or running optimisation by id (a link, or after submitting). */
  open(id: string): Promise<void>;
}

let listening = false;

/** Progress arrives on the live socket; validated at the edge like every server message. */
function listen(): void {
  const socket = liveSocket();
  if (!socket || listening) return;
  listening = true;
  socket.on(OPTIMIZATION_PROGRESS_EVENT, (raw: unknown) => {
    const parsed = OptimizationProgressMessageSchema.safeParse(raw);
    if (!parsed.success || parsed.data.id !== useOptimize.getState().id) return;
    useOptimize.setState({ progress: parsed.data });
    if (parsed.data.status !== 'running') void fetchResult(parsed.data.id);
  });
  // After a reconnect the room is gone: follow the current optimisation again.
  socket.on('connect', () => {
    const { id, progress } = useOptimize.getState();
    if (id && progress?.status === 'running') void watch(id);
  });
}

async function watch(id: string): Promise<void> {
  listen();
  const socket = liveSocket();
  if (!socket) return;
  const reply = (await socket.timeout(10_000).emitWithAck(WATCH_OPTIMIZATION_EVENT, { id }).catch(() => null)) as WatchOptimizationReply | null;
  if (reply?.ok && useOptimize.getState().id === id) {
    useOptimize.setState({ progress: reply.progress });
    if (reply.progress.status !== 'running') void fetchResult(id);
  }
}

type RunBody = { status: string; result?: OptimizeOutcome | null; error?: string | null };

async function fetchResult(id: string): Promise<void> {
  try {
    const run = await getJson<RunBody>(`/api/optimizations/${encodeURIComponent(id)}`).catch(async (err: ApiError) => {
      // Gone from the server's memory (a restart): the run history keeps it.
      if (err.status !== 404) throw err;
      return getJson<RunBody>(`/api/runs/${encodeURIComponent(id)}`);
    });
    if (useOptimize.getState().id !== id) return;
    useOptimize.setState({ result: run.result ?? null, error: run.error ? { message: run.error } : null });
  } catch (err) {
    useOptimize.setState({ error: { message: (err as Error).message } });
  }
}

export const useOptimize = create<OptimizeState>()((set, get) => ({
  draft: null,
  id: null,
  progress: null,
  result: null,
  error: null,
  setDraft: (draft) => set({ draft }),
  async submit(doc) {
    set({ error: null, result: null, progress: null });
    try {
      const reply = await postJson<{ id: string; status: OptimizationProgressMessage['status']; progress: Omit<OptimizationProgressMessage, 'id' | 'name' | 'status' | 'error'> }>('/api/optimizations', doc);
      set({ id: reply.id, progress: { id: reply.id, name: String(doc.name ?? ''), status: reply.status, ...reply.progress, error: null } });
      showRoute(optimizeHash(reply.id));
      await watch(reply.id);
    } catch (err) {
      const e = err as ApiError;
      set({ error: { message: e.message, problems: e.problems } });
    }
  },
  async open(id) {
    if (get().id === id && (get().result || get().progress?.status === 'running')) return;
    set({ id, result: null, error: null, progress: null });
    await watch(id);
    if (!get().progress) await fetchResult(id);
  },
}));
