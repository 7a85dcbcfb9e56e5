import { describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { runExperiment } from '../../server/experiments/experiment.ts';
import { independentDifference } from '../../server/experiments/statistics.ts';
import { mm1Model } from './mm1.ts';

const KPI = 'system.avgTimeInSystemS';

function experiment(seed: number, scenarios: object[]) {
  return planExperiment(
    { name: 'faster server', model: mm1Model(2, 1), horizon: 3000, warmup: 300, seed, replications: 20, scenarios, kpis: [KPI], rankBy: { kpi: KPI, goal: 'min' }, warmupReport: false },
    process.cwd(),
  ).plan;
}

describe('common random numbers', () => {
  it('make the interval of a difference narrower than independent runs do', async () => {
    const faster = { name: 'faster', set: { server: { cycle: { mean: 0.9 } } } };
    const executor = new InlineExecutor();
    const crn = await runExperiment(experiment(11, [{ name: 'base' }, faster]), executor);
    // The same comparison with the faster line on other seeds: no shared randomness.
    const other = await runExperiment(experiment(12, [faster]), executor);

    const base = crn.points[0].samples[KPI] as number[];
    const fasterCrn = crn.points[1].samples[KPI] as number[];
    const fasterIndependent = other.points[0].samples[KPI] as number[];
    // Other seeds really give other draws.
    expect(fasterCrn).not.toEqual(fasterIndependent);

    const paired = crn.differences.find((d) => d.a === 'faster' && d.b === 'base')!;
    const independent = independentDifference(fasterIndependent, base);
    console.info(`W(faster) − W(base): CRN ${paired.mean.toFixed(3)} ± ${paired.ci95!.toFixed(3)}, independent ${independent.mean.toFixed(3)} ± ${independent.ci95.toFixed(3)}`);
    expect(paired.n).toBe(20);
    expect(paired.ci95!).toBeLessThan(independent.ci95 / 2);
    // With sharp intervals the faster server is identified as better (true difference 1/0.6111 − 2 = −0.364 s).
    expect(paired.significant).toBe(true);
    expect(crn.best?.name).toBe('faster');
    expect(crn.best?.clearlyBest).toBe(true);
  });
});
