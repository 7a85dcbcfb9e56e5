import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Server as SocketServer } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonErrors } from '../../server/api/http-errors.ts';
import { optimizationsRouter } from '../../server/api/optimizations.ts';
import { attachOptimizationProgress } from '../../server/api/optimizations-socket.ts';
import { InlineExecutor, type Executor } from '../../server/experiments/executors.ts';
import { OptimizationManager, type OptimizationRun } from '../../server/experiments/optimize-manager.ts';
import {
  OPTIMIZATION_PROGRESS_EVENT,
  OptimizationProgressMessageSchema,
  WATCH_OPTIMIZATION_EVENT,
  type OptimizationProgressMessage,
  type WatchOptimizationReply,
} from '../../server/protocol/optimization-progress.ts';
import { cheapestLineOptimization } from './two-station-line.ts';

/**
 * The hand-solved line of optimize.test.ts: cut (100 s/part/server → 36 parts/h per
 * server) → buffer → pack (60 s → 60 parts/h per server). For ≥ 150 parts/h at
 * 10 € per cut server + 7 € per pack server: cut ≥ 150/36 → 5, pack ≥ 150/60 → 3,
 * so the cheapest is cut 5, pack 3 at 71 €. Grid 1…6 × 1…6 = 36 candidates, searched
 * exhaustively; constant cycles give zero variance, so 2 replications each = 72 runs.
 */
const doc = cheapestLineOptimization;

