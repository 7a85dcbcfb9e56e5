import { create } from 'zustand';
import type { ExperimentInput } from '../../../server/protocol/experiment.ts';
import { EXPERIMENT_PROGRESS_EVENT, ExperimentProgressMessageSchema, WATCH_EXPERIMENT_EVENT, type ExperimentProgressMessage } from '../../../server/protocol/experiment-progress.ts';
import { jobFollower, type JobError, type JobStore } from '../net/followed-job.ts';
import { experimentHash } from '../capacity/run-link.ts';
import type { ExperimentDraft } from './experiment-doc.ts';
import type { ExperimentOutcome } from './experiment-result.ts';

export interface ExperimentsState {
  draft: ExperimentDraft | null;
  id: string | null;
  progress: ExperimentProgressMessage | null;
  result: ExperimentOutcome | null;
  error: JobError | null;
  setDraft(draft: ExperimentDraft): void;
  submit(doc: ExperimentInput): Promise<void>;
  /** Shows a stored or running experiment by id (a link, or after submitting). */
  open(id: string): Promise<void>;
  /** Cancels the experiment shown (queued or running). */
  cancel(): Promise<void>;
}

const follow = jobFollower<ExperimentProgressMessage, ExperimentOutcome>((): JobStore<ExperimentProgressMessage, ExperimentOutcome> => useExperiments, {
  apiPath: '/api/experiments',
  progressEvent: EXPERIMENT_PROGRESS_EVENT,
  watchEvent: WATCH_EXPERIMENT_EVENT,
  progressSchema: ExperimentProgressMessageSchema,
  hash: experimentHash,
});

type StartReply = { id: string; status: ExperimentProgressMessage['status']; progress: { done: number; total: number; phase: ExperimentProgressMessage['phase'] } };

export const useExperiments = create<ExperimentsState>()((set) => ({
  draft: null,
  id: null,
  progress: null,
  result: null,
  error: null,
  setDraft: (draft) => set({ draft }),
  submit: (doc) => follow.submit<StartReply>(doc, (reply) => ({ id: reply.id, name: doc.name, status: reply.status, ...reply.progress, error: null })),
  open: (id) => follow.open(id),
  cancel: () => follow.cancel(),
}));
