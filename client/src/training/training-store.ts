import { create } from 'zustand';
import type { Reply } from '../../../server/protocol/messages.ts';
import type { PromptText, TrainingCommand } from '../../../server/protocol/training.ts';
import { TrainingNoticeSchema, TrainingStateSchema, type Debrief, type TrainingNotice, type TrainingState } from '../../../server/protocol/training-messages.ts';
import { parsed, replyOf, type Schema } from '../net/edge.ts';
import { connectLive } from '../net/connection.ts';
import { useUi } from '../state/ui-store.ts';
import { refusalText } from './refusal-text.ts';

const TIMEOUT_MS = 60_000; // a debrief runs three simulations in the session's worker

/** Where the debrief of a finished exercise opens (the debrief page reads the run id from it). */
export const debriefHash = (runId: string) => `#/training/debrief/${runId}`;

/**
 * Sends a training command on the `train` channel. A refusal goes to the error toasts,
 * in the user's language when the server gave its reason as a code.
 */
export async function train<R = unknown>(cmd: TrainingCommand, quiet = false, result?: Schema<R>): Promise<R | null> {
  const socket = connectLive();
  let reply: Reply<R>;
  try {
    reply = replyOf(await socket.timeout(TIMEOUT_MS).emitWithAck('train', cmd), cmd.type, result);
  } catch {
    reply = { ok: false, error: { code: 'unavailable', message: `No reply from the server to "${cmd.type}"` } };
  }
  if (reply.ok) return reply.result;
  if (!quiet) {
    const { locale, model, pushError } = useUi.getState();
    if (reply.error.refusal) pushError(refusalText(reply.error.refusal, locale, model));
    else pushError(reply.error.message, reply.error.problems);
  }
  return null;
}

export interface TrainingUi {
  state: TrainingState | null;
  prompts: PromptText[];
  debrief: Debrief | null;
  /** The run id of the exercise this tab was in when it ended (its debrief and replay are offered). */
  endedRunId: string | null;
  setState(state: TrainingState | null): void;
  notice(n: TrainingNotice): void;
  dismissPrompt(): void;
  setDebrief(d: Debrief | null): void;
  clearEnded(): void;
}

export const useTraining = create<TrainingUi>((set, get) => ({
  state: null,
  prompts: [],
  debrief: null,
  endedRunId: null,
  setState: (state) => set({ state }),
  notice: (n) => {
    const s = get().state;
    switch (n.type) {
      case 'event':
        if (n.event.prompt) set({ prompts: [...get().prompts, n.event.prompt] });
        if (s) set({ state: { ...s, fired: [...s.fired, n.event] } });
        return;
      case 'action':
        if (s) set({ state: { ...s, log: [...s.log, n.entry] } });
        return;
      case 'you':
        if (s) set({ state: { ...s, you: n.you, trainees: s.trainees.map((t) => (t.clientId === n.you.clientId ? { ...t, granted: n.you.granted, team: n.you.team } : t)) } });
        return;
      case 'roster':
        if (s) set({ state: { ...s, trainees: n.trainees, teams: n.teams } });
        return;
      case 'phase':
        if (s) set({ state: { ...s, phase: n.phase } });
        return;
      case 'clock':
        if (s) set({ state: { ...s, clock: n.clock } });
        return;
      case 'plan':
        if (s) set({ state: { ...s, plan: n.plan } });
        return;
      case 'ended':
        set({ endedRunId: n.runId, state: null, prompts: [], debrief: null });
        window.location.hash = debriefHash(n.runId);
        return;
      case 'state':
        set({ state: n.state });
        return;
    }
  },
  dismissPrompt: () => set({ prompts: get().prompts.slice(1) }),
  setDebrief: (debrief) => set({ debrief }),
  clearEnded: () => set({ endedRunId: null, debrief: null }),
}));

let listening = false;

/** Subscribes to training notices once; the session's training state is fetched on each new session. */
export function listenTraining(): void {
  if (listening) return;
  listening = true;
  connectLive().on('training', (message: unknown) => {
    const notice = parsed(TrainingNoticeSchema, message);
    if (notice === null) useUi.getState().pushError('The server sent a malformed training notice; it was ignored.');
    else useTraining.getState().notice(notice);
  });
}

export async function refreshTraining(): Promise<void> {
  const state = await train({ type: 'trainingState' }, true, TrainingStateSchema);
  useTraining.getState().setState(state);
}
