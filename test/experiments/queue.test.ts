import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { runExperiment, type ExperimentResult } from '../../server/experiments/experiment.ts';
import { QueueExecutor } from '../../server/experiments/queue.ts';
import { startRedis, stopProcess, waitForLine } from './redis-harness.ts';
import { skipWithoutRedis } from './redis-skip.ts';
import { mm1Model } from './mm1.ts';

const redisMissing = skipWithoutRedis('queue-mode');

function numbers(r: ExperimentResult) {
  const { engine, ...rest } = r;
  return { ...rest, runs: engine.replications, events: engine.events };
}

// Each replication takes a few tenths of a second, so a worker can be killed in the middle of one.
const plan = () =>
  planExperiment(
    {
      name: 'queue',
      model: mm1Model(2, 1),
      horizon: 300_000,
      warmup: 1000,
      replications: 4,
      scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.9 } } } }],
      warmupReport: false,
    },
    process.cwd(),
  ).plan;

describe.skipIf(redisMissing)('queue mode (BullMQ + redis)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const workers: ChildProcess[] = [];
  const queueName = `test-${process.pid}`;

  const startWorker = async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli/worker.ts', '--queue', redis.url, '--queue-name', queueName, '--threads', '1', '--lock-duration', '2000', '--stalled-interval', '1000'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    workers.push(child);
    let log = '';
    child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    await waitForLine(child, /ready: queue/);
    return { child, log: () => log };
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopProcess(w)));
    await redis?.stop();
  });

  it('collects every replication once, the same as a local run, when a worker is killed mid-job', async () => {
    const local = await runExperiment(plan(), new InlineExecutor());
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    const executor = new QueueExecutor({ url: redis.url, queueName, sweepMs: 500 });
    const progress: number[] = [];
    const running = runExperiment(plan(), executor, (p) => progress.push(p.done));

    const started = await waitForLine(a.child, /started \S+/);
    const killedJob = /started (\S+)/.exec(started)![1];
    a.child.kill('SIGKILL');
    const remote = await running;
    await executor.close();

    expect(numbers(remote)).toEqual(numbers(local));
    // Every one of the 8 replications arrived exactly once.
    expect(progress.filter((d) => d > 0)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(remote.engine.replications).toBe(8);
    // The killed worker's job was taken over by the other worker and counted once.
    expect(b.log()).toContain(`started ${killedJob}`);
    expect(a.log()).not.toContain(`finished ${killedJob}`);
  });
});
