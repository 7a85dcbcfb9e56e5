import type { Logger } from 'pino';
import { startWorker, workerEntry, workerFailureMessage } from '../files/worker-entry.ts';
import { DebriefSchema, type Debrief } from '../protocol/training-messages.ts';
import type { DebriefStatus } from '../protocol/training-exercises.ts';
import type { HistoryStore } from '../store/history-store.ts';
import type { StoredDebriefJob } from './debrief-worker.ts';
import { finishedExercise, type FinishedExercise } from './exercise-list.ts';

const DEBRIEF_WORKER = workerEntry(import.meta.url, 'debrief-worker');
/** A debrief that takes longer than this is abandoned (its worker terminated): three runs of a 3-day script take ~10 s. */
const DEFAULT_TIMEOUT_MS = 120_000;
/** The result field of a stored run that holds its debrief. */
const FIELD = 'debrief';

export type DebriefLookup =
  | { status: 'missing' }
  | { status: 'ready'; exercise: FinishedExercise; debrief: Debrief }
  | { status: 'queued' | 'computing'; exercise: FinishedExercise }
  | { status: 'failed'; exercise: FinishedExercise; error: string };

export interface ExerciseDebriefsOptions {
  history: HistoryStore | null;
  logger?: Logger;
  timeoutMs?: number;
}

/**
 * Debriefs of finished exercises: the session replayed from its log against the
 * no-action and reference-action runs of the same script and seed, computed in a
 * worker thread, one at a time (each is three or more simulations on a small
 * machine), and stored with the run in the history, so the debrief page opens at
 * once and survives a restart. The exercise lifecycle calls `compute(runId)` when an
 * exercise ends; a run that has no debrief yet (ended before this existed, or the
 * server stopped while computing) gets one on its first request.
 */
export class ExerciseDebriefs {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<string, { status: 'queued' | 'computing'; done: Promise<Debrief> }>();
  /** Failures since this process started (a restart tries again). */
  private readonly failed = new Map<string, string>();

  constructor(private readonly opts: ExerciseDebriefsOptions) {}

  /** The stored debrief of a finished exercise, or null (none yet, or malformed). */
  stored(exercise: FinishedExercise): Debrief | null {
    const raw = (exercise.run.result as Record<string, unknown> | null)?.[FIELD];
    if (raw === undefined) return null;
    const parsed = DebriefSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  /** Where the debrief of a finished exercise is, without starting anything. */
  statusOf(exercise: FinishedExercise): DebriefStatus {
    if (this.stored(exercise) !== null) return 'ready';
    return this.pending.get(exercise.run.id)?.status ?? (this.failed.has(exercise.run.id) ? 'failed' : 'none');
  }

  /** The debrief of `runId` if stored; else starts computing it (once) and says how far it is. */
  lookup(runId: string): DebriefLookup {
    const exercise = finishedExercise(this.opts.history, runId);
    if (exercise === null) return { status: 'missing' };
    const debrief = this.stored(exercise);
    if (debrief !== null) return { status: 'ready', exercise, debrief };
    const error = this.failed.get(runId);
    if (error !== undefined) return { status: 'failed', exercise, error };
    if (!this.pending.has(runId)) void this.compute(runId).catch(() => undefined);
    return { status: this.pending.get(runId)?.status ?? 'queued', exercise };
  }

  /**
   * Computes and stores the debrief of the finished exercise `runId` (the exercise
   * lifecycle calls this when an exercise ends). Repeated calls share one computation;
   * a stored debrief is returned at once. Rejects when the run is not a finished
   * exercise or the worker fails or times out.
   */
  compute(runId: string): Promise<Debrief> {
    const running = this.pending.get(runId);
    if (running !== undefined) return running.done;
    const exercise = finishedExercise(this.opts.history, runId);
    if (exercise === null) return Promise.reject(new Error(`runId: no finished training exercise "${runId}"`));
    const stored = this.stored(exercise);
    if (stored !== null) return Promise.resolve(stored);
    this.failed.delete(runId);
    const entry = { status: 'queued' as 'queued' | 'computing', done: Promise.resolve(null as unknown as Debrief) };
    entry.done = this.queue.then(() => {
      entry.status = 'computing';
      return this.runWorker(exercise);
    });
    this.pending.set(runId, entry);
    this.queue = entry.done.catch(() => undefined);
    entry.done.then(
      (debrief) => {
        this.opts.history?.setResultField(runId, FIELD, debrief);
        this.pending.delete(runId);
        this.opts.logger?.info({ run: runId }, 'exercise debrief stored');
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        this.failed.set(runId, message);
        this.pending.delete(runId);
        this.opts.logger?.error({ run: runId, err: message }, 'exercise debrief failed');
      },
    );
    return entry.done;
  }

  /** Runs the debrief worker on one exercise; rejects on an error, a crash or the timeout. */
  private runWorker({ stored }: FinishedExercise): Promise<Debrief> {
    const job: StoredDebriefJob = { scriptId: stored.scriptId, seed: stored.seed, log: stored.log, untilS: stored.simTimeS, teams: [...stored.teams] };
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<Debrief>((resolve, reject) => {
      const worker = startWorker(DEBRIEF_WORKER, { workerData: job });
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        fn();
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`the debrief took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`))), timeoutMs);
      worker.once('message', (m: { ok: true; result: Debrief } | { ok: false; message: string }) => finish(() => (m.ok ? resolve(m.result) : reject(new Error(m.message)))));
      worker.once('error', (err) => finish(() => reject(new Error(workerFailureMessage(err)))));
      worker.once('exit', () => finish(() => reject(new Error('the debrief worker stopped'))));
    });
  }
}
