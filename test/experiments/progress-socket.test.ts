import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachExperimentProgress } from '../../server/api/experiments-socket.ts';
import { InlineExecutor, type Executor } from '../../server/experiments/executors.ts';
import { ExperimentManager, type ExperimentRun } from '../../server/experiments/manager.ts';
import {
  EXPERIMENT_PROGRESS_EVENT,
  ExperimentProgressMessageSchema,
  WATCH_EXPERIMENT_EVENT,
  type ExperimentProgressMessage,
  type WatchExperimentReply,
} from '../../server/protocol/experiment-progress.ts';
import { mm1Model } from './mm1.ts';

/** Experiment progress reaches the sockets that follow the experiment, and only those. */
describe('experiment progress over the socket', () => {
  // Replications wait for the gate, so the watcher surely follows the run before any progress.
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const inline = new InlineExecutor();
  const executor: Executor = { description: 'gated', run: async (tasks, onOutcome) => (await gate, inline.run(tasks, onOutcome)), close: async () => {} };
  const manager = new ExperimentManager({ executor, progressIntervalMs: 0 });
  const http = createServer();
  const io = new SocketServer(http);
  let url = '';
  beforeAll(async () => {
    attachExperimentProgress(io, manager);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });

  it('pushes validated progress to a watcher up to the finished state', async () => {
    const watcher = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const bystander = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await Promise.all([watcher, bystander].map((s) => new Promise<void>((resolve) => s.once('connect', () => resolve()))));
    const seen: ExperimentProgressMessage[] = [];
    let strays = 0;
    watcher.on(EXPERIMENT_PROGRESS_EVENT, (m: unknown) => seen.push(ExperimentProgressMessageSchema.parse(m)));
    bystander.on(EXPERIMENT_PROGRESS_EVENT, () => strays++);

    // Refusals name the reason.
    const bad = (await watcher.emitWithAck(WATCH_EXPERIMENT_EVENT, { id: '../x' })) as WatchExperimentReply;
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^watchExperiment\.id: must be an experiment id/) });
    const unknown = (await watcher.emitWithAck(WATCH_EXPERIMENT_EVENT, { id: 'nope' })) as WatchExperimentReply;
    expect(unknown).toEqual({ ok: false, error: 'no experiment "nope"' });

    const finished = new Promise<ExperimentRun>((resolve) => manager.once('finished', resolve));
    const { run } = manager.start({ name: 'sock', model: mm1Model(), horizon: 2000, warmup: 200, replications: 3, warmupReport: false, scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.8 } } } }] });
    const reply = (await watcher.emitWithAck(WATCH_EXPERIMENT_EVENT, { id: run.id })) as WatchExperimentReply;
    expect(reply).toMatchObject({ ok: true, progress: { id: run.id, status: 'running', done: 0 } });
    openGate();
    await finished;
    // The last message is in flight: wait for it (state, not a fixed sleep).
    for (let i = 0; i < 200 && seen.at(-1)?.status !== 'finished'; i++) await new Promise<void>((resolve) => setTimeout(() => resolve(), 25));
    // 2 alternatives × 3 replications = 6 tasks; the last message says so and "finished".
    expect(seen.at(-1)).toMatchObject({ id: run.id, status: 'finished', done: 6, total: 6 });
    expect(strays).toBe(0);
    watcher.close();
    bystander.close();
  });
});
