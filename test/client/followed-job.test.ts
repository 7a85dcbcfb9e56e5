import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { jobFollower, jobIsLive, type JobState } from '../../client/src/net/followed-job.ts';
import { ExperimentProgressMessageSchema, type ExperimentProgressMessage } from '../../server/protocol/experiment-progress.ts';

/** A page's store as the experiments page keeps it, showing experiment `id` while it runs with 7 of 40 done. */
function pageShowing(id: string) {
  const store = create<JobState<ExperimentProgressMessage, unknown>>()(() => ({
    id,
    progress: { id, name: 'long', status: 'running', done: 7, total: 40, phase: 'replications', error: null },
    result: null,
    error: null,
  }));
  const follow = jobFollower(() => store, { apiPath: '/api/experiments', progressEvent: 'p', watchEvent: 'w', progressSchema: ExperimentProgressMessageSchema, hash: (i) => `#/experiments/${i}` });
  return { store, follow };
}

/** fetch answering each request from `answers` by method, recording what was asked. */
function serverAnswering(answers: Record<string, { status: number; body: unknown }>) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: { method?: string }) => {
    const method = init?.method ?? 'GET';
    asked.push(`${method} ${url}`);
    const a = answers[method];
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
  });
  return asked;
}

afterEach(() => vi.unstubAllGlobals());

describe('cancelling a followed job', () => {
  it('live means queued or running: only those get a Cancel button', () => {
    expect(['queued', 'running', 'finished', 'failed', 'cancelled', 'timed-out'].filter(jobIsLive)).toEqual(['queued', 'running']);
  });

  it('DELETEs the job shown, shows the recorded status at once and keeps the count that finished', async () => {
    const id = randomUUID();
    const { store, follow } = pageShowing(id);
    const asked = serverAnswering({
      DELETE: { status: 200, body: { id, status: 'cancelled', error: 'cancelled while running' } },
      GET: { status: 200, body: { id, status: 'cancelled', error: 'cancelled while running', result: null } },
    });
    await follow.cancel();
    expect(asked[0]).toBe(`DELETE /api/experiments/${id}`);
    expect(store.getState().progress).toMatchObject({ status: 'cancelled', done: 7, total: 40, error: 'cancelled while running' });
    // Asked for, so not an error to alert about.
    expect(store.getState().error).toBeNull();
  });

  it("shows the server's refusal instead of swallowing it, and leaves the run as it was", async () => {
    const id = randomUUID();
    const { store, follow } = pageShowing(id);
    serverAnswering({ DELETE: { status: 401, body: { error: { status: 401, message: 'DELETE /api/experiments/x: needs the planner role; log in' } } } });
    await follow.cancel();
    expect(store.getState().error?.message).toBe('DELETE /api/experiments/x: needs the planner role; log in');
    expect(store.getState().progress?.status).toBe('running');
  });
});
