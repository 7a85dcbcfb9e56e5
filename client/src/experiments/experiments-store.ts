import { create } from 'zustand';
import type { ExperimentInput } from '../../../server/protocol/experiment.ts';
import {
  EXPERIMENT_PROGRESS_EVENT,
  ExperimentProgressMessageSchema,
  WATCH_EXPERIMENT_EVENT,
  type ExperimentProgressMessage,
  type WatchExperimentReply,
} from '../../../server/protocol/experiment-progress.ts';
import { ApiError, getJson, postJson } from '../net/api.ts';
import { liveSocket } from '../net/connection.ts';
import { experimentHash, showRoute } from '../capacity/run-link.ts';
import type { ExperimentDraft } from './experiment-doc.ts';
import type { ExperimentOutcome } from './experiment-result.ts';

export interface ExperimentsState {
  draft: ExperimentDraft | null;
  id: string | null;
  progress: ExperimentProgressMessage | null;
  result: ExperimentOutcome | null;
  error: { message: string; problems?: string[] } | null;
  setDraft(draft: ExperimentDraft): void;
  submit(doc: ExperimentInput): Promise<void>;
  /** Shows a stored or running experiment by id (a link, or after submitting). */
  open(id: string): Promise<void>;
}

let listening = false;

/** Progress arrives on the live socket; validated at the edge like every server message. */
function listen(): void {
  const socket = liveSocket();
  if (!socket || listening) return;
  listening = true;
  socket.on(EXPERIMENT_PROGRESS_EVENT, (raw: unknown) => {
    const parsed = ExperimentProgressMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const s = useExperiments.getState();
    if (parsed.data.id !== s.id) return;
    useExperiments.setState({ progress: parsed.data });
    if (parsed.data.status !== 'running') void fetchResult(parsed.data.id);
  });
  // After a reconnect the room is gone: follow the current experiment again.
  socket.on('connect', () => {
    const { id, progress } = useExperiments.getState();
    if (id && progress?.status === 'running') void watch(id);
  });
}

async function watch(id: string): Promise<void> {
  listen();
  const socket = liveSocket();
  if (!socket) return;
  const reply = (await socket.timeout(10_000).emitWithAck(WATCH_EXPERIMENT_EVENT, { id }).catch(() => null)) as WatchExperimentReply | null;
  if (reply?.ok && useExperiments.getState().id === id) {
    useExperiments.setState({ progress: reply.progress });
    if (reply.progress.status !== 'running') void fetchResult(id);
  }
}

async function fetchResult(id: string): Promise<void> {
  try {
    const run = await getJson<{ status: string; result?: ExperimentOutcome | null; error?: string | null }>(`/api/experiments/${encodeURIComponent(id)}`).catch(async (err: ApiError) => {
      // Gone from the server's memory (a restart): the run history keeps it.
      if (err.status !== 404) throw err;
      return getJson<{ status: string; result?: ExperimentOutcome | null; error?: string | null }>(`/api/runs/${encodeURIComponent(id)}`);
    });
    if (useExperiments.getState().id !== id) return;
    useExperiments.setState({ result: run.result ?? null, error: run.error ? { message: run.error } : null });
  } catch (err) {
    useExperiments.setState({ error: { message: (err as Error).message } });
  }
}

export const useExperiments = create<ExperimentsState>()((set, get) => ({
  draft: null,
  id: null,
  progress: null,
  result: null,
  error: null,
  setDraft: (draft) => set({ draft }),
  async submit(doc) {
    set({ error: null, result: null, progress: null });
    try {
      const reply = await postJson<{ id: string; status: ExperimentProgressMessage['status']; progress: { done: number; total: number; phase: ExperimentProgressMessage['phase'] } }>('/api/experiments', doc);
      set({ id: reply.id, progress: { id: reply.id, name: doc.name, status: reply.status, ...reply.progress, error: null } });
      showRoute(experimentHash(reply.id));
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
