import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentsRouter } from '../../server/api/experiments.ts';
import { jsonErrors } from '../../server/api/http-errors.ts';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { ExperimentManager, type ExperimentRun } from '../../server/experiments/manager.ts';
import { mm1Model } from './mm1.ts';

/** The experiments router alone on a loopback port: its base URL and how to close it. */
async function serve(manager: ExperimentManager): Promise<{ base: string; close: () => void }> {
  const app = express();
  app.use(express.json());
  app.use('/api', experimentsRouter(manager));
  app.use(jsonErrors());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, close: () => server.close() };
}

describe('experiments API', () => {
  const manager = new ExperimentManager({ executor: new InlineExecutor(), progressIntervalMs: 0 });
  let base = '';
  let close = () => {};
  beforeAll(async () => ({ base, close } = await serve(manager)));
  afterAll(() => close());

  const post = (body: unknown) => fetch(`${base}/experiments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('rejects a bad experiment with the field and the reason', async () => {
    const res = await post({ name: 'bad', model: '../../etc/passwd', horizon: -1 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { problems: string[] } };
    expect(body.error.problems).toEqual(['model: must be a model id from models/ (or an inline model), not a path']);
    const res2 = await post({ name: 'bad', model: mm1Model(), horizon: '1h', replications: 0 });
    expect(((await res2.json()) as { error: { problems: string[] } }).error.problems).toEqual([
      'replications: must be >= 2 (a confidence interval needs two replications)',
    ]);
  });

  it('runs an experiment, reports progress and serves the result', async () => {
    const events: number[] = [];
    const started: string[] = [];
    manager.on('started', (run: ExperimentRun) => started.push(run.id));
    manager.on('progress', (run: ExperimentRun) => events.push(run.progress.done));
    const finished = new Promise<ExperimentRun>((resolve) => manager.once('finished', resolve));
    const res = await post({
      name: 'api', model: mm1Model(), horizon: 2000, warmup: 200, replications: 3, warmupReport: false,
      scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.8 } } } }],
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(res.headers.get('location')).toBe(`/api/experiments/${id}`);
    await finished;
    const run = (await (await fetch(`${base}/experiments/${id}`)).json()) as ExperimentRun;
    expect(run.status).toBe('finished');
    expect(run.progress).toMatchObject({ done: 6, total: 6 });
    expect(run.result!.points.map((p) => [p.name, p.replications])).toEqual([['base', 3], ['faster', 3]]);
    expect(events.at(-1)).toBe(6);
    expect(started).toEqual([id]);
    const list = (await (await fetch(`${base}/experiments`)).json()) as { experiments: { id: string }[] };
    expect(list.experiments.map((e) => e.id)).toContain(id);
    expect((await fetch(`${base}/experiments/nope`)).status).toBe(404);
  });
});

describe('experiments API: cancel keeps what finished', () => {
  const manager = new ExperimentManager({ executor: new InlineExecutor(), progressIntervalMs: 0 });
  let base = '';
  let close = () => {};
  beforeAll(async () => ({ base, close } = await serve(manager)));
  afterAll(() => close());

  it('DELETE mid-run, then GET: cancelled, with a partial result of the replications that finished', async () => {
    // 2 alternatives × 40 replications run one after another on this thread (base first); the cancel
    // is sent once 3 have finished, so it lands mid-run however slow the machine is.
    const kept = new Promise<ExperimentRun>((resolve) => manager.once('kept', resolve));
    const threeDone = new Promise<void>((resolve) => {
      const watch = (run: ExperimentRun) => run.progress.done >= 3 && (manager.off('progress', watch), resolve());
      manager.on('progress', watch);
    });
    const res = await fetch(`${base}/experiments`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'long', model: mm1Model(), horizon: 20_000, warmup: 200, replications: 40, warmupReport: false,
        scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.8 } } } }],
      }),
    });
    const { id } = (await res.json()) as { id: string };
    await threeDone;
    const del = await fetch(`${base}/experiments/${id}`, { method: 'DELETE' });
    expect(await del.json()).toMatchObject({ id, status: 'cancelled', error: 'cancelled while running' });

    // The answer comes once the result is on the run: a GET right after has it.
    const run = (await (await fetch(`${base}/experiments/${id}`)).json()) as ExperimentRun;
    expect(run.status).toBe('cancelled');
    const r = run.result!;
    const finished = r.points.map((p) => p.replications);
    expect(r.partial).toEqual({ stoppedBy: 'cancelled', phase: 'replications', finished, planned: [40, 40] });
    // Replications run in task order, base first: at least the 3 seen, fewer than all 80, and the count shown agrees.
    expect(finished[0]).toBeGreaterThanOrEqual(3);
    expect(finished[0] + finished[1]).toBeLessThan(80);
    expect(run.progress.done).toBe(finished[0] + finished[1]);
    // Each alternative's interval is over its own finished replications: n of them, t on n − 1 df.
    for (const p of r.points) for (const s of Object.values(p.kpis)) if (s) expect(s.n).toBeLessThanOrEqual(p.replications);
    const kpi = r.rankBy.kpi;
    expect(r.points[0].kpis[kpi]!.n).toBe(finished[0]);
    expect((await kept).id).toBe(id);
  });
});
