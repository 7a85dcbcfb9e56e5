import { afterEach, describe, expect, it, vi } from 'vitest';
import { PoolExecutor } from '../../server/experiments/executors.ts';
import { ExperimentManager } from '../../server/experiments/manager.ts';
import type { ReplicationTask } from '../../server/experiments/task.ts';
import { ModelSchema } from '../../server/protocol/model.ts';
import { busyPool } from './busy-pool.ts';
import { mm1Model } from './mm1.ts';

/**
 * EXPERIMENT_TIMEOUT is a running time (server/protocol/limits.ts): it counts from the moment a
 * job's first simulation starts, not from when the job left the server's queue, while its tasks
 * still waited for the thread pool it shares with the other kind of job (experiments and
 * optimisations share one pool). Before, a job behind a long one timed out without running at all.
 */
const experiment = { name: 'waits', model: mm1Model(), horizon: 2000, warmup: 0, replications: 2, warmupReport: false, scenarios: [{ name: 'base' }] };
/** Lets the job's work run up to its wait on the pool (promise callbacks and setImmediate, which the fake clock leaves real). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the experiment time limit', () => {
  afterEach(() => void vi.useRealTimers());

  it('counts from the first task’s start, not the wait for a busy pool (fake clock)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const pool = busyPool();
    const manager = new ExperimentManager({ executor: pool.executor, timeoutMs: 1000, progressIntervalMs: 0 });
    const { run, done } = manager.start(experiment);
    await settle();
    // Ten limits' time behind another job's tasks: waiting is not running.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run.status).toBe('running');
    pool.free();
    await settle();
    await vi.advanceTimersByTimeAsync(999);
    expect(run.status).toBe('running');
    await vi.advanceTimersByTimeAsync(1);
    const ended = await done;
    expect(ended.status).toBe('timed-out');
    expect(ended.failure).toEqual({ code: 'timed-out', params: { seconds: 1 } });
  });
});

describe('the thread pool says when a job’s tasks start', () => {
  const model = ModelSchema.parse(mm1Model());
  const task = (replication: number): ReplicationTask => ({ kind: 'replication', point: 0, replication, model, horizonS: 20_000, warmupS: 0, seed: 1, kpis: [] });

  it('a run behind another on one thread starts when that one’s task has ended, and one stopped while waiting never starts', async () => {
    const pool = new PoolExecutor(1);
    try {
      const seen: string[] = [];
      const first = pool.run([task(0)], () => seen.push('first ended'), undefined, () => seen.push('first started'));
      const second = pool.run([task(1)], () => seen.push('second ended'), undefined, () => seen.push('second started'));
      const stop = new AbortController();
      const third = pool.run([task(2)], () => seen.push('third ended'), stop.signal, () => seen.push('third started'));
      stop.abort(new Error('cancelled while waiting'));
      // Dropped from the line at once, without waiting for a thread.
      await expect(third).rejects.toThrow('cancelled while waiting');
      expect(seen).toEqual(['first started']);
      await Promise.all([first, second]);
      expect(seen).toEqual(['first started', 'first ended', 'second started', 'second ended']);
    } finally {
      await pool.close();
    }
  });
});
