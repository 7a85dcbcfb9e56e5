import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Executor } from '../../server/experiments/executors.ts';
import { ExperimentManager } from '../../server/experiments/manager.ts';
import { QueueExecutor, startQueueWorker } from '../../server/experiments/queue.ts';
import { startRedis } from './redis-harness.ts';
import { skipWithoutRedis } from './redis-skip.ts';
import { mm1Model } from './mm1.ts';

const redisMissing = skipWithoutRedis('queue-mode cancel');

/**
 * Bound on cancel → the executor's rejection. The work behind it is one BullMQ remove (a Lua
 * script on a loopback redis, well under 1 ms) per job of the run, 80 here, all sent at once:
 * some tens of milliseconds. 5 s leaves far more than 2× headroom on a shared, slow machine,
 * while a cancel that does not reach the queue never rejects at all with no worker (the
 * replications would wait for one forever) and, with one worker, only after all 80 have run.
 */
const PROMPT_MS = 5000;
const SCENARIOS = 2;
const REPLICATIONS = 40;
const TASKS = SCENARIOS * REPLICATIONS;

/** 80 replications of an M/M/1 line long enough (2·10⁶ s, about 3·10⁶ events) that one takes a second or more on a worker. */
const experiment = () => ({
  name: 'cancel me',
  model: mm1Model(2, 1),
  horizon: 2_000_000,
  warmup: 1000,
  replications: REPLICATIONS,
  scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.9 } } } }],
  warmupReport: false,
});

/** The queue executor as the manager sees it, recording what its run did once the signal aborted. */
function recording(inner: Executor) {
  const seen = { abortedAt: NaN, rejectedAt: NaN, rejection: undefined as unknown, outcomesAfterAbort: 0, settled: null as Promise<unknown> | null };
  const executor: Executor = {
    description: inner.description,
    close: () => inner.close(),
    run(tasks, onOutcome, signal) {
      signal?.addEventListener('abort', () => (seen.abortedAt = performance.now()), { once: true });
      const running = inner.run(tasks, (o) => (signal?.aborted ? seen.outcomesAfterAbort++ : onOutcome?.(o)), signal);
      seen.settled = running.then(
        () => null,
        (err: unknown) => ((seen.rejectedAt = performance.now()), (seen.rejection = err)),
      );
      return running;
    },
  };
  return { executor, seen };
}

/** Waits for the run to settle, but no longer than twice the bound, so a cancel that never arrives fails here rather than by the test's timeout. */
const settled = (seen: { settled: Promise<unknown> | null }) => Promise.race([seen.settled, new Promise((r) => setTimeout(r, 2 * PROMPT_MS))]);

