import { describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { runExperiment } from '../../server/experiments/experiment.ts';
import { mm1Model, mm1Theory } from './mm1.ts';

/**
 * Each experiment (its own seed) gives a 95 % Student-t interval from 10
 * replications; across N experiments the number of intervals that contain the
 * true steady-state value is Binomial(N, 0.95) if the intervals are right, so it
 * must fall within 0.95·N ± 3·sqrt(N·0.95·0.05) (fails by chance ~0.3 % of the
 * time for a correct procedure; the seeds are fixed, so the outcome is too).
 * ρ = 0.5 relaxes within a few dozen services, so 400 s of warm-up and ~1800
 * customers per replication keep the initial-state and ratio-estimator bias far
 * below the interval half-width (measured mean of W over 1000 replications:
 * 1.999 ± 0.004 against 2).
 */
describe('M/M/1 confidence intervals', () => {
  it('cover the mean time in system and the mean queue length about 95 % of the time', async () => {
    const theory = mm1Theory(2, 1);
    const experiments = 300;
    const executor = new InlineExecutor();
    let coverW = 0;
    let coverLq = 0;
    for (let seed = 1; seed <= experiments; seed++) {
      const { plan } = planExperiment(
        {
          name: `mm1 seed ${seed}`,
          model: mm1Model(2, 1),
          horizon: 4000,
          warmup: 400,
          seed,
          replications: 10,
          kpis: ['system.avgTimeInSystemS', 'nodes.queue.avgLevel'],
          rankBy: { kpi: 'system.avgTimeInSystemS', goal: 'min' },
          warmupReport: false,
        },
        process.cwd(),
      );
      const result = await runExperiment(plan, executor);
      const w = result.points[0].kpis['system.avgTimeInSystemS']!;
      const lq = result.points[0].kpis['nodes.queue.avgLevel']!;
      expect(w.n).toBe(10);
      if (Math.abs(w.mean - theory.timeInSystemS) <= w.ci95!) coverW++;
      // Wq = Lq / λ with λ known, so covering Lq is covering the mean waiting time in the queue.
      if (Math.abs(lq.mean - theory.queueLength) <= lq.ci95!) coverLq++;
    }
    const sd = Math.sqrt(experiments * 0.95 * 0.05);
    const low = 0.95 * experiments - 3 * sd;
    const high = Math.min(experiments, 0.95 * experiments + 3 * sd);
    console.info(`coverage W: ${coverW}/${experiments}, Lq (Wq = ${theory.waitInQueueS} s): ${coverLq}/${experiments}, accepted ${low.toFixed(1)}…${high.toFixed(1)}`);
    expect(coverW).toBeGreaterThanOrEqual(low);
    expect(coverW).toBeLessThanOrEqual(high);
    expect(coverLq).toBeGreaterThanOrEqual(low);
    expect(coverLq).toBeLessThanOrEqual(high);
  });
});
