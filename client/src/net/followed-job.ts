import type { z } from 'zod';
import { FailureSchema, type Failure } from '../../../server/protocol/failures.ts';
import { ApiError, deleteJson, getJson, postJson } from './api.ts';
import { liveSocket } from './connection.ts';
import { showRoute } from '../capacity/run-link.ts';

/** What a page following a long server job (an experiment, an optimisation) keeps in its store. */
export interface JobState<P, R> {
  id: string | null;
  progress: P | null;
  result: R | null;
  /** A refusal or failure: the server's message, its failure code when it gave one, the bad fields. */
  error: JobError | null;
}

export interface JobError {
  message: string;
  problems?: string[];
  failure?: Failure;
}

/** The store as the follower needs it (a zustand store whose state extends JobState). */
export interface JobStore<P, R> {
  getState(): JobState<P, R>;
  setState(partial: Partial<JobState<P, R>>): void;
}

export interface JobChannel<P> {
  /** REST collection: POST starts a job, GET /:id returns it while the server holds it. */
  apiPath: string;
  progressEvent: string;
  watchEvent: string;
  progressSchema: z.ZodType<P>;
  /** The page's link for a job id. */
  hash(id: string): string;
}

type Progress = { id: string; status: string; error?: string | null; failure?: Failure | null };
type RunBody<R> = { status: string; result?: R | null; error?: string | null; failure?: unknown };

/**
 * What to say under a job's progress line: why it failed, unless the page's error box says it
 * already (a failed job's result, once fetched, puts the same failure there; one place, the box,
 * is where the page shows every refusal and failure). A cancel is no failure: the status says it.
 */
export function progressFailure(progress: Progress, error: JobError | null): { message: string; failure?: Failure | null } | null {
  if (!progress.error || progress.status === 'cancelled') return null;
  if (error && error.message === progress.error) return null;
  return { message: progress.error, failure: progress.failure };
}

/** A job the server has not ended yet: it may still be followed, and cancelled. */
export const jobIsLive = (status: string | undefined): boolean => status === 'queued' || status === 'running';

/**
 * Follows jobs the server runs for a page: starts one (POST), joins its progress
 * room on the live socket (validated at the edge like every server message),
 * rejoins after a reconnect, and fetches the result when it ends — from the run
 * history when the server no longer holds the job (a restart).
 */
export interface JobFollower<P> {
  /** Starts a job; `initial` turns the server's 202 reply into the first progress message. */
  submit<Reply extends { id: string }>(doc: unknown, initial: (reply: Reply) => P): Promise<void>;
  /** Shows a stored or running job by id (a link, or after submitting). */
  open(id: string): Promise<void>;
  /** Cancels the job shown (DELETE); the status the server recorded shows at once, a refusal as the page's error. */
  cancel(): Promise<void>;
}

export function jobFollower<P extends Progress, R>(store: () => JobStore<P, R>, ch: JobChannel<P>): JobFollower<P> {
  let listening = false;

  function listen(): void {
    const socket = liveSocket();
    if (!socket || listening) return;
    listening = true;
    socket.on(ch.progressEvent, (raw: unknown) => {
      const parsed = ch.progressSchema.safeParse(raw);
      if (!parsed.success || parsed.data.id !== store().getState().id) return;
      store().setState({ progress: parsed.data });
      if (!jobIsLive(parsed.data.status)) void fetchResult(parsed.data.id);
    });
    // After a reconnect the room is gone: follow the current job again.
    socket.on('connect', () => {
      const { id, progress } = store().getState();
      if (id && jobIsLive(progress?.status)) void watch(id);
    });
  }

  async function watch(id: string): Promise<void> {
    listen();
    const socket = liveSocket();
    if (!socket) return;
    const reply = (await socket.timeout(10_000).emitWithAck(ch.watchEvent, { id }).catch(() => null)) as { ok: boolean; progress?: P } | null;
    if (reply?.ok && reply.progress && store().getState().id === id) {
      store().setState({ progress: reply.progress });
      if (!jobIsLive(reply.progress.status)) void fetchResult(id);
    }
  }

  async function fetchResult(id: string): Promise<void> {
    try {
      const run = await getJson<RunBody<R>>(`${ch.apiPath}/${encodeURIComponent(id)}`).catch(async (err: ApiError) => {
        if (err.status !== 404) throw err;
        return getJson<RunBody<R>>(`/api/runs/${encodeURIComponent(id)}`);
      });
      if (store().getState().id !== id) return;
      // A cancel is what the user asked for (the run history calls it "stopped"): the status line says so, it is no error to alert about.
      const cancelled = run.status === 'cancelled' || run.status === 'stopped';
      // A run read from the history (after a restart) has its code when it was stored with one; an older one only its message, shown as it came.
      const failure = FailureSchema.safeParse(run.failure);
      store().setState({ result: run.result ?? null, error: run.error && !cancelled ? { message: run.error, ...(failure.success ? { failure: failure.data } : {}) } : null });
    } catch (err) {
      store().setState({ error: { message: (err as Error).message, failure: (err as ApiError).failure } });
    }
  }

  return {
    async submit<Reply extends { id: string }>(doc: unknown, initial: (reply: Reply) => P): Promise<void> {
      store().setState({ error: null, result: null, progress: null });
      try {
        const reply = await postJson<Reply>(ch.apiPath, doc);
        store().setState({ id: reply.id, progress: initial(reply) });
        showRoute(ch.hash(reply.id));
        await watch(reply.id);
      } catch (err) {
        const e = err as ApiError;
        store().setState({ error: { message: e.message, problems: e.problems, failure: e.failure } });
      }
    },
    async open(id: string): Promise<void> {
      const s = store().getState();
      if (s.id === id && (s.result || jobIsLive(s.progress?.status))) return;
      store().setState({ id, result: null, error: null, progress: null });
      await watch(id);
      if (!store().getState().progress) await fetchResult(id);
    },
    async cancel(): Promise<void> {
      const id = store().getState().id;
      if (id === null) return;
      try {
        const reply = await deleteJson<{ status: string; error: string | null; failure?: Failure | null }>(`${ch.apiPath}/${encodeURIComponent(id)}`);
        const { id: shown, progress } = store().getState();
        // The server records the stop before it answers; what finished stays in the progress shown.
        const next = ch.progressSchema.safeParse({ ...progress, status: reply.status, error: reply.error, ...(reply.failure === undefined ? {} : { failure: reply.failure }) });
        if (shown === id && progress && next.success) store().setState({ progress: next.data });
        if (!jobIsLive(reply.status)) await fetchResult(id);
      } catch (err) {
        const e = err as ApiError;
        if (store().getState().id === id) store().setState({ error: { message: e.message, problems: e.problems, failure: e.failure } });
      }
    },
  };
}