async function until(what: string, test: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(redisMissing)('cancel in queue mode (BullMQ + redis)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let queue: Queue;
  const queueName = `cancel-${process.pid}`;

  beforeAll(async () => {
    redis = await startRedis();
    queue = new Queue(queueName, { connection: { url: redis.url } });
    await queue.waitUntilReady();
  });
  afterAll(async () => {
    await queue?.close();
    await redis?.stop();
  });

  it('with no worker: cancel takes every waiting replication off the queue and the run rejects at once as cancelled', async () => {
    const { executor, seen } = recording(new QueueExecutor({ url: redis.url, queueName }));
    const manager = new ExperimentManager({ executor });
    const { run, done } = manager.start(experiment());
    await until('the 80 replications to wait on the queue', async () => (await queue.getWaitingCount()) === TASKS);

    expect(manager.cancel(run.id)?.status).toBe('cancelled');
    await settled(seen);
    expect(seen.rejectedAt - seen.abortedAt).toBeLessThan(PROMPT_MS);
    expect((seen.rejection as { status?: string }).status).toBe('cancelled');
    // Removed, not merely forgotten: nothing of the run is left for a worker that starts later.
    expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'completed')).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 0 });
    expect((await done).status).toBe('cancelled');
    expect(manager.get(run.id)).toMatchObject({ status: 'cancelled', error: 'cancelled while running' });
    await executor.close();
  });

  it('with one slow worker: the waiting replications are removed, the one it holds finishes there unheeded', async () => {
    const log: string[] = [];
    const worker = await startQueueWorker({ url: redis.url, queueName, threads: 1, log: (l) => log.push(l) });
    try {
      const { executor, seen } = recording(new QueueExecutor({ url: redis.url, queueName }));
      const manager = new ExperimentManager({ executor });
      const { run } = manager.start(experiment());
      await until('the worker to take a replication', async () => log.some((l) => l.startsWith('started')));
      const held = /^started (\S+)/.exec(log.find((l) => l.startsWith('started'))!)![1];

      manager.cancel(run.id);
      await settled(seen);
      expect(seen.rejectedAt - seen.abortedAt).toBeLessThan(PROMPT_MS);
      expect((seen.rejection as { status?: string }).status).toBe('cancelled');
      // The worker holds one job at a time (threads 1): at most that one may have been taken and
      // finished between its start and the cancel; every other one of the 80 is gone.
      expect(await queue.getWaitingCount()).toBe(0);
      const counts = await queue.getJobCounts('active', 'completed', 'delayed');
      expect(counts.delayed).toBe(0);
      expect(counts.active + counts.completed).toBeLessThanOrEqual(2);

      // The job the worker held runs to its end there ...
      await until(`the worker to finish ${held}`, async () => log.includes(`finished ${held}`));
      expect(seen.outcomesAfterAbort).toBe(0); // ... and its outcome reaches nobody
      expect(log.filter((l) => l.startsWith('started')).length).toBeLessThanOrEqual(2);
      await executor.close();
    } finally {
      await worker.close();
    }
  });

  it('with a worker: replications that finished before the cancel stay in the partial result, even when their completion events have not arrived', async () => {
    const name = `${queueName}-kept`;
    const counts = new Queue(name, { connection: { url: redis.url } });
    const worker = await startQueueWorker({ url: redis.url, queueName: name, threads: 1 });
    try {
      // No periodic sweep during the test: what the run learns of finished jobs comes from events, or from the read at the abort.
      const executor = new QueueExecutor({ url: redis.url, queueName: name, sweepMs: 3_600_000 });
      const manager = new ExperimentManager({ executor });
      // A tenth of the horizon: each replication takes a fraction of a second on the worker.
      const { run } = manager.start({ ...experiment(), horizon: 200_000 });
      await until('the replications to wait on the queue', async () => (await counts.getWaitingCount()) + (await counts.getActiveCount()) > 0);
      // Completion events are lost from here on (as while the events connection reconnects): only the read at the abort can find them.
      (executor as unknown as { events: { removeAllListeners(event: string): void } }).events.removeAllListeners('completed');
      await until('two replications to finish on the worker', async () => (await counts.getCompletedCount()) >= 2);
      const completedBefore = await counts.getCompletedCount();

      manager.cancel(run.id);
      await manager.settled(run.id);
      const ended = manager.get(run.id)!;
      expect(ended.status).toBe('cancelled');
      const partial = ended.result!.partial!;
      expect(partial.stoppedBy).toBe('cancelled');
      const finished = partial.finished.reduce((a, b) => a + b, 0);
      // Every job the queue had completed before the cancel is in (one more may have finished while it was read), the rest are not.
      expect(finished).toBeGreaterThanOrEqual(completedBefore);
      expect(finished).toBeLessThanOrEqual(completedBefore + 1);
      expect(ended.result!.points.map((p) => p.replications)).toEqual(partial.finished);
      expect(await counts.getWaitingCount()).toBe(0);
      await executor.close();
    } finally {
      await worker.close();
      await counts.close();
    }
  });

  it('Ctrl-C on `experiment --queue` withdraws the waiting replications before the command exits (130)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bpt-queue-cancel-'));
    try {
      const file = join(dir, 'long.experiment.json');
      writeFileSync(file, JSON.stringify(experiment()));
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/experiment.ts', file, '--queue', redis.url, '--queue-name', queueName], { stdio: ['ignore', 'ignore', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      await until('the command to queue its 80 replications', async () => (await queue.getWaitingCount()) === TASKS);
      child.kill('SIGINT');
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 2 * PROMPT_MS))])).toBe(130);
      expect(stderr).toContain('interrupted by SIGINT');
      expect(await queue.getWaitingCount()).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
