import { afterAll, describe, expect, it } from 'vitest';
import { InlineExecutor, PoolExecutor } from '../../server/experiments/executors.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { runExperiment, type ExperimentResult } from '../../server/experiments/experiment.ts';
import { mm1Model } from './mm1.ts';

/** The statistical content of a result (timings and the executor's name naturally differ). */
function numbers(r: ExperimentResult) {
  const { engine, ...rest } = r;
  return { ...rest, runs: engine.replications, events: engine.events };
}

const plan = () =>
  planExperiment(
    {
      name: 'worker count',
      model: mm1Model(2, 1),
      horizon: 2000,
      warmup: 200,
      sweep: { parameters: [{ path: 'server.cycle.mean', from: 1, to: 1.4, step: 0.2 }] },
      // A precision target makes the number of rounds depend on the results: it must take the same path.
      precision: { relative: 0.03, minReplications: 4, maxReplications: 30 },
      rankBy: { kpi: 'system.avgTimeInSystemS', goal: 'min' },
      warmupReport: { buckets: 10, replications: 3 },
    },
    process.cwd(),
  ).plan;

describe('worker count', () => {
  const pools: PoolExecutor[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('does not change any number of the result', async () => {
    const inline = await runExperiment(plan(), new InlineExecutor());
    const one = new PoolExecutor(1);
    const two = new PoolExecutor(2);
    pools.push(one, two);
    const withOne = await runExperiment(plan(), one);
    const withTwo = await runExperiment(plan(), two);
    expect(withTwo.engine.executor).toBe('2 worker threads');
    // More replications were needed at the slower server (sequential rounds ran).
    expect(inline.points.map((p) => p.replications)).not.toEqual([4, 4, 4]);
    expect(numbers(withOne)).toEqual(numbers(inline));
    expect(numbers(withTwo)).toEqual(numbers(inline));
  });
});
