import { create } from 'zustand';
import type { Reply } from '../../../server/protocol/messages.ts';
import type { PromptText, TrainingCommand } from '../../../server/protocol/training.ts';
import { TrainingNoticeSchema, TrainingStateSchema, type Debrief, type TrainingNotice, type TrainingState } from '../../../server/protocol/training-messages.ts';
import { parsed, replyOf, type Schema } from '../net/edge.ts';
import { connectLive } from '../net/connection.ts';
import { useUi } from '../state/ui-store.ts';

const TIMEOUT_MS = 60_000; // a debrief runs three simulations in the session's worker

/** Sends a training command on the `train` channel; refusals go to the error toasts. */
export async function train<R = unknown>(cmd: TrainingCommand, quiet = false, result?: Schema<R>): Promise<R | null> {
  const socket = connectLive();
  let reply: Reply<R>;
  try {
    reply = replyOf(await socket.timeout(TIMEOUT_MS).emitWithAck('train', cmd), cmd.type, result);
  } catch {
    reply = { ok: false, error: { code: 'unavailable', message: `No reply from the server to "${cmd.type}"` } };
  }
  if (reply.ok) return reply.result;
  if (!quiet) useUi.getState().pushError(reply.error.message, reply.error.problems);
  return null;
}

export interface TrainingUi {
  state: TrainingState | null;
  prompts: PromptText[];
  debrief: Debrief | null;
  setState(state: TrainingState | null): void;
  notice(n: TrainingNotice): void;
  dismissPrompt(): void;
  setDebrief(d: Debrief | null): void;
}

export const useTraining = create<TrainingUi>((set, get) => ({
  state: null,
  prompts: [],
  debrief: null,
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
      case 'grant':
        if (s) set({ state: { ...s, trainees: s.trainees.map((t) => (t.clientId === n.clientId ? { ...t, granted: n.granted, team: n.team } : t)) } });
        return;
      case 'state':
        set({ state: n.state });
        return;
    }
  },
  dismissPrompt: () => set({ prompts: get().prompts.slice(1) }),
  setDebrief: (debrief) => set({ debrief }),
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
