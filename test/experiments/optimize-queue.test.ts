import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { planOptimization } from '../../server/experiments/optimize-plan.ts';
import { runOptimization, type OptimizeResult } from '../../server/experiments/optimize.ts';
import { QueueExecutor } from '../../server/experiments/queue.ts';
import { startRedis, stopProcess, waitForLine } from './redis-harness.ts';
import { skipWithoutRedis } from './redis-skip.ts';

const redisMissing = skipWithoutRedis('optimiser queue-mode');

/** Two stations with random cycles, so replications differ and some candidates are refined. */
const plan = () =>
  planOptimization(
    {
      model: {
        name: 'queue line',
        nodes: [
          { id: 'supply', type: 'source', to: 'cut' },
          { id: 'cut', type: 'machine', servers: 1, cycle: { dist: 'exponential', mean: 100 }, to: 'store' },
          { id: 'store', type: 'buffer', capacity: 20, to: 'pack' },
          { id: 'pack', type: 'machine', servers: 1, cycle: { dist: 'exponential', mean: 60 }, to: 'out' },
          { id: 'out', type: 'sink' },
        ],
      },
      horizon: '21h',
      warmup: '1h',
      replications: 2,
      maxReplications: 8,
      variables: [
        { path: 'cut.servers', from: 3, to: 6, step: 1 },
        { path: 'pack.servers', from: 2, to: 4, step: 1 },
      ],
      constraints: [{ kpi: 'sinks.out.perHour', min: 150 }],
      objective: { minimize: { 'cut.servers': 10, 'pack.servers': 7 } },
    },
    process.cwd(),
  );

const numbers = (r: OptimizeResult) => ({ best: r.best, candidates: r.candidates, evaluated: r.evaluated, runs: r.runs, events: r.engine.events });

describe.skipIf(redisMissing)('optimiser in queue mode (BullMQ + redis)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const workers: ChildProcess[] = [];
  const queueName = `optimize-${process.pid}`;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopProcess(w)));
    await redis?.stop();
  });

  it('runs the candidates on queue workers and gets the same answer as this thread', async () => {
    const local = await runOptimization(plan(), new InlineExecutor());
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/worker.ts', '--queue', redis.url, '--queue-name', queueName, '--threads', '1'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      workers.push(child);
      await waitForLine(child, /ready: queue/);
    }
    const executor = new QueueExecutor({ url: redis.url, queueName, sweepMs: 500 });
    const remote = await runOptimization(plan(), executor);
    await executor.close();
    expect(numbers(remote)).toEqual(numbers(local));
    expect(remote.evaluated).toBe(12);
    expect(remote.runs).toBeGreaterThanOrEqual(24);
  });
});