describe('optimisations over HTTP with progress on the socket', () => {
  // Runs wait for the gate, so the watcher surely follows the optimisation before any progress.
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const inline = new InlineExecutor();
  const executor: Executor = { description: 'gated', run: async (tasks, onOutcome) => (await gate, inline.run(tasks, onOutcome)), close: async () => {} };
  const manager = new OptimizationManager({ executor, progressIntervalMs: 0 });
  const app = express();
  app.use(express.json());
  app.use('/api', optimizationsRouter(manager));
  app.use(jsonErrors());
  const http = createServer(app);
  const io = new SocketServer(http);
  let url = '';
  beforeAll(async () => {
    attachOptimizationProgress(io, manager);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
  const post = (body: unknown) => fetch(`${url}/api/optimizations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses bad documents with 400 naming the field', async () => {
    const res = await post({ ...doc, model: '../etc/passwd' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { problems: string[] } }).error.problems).toEqual(['model: must be a model id from models/ (or an inline model), not a path']);
    const res2 = await post({ ...doc, variables: [{ path: 'cut.servers', from: 3, to: 1, step: 1 }] });
    expect(res2.status).toBe(400);
    const problems = ((await res2.json()) as { error: { problems: string[] } }).error.problems;
    expect(problems.some((p) => p.startsWith('variables.0.to: empty range') || p.startsWith('variables[0].to: empty range'))).toBe(true);
    expect((await fetch(`${url}/api/optimizations/nope`)).status).toBe(404);
  });

  it('finds the hand-known optimum and pushes progress to the watcher', async () => {
    const watcher = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve) => watcher.once('connect', () => resolve()));
    const seen: OptimizationProgressMessage[] = [];
    watcher.on(OPTIMIZATION_PROGRESS_EVENT, (m: unknown) => seen.push(OptimizationProgressMessageSchema.parse(m)));
    const bad = (await watcher.emitWithAck(WATCH_OPTIMIZATION_EVENT, { id: '../x' })) as WatchOptimizationReply;
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^watchOptimization\.id: /) });

    const finished = new Promise<OptimizationRun>((resolve) => manager.once('finished', resolve));
    const res = await post(doc);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(res.headers.get('location')).toBe(`/api/optimizations/${id}`);
    const reply = (await watcher.emitWithAck(WATCH_OPTIMIZATION_EVENT, { id })) as WatchOptimizationReply;
    expect(reply).toMatchObject({ ok: true, progress: { id, status: 'running' } });
    openGate();
    await finished;
    for (let i = 0; i < 200 && seen.at(-1)?.status !== 'finished'; i++) await new Promise<void>((resolve) => setTimeout(() => resolve(), 25));
    // 36 candidates × 2 replications (zero variance: no refinement) = 72 runs.
    expect(seen.at(-1)).toMatchObject({ id, status: 'finished', evaluated: 36, budget: 36, runsDone: 72, runsQueued: 72 });
    // Intermediate messages came too, with runsDone never going back.
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((m, i) => i === 0 || m.runsDone >= seen[i - 1].runsDone)).toBe(true);

    const run = (await (await fetch(`${url}/api/optimizations/${id}`)).json()) as OptimizationRun;
    expect(run.status).toBe('finished');
    expect(run.result!.best?.values).toEqual({ 'cut.servers': 5, 'pack.servers': 3 });
    expect(run.result!.best?.objective).toBe(71);
    expect(run.result!.candidates).toHaveLength(36);
    const list = (await (await fetch(`${url}/api/optimizations`)).json()) as { optimizations: { id: string }[] };
    expect(list.optimizations.map((o) => o.id)).toContain(id);
    watcher.close();
  });
});

describe('optimisation with warmup "auto"', () => {
  it('chooses the warm-up by MSER-5 pilots before the search and keeps the hand-known optimum', async () => {
    const manager = new OptimizationManager({ executor: new InlineExecutor(), progressIntervalMs: 0 });
    // The same line (optimum cut 5, pack 3 at 71 €), warm-up left to the pilots.
    const { done } = manager.start({ ...doc, warmup: 'auto' });
    const run = await done;
    expect(run.error).toBeNull();
    const r = run.result!;
    expect(r.best?.values).toEqual({ 'cut.servers': 5, 'pack.servers': 3 });
    expect(r.warmupMethod).not.toBe('fixed');
    // The pilots found a warm-up inside the horizon (11 h), used by every candidate.
    expect(r.warmupS).toBeGreaterThanOrEqual(0);
    expect(r.warmupS).toBeLessThan(11 * 3600);
    // 36 candidates × 2 replications; the 3 pilots (low corner, centre, high corner) counted apart.
    expect(r.runs).toBe(72);
    expect(r.pilotRuns).toBe(3);
  });
});

describe('an optimisation cancelled over HTTP keeps the candidates fully evaluated', () => {
  const manager = new OptimizationManager({ executor: new InlineExecutor(), progressIntervalMs: 0 });
  const app = express();
  app.use(express.json());
  app.use('/api', optimizationsRouter(manager));
  app.use(jsonErrors());
  const http = createServer(app);
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it('DELETE once 5 of the 72 runs are done, then GET: cancelled, with the candidates whose 2 replications both finished', async () => {
    // The 36 candidates' runs go one after another in candidate order (c0 r0, c0 r1, c1 r0, …): after
    // 5 runs, candidates 0 and 1 are complete and 2 has begun; the cancel lands somewhere after that.
    const fiveDone = new Promise<void>((resolve) => {
      const watch = (run: OptimizationRun) => run.progress.runsDone >= 5 && (manager.off('progress', watch), resolve());
      manager.on('progress', watch);
    });
    const res = await fetch(`${url}/api/optimizations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });
    const { id } = (await res.json()) as { id: string };
    await fiveDone;
    expect(await (await fetch(`${url}/api/optimizations/${id}`, { method: 'DELETE' })).json()).toMatchObject({ id, status: 'cancelled' });

    const run = (await (await fetch(`${url}/api/optimizations/${id}`)).json()) as OptimizationRun;
    expect(run.status).toBe('cancelled');
    const r = run.result!;
    expect(r.partial).toMatchObject({ stoppedBy: 'cancelled', phase: 'search', evaluated: r.candidates.length });
    expect(r.partial!.unfinished).toBeLessThanOrEqual(1);
    expect(r.candidates.length).toBeGreaterThanOrEqual(2);
    expect(r.candidates.length).toBeLessThan(36);
    // Every candidate kept has both its first replications; the grid's first ones are cut 1…6 with pack 1, all
    // under 150 parts/h (at most 60/h with one pack server), so none holds and there is no best yet.
    expect(r.candidates.every((c) => c.replications === 2)).toBe(true);
    expect(r.candidates.every((c) => c.status === 'fails')).toBe(true);
    expect(r.best).toBeNull();
  });
});
