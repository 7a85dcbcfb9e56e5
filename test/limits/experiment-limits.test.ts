import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { PoolExecutor } from '../../server/experiments/executors.ts';
import { ExperimentManager, type ExperimentRun } from '../../server/experiments/manager.ts';
import { QueueFullError } from '../../server/experiments/tracked-runs.ts';
import { MAX_ALTERNATIVES } from '../../server/protocol/limits.ts';
import { mm1Model } from '../experiments/mm1.ts';

/**
 * An experiment that keeps one worker thread busy for a long time: an M/M/1 queue (about two
 * events per simulated second) over 10^8 s, two replications, one alternative: 2,315 simulated
 * days, inside the cost cap, but ≈ 4·10^8 events (minutes of one thread).
 */
const longExperiment = (name: string) => ({ name, model: mm1Model(), horizon: 1e8, warmup: 0, replications: 2, warmupReport: false, scenarios: [{ name: 'base' }] });
const shortExperiment = (name: string) => ({ name, model: mm1Model(), horizon: 2000, warmup: 0, replications: 2, warmupReport: false, scenarios: [{ name: 'base' }] });

let server: TwinServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bpt-limits-'));
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), clientDir: join(dir, 'no-client'), publicSession: false, experimentThreads: 1 });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) => fetch(`${server.url}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const getJson = async <T>(path: string) => (await (await fetch(`${server.url}/api/${path}`)).json()) as T;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('experiment limits over HTTP', () => {
  it('the 263-byte 1000 × 1000 sweep is refused with 400 by its count while health answers', async () => {
    const body = {
      name: 'sweep',
      model: 'demo-line',
      horizon: '30d',
      replications: 2,
      sweep: { parameters: [{ path: 'stacker.servers', from: 1, to: 1000, step: 1 }, { path: 'former.servers', from: 1, to: 1000, step: 1 }] },
    };
    const [refused, health] = await Promise.all([post('experiments', body), fetch(`${server.url}/api/health`)]);
    expect(health.status).toBe(200);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { problems: string[] } };
    expect(error.problems).toEqual([`sweep: gives 1000000 alternatives (1000 × 1000); must be <= ${MAX_ALTERNATIVES}`]);
  });

  it('an inline model past a limit is refused naming the field, from the planning thread', async () => {
    const model = mm1Model();
    (model.nodes[2] as { servers?: number }).servers = 1e9;
    const res = await post('experiments', { ...shortExperiment('bad model'), model });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string; problems: string[] } };
    // The code and what was refused let a page say it in Russian; the field path stays in the problem.
    expect(error).toEqual({ status: 400, message: 'invalid experiment: inline model', problems: ['nodes[2].servers: must be <= 10000'], code: 'invalid-input', params: { what: 'experiment: inline model' } });
    const opt = await post('optimizations', {
      model: mm1Model(), horizon: 2000, variables: [{ path: 'server.servers', values: [1, 20000] }], objective: { maximize: 'sinks.done.perHour' },
    });
    expect(opt.status).toBe(400);
    expect(((await opt.json()) as { error: { problems: string[] } }).error.problems).toEqual(['variables[0].values[1] (20000): set.server.servers: must be <= 10000']);
  });

  it('a second experiment waits in the queue; DELETE cancels the running one and the pool takes the next', async () => {
    const a = (await (await post('experiments', longExperiment('long'))).json()) as { id: string; status: string };
    expect(a.status).toBe('running');
    const resB = await post('experiments', shortExperiment('short'));
    expect(resB.status).toBe(202);
    const b = (await resB.json()) as { id: string; status: string };
    expect(b.status).toBe('queued');
    await until(() => getJson<ExperimentRun>(`experiments/${a.id}`), (r) => r.status === 'running', 'the long experiment to run');

    const cancelled = await fetch(`${server.url}/api/experiments/${a.id}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', error: 'cancelled while running', failure: { code: 'cancelled', params: { when: 'running' } } });
    const doneAtCancel = (await getJson<ExperimentRun>(`experiments/${a.id}`)).progress.done;

    // The only thread was freed: the short experiment runs and finishes with both replications.
    const finished = await until(() => getJson<ExperimentRun>(`experiments/${b.id}`), (r) => r.status === 'finished' || r.status === 'failed', 'the queued experiment to finish');
    expect(finished.status).toBe('finished');
    expect(finished.result!.points[0].replications).toBe(2);
    const after = await getJson<ExperimentRun>(`experiments/${a.id}`);
    expect(after).toMatchObject({ status: 'cancelled', failure: { code: 'cancelled', params: { when: 'running' } } });
    expect(finished.failure).toBeNull();
    expect(after.progress.done).toBe(doneAtCancel); // nothing of it finished after the cancel
    expect((await getJson<{ status: string; error: string }>(`runs/${a.id}`)).status).toBe('stopped');
    const missing = await fetch(`${server.url}/api/experiments/nope`, { method: 'DELETE' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: unknown }).error).toMatchObject({ code: 'not-found', params: { kind: 'experiment', id: 'nope' } });
  });
});

describe('experiment timeout and queue cap (manager)', () => {
  it('a job past its timeout ends timed-out and its tasks leave the thread to others', async () => {
    const executor = new PoolExecutor(1);
    try {
      // Two managers on one single-thread pool: the other's short job waits behind the long one's tasks.
      const strict = new ExperimentManager({ executor, timeoutMs: 3000, progressIntervalMs: 0 });
      const patient = new ExperimentManager({ executor, progressIntervalMs: 0 });
      const long = strict.start(longExperiment('long'));
      await new Promise((r) => setTimeout(r, 200));
      const next = patient.start(shortExperiment('next'));
      const ended = await long.done;
      expect(ended.status).toBe('timed-out');
      expect(ended.error).toMatch(/stopped after 3 s, the longest a job may run \(EXPERIMENT_TIMEOUT\)/);
      expect(ended.failure).toEqual({ code: 'timed-out', params: { seconds: 3 } });
      const finished = await next.done;
      expect(finished.status).toBe('finished');
      expect(finished.result!.points[0].replications).toBe(2);
    } finally {
      await executor.close();
    }
  });

  it('beyond the queue cap a request is refused before it is planned', async () => {
    const executor = new PoolExecutor(1);
    try {
      const manager = new ExperimentManager({ executor, maxQueued: 1, concurrency: 1 });
      const first = manager.start(longExperiment('a'));
      const second = manager.start(longExperiment('b'));
      expect(() => manager.start(longExperiment('c'))).toThrow(QueueFullError);
      try {
        manager.start(longExperiment('c'));
      } catch (err) {
        expect((err as QueueFullError).failure).toEqual({ code: 'queue-full', params: { running: 1, waiting: 1, max: 1 } });
      }
      manager.cancel(second.run.id);
      manager.cancel(first.run.id);
      expect((await first.done).status).toBe('cancelled');
      expect((await second.done).failure).toEqual({ code: 'cancelled', params: { when: 'queued' } });
    } finally {
      await executor.close();
    }
  });
});
