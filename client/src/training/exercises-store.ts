import { create } from 'zustand';
import { DebriefPendingSchema, ExerciseDebriefSchema, ExerciseListSchema, type DebriefStatus, type ExerciseDebrief, type ExerciseSummary } from '../../../server/protocol/training-exercises.ts';
import { errorFromBody } from '../net/api.ts';
import { parsed } from '../net/edge.ts';

/** How often the page asks again while the server computes a debrief (a few seconds of work in a worker). */
const POLL_MS = 1000;

export interface ExercisesUi {
  /** The exercise whose debrief is shown, or null for the list. */
  debriefOf: string | null;
  list: ExerciseSummary[] | null;
  debrief: ExerciseDebrief | null;
  /** While the server computes the debrief: queued or computing. */
  pending: DebriefStatus | null;
  error: string | null;
  show(debriefOf: string | null): void;
  loadList(): Promise<void>;
}

let generation = 0;

/** Finished training exercises and the debrief being looked at; the route (#/training/…) says which. */
export const useExercises = create<ExercisesUi>((set, get) => ({
  debriefOf: null,
  list: null,
  debrief: null,
  pending: null,
  error: null,
  show: (debriefOf) => {
    const mine = ++generation;
    set({ debriefOf, error: null, ...(debriefOf === get().debrief?.runId ? {} : { debrief: null, pending: null }) });
    if (debriefOf === null) void get().loadList();
    else if (get().debrief?.runId !== debriefOf) void pollDebrief(debriefOf, mine);
  },
  loadList: async () => {
    try {
      const res = await fetch('/api/training/exercises');
      const text = await res.text();
      if (!res.ok) throw errorFromBody(res.status, text);
      const list = parsed(ExerciseListSchema, JSON.parse(text));
      set(list === null ? { error: 'The server sent a malformed list of exercises.' } : { list });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
}));

/** Asks for the debrief until it is ready (202 → 200); stops when another page or exercise is shown. */
async function pollDebrief(runId: string, mine: number): Promise<void> {
  while (mine === generation) {
    try {
      const res = await fetch(`/api/training/exercises/${encodeURIComponent(runId)}/debrief`);
      const text = await res.text();
      if (mine !== generation) return;
      if (!res.ok) throw errorFromBody(res.status, text);
      const body: unknown = JSON.parse(text);
      if (res.status === 200) {
        const debrief = parsed(ExerciseDebriefSchema, body);
        useExercises.setState(debrief === null ? { error: 'The server sent a malformed debrief.', pending: null } : { debrief, pending: null });
        return;
      }
      useExercises.setState({ pending: parsed(DebriefPendingSchema, body)?.status ?? 'computing' });
    } catch (err) {
      if (mine === generation) useExercises.setState({ error: (err as Error).message, pending: null });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
