import { describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { runExperiment } from '../../server/experiments/experiment.ts';
import { planOptimization } from '../../server/experiments/optimize-plan.ts';
import { runOptimization } from '../../server/experiments/optimize.ts';
import { ValidationError } from '../../server/protocol/errors.ts';
import type { ModelInput } from '../../server/protocol/model.ts';
import { mm1Model } from './mm1.ts';

/**
 * Experiment and optimisation results name the currency their money KPIs are counted in
 * (the model's `product.currency`), so the pages can label scrap cost and cost per kWh
 * with it instead of assuming euros; alternatives in different currencies are refused,
 * since a difference of roubles and euros means nothing.
 */
const inRoubles = (): ModelInput => ({ ...mm1Model(2, 1), product: { whPerCell: 10, cellsFrom: 'server', currency: 'RUB' } });
const KPI = 'system.avgTimeInSystemS';

function experiment(model: ModelInput, scenarios: object[]) {
  return planExperiment({ name: 'currency', model, horizon: 600, warmup: 0, seed: 1, replications: 2, scenarios, kpis: [KPI], rankBy: { kpi: KPI, goal: 'min' }, warmupReport: false }, process.cwd()).plan;
}

describe('results carry the model’s currency', () => {
  it('an experiment on a model in RUB says RUB; one on a model without product data says the schema default, EUR', async () => {
    const executor = new InlineExecutor();
    expect((await runExperiment(experiment(inRoubles(), [{ name: 'base' }]), executor)).currency).toBe('RUB');
    expect((await runExperiment(experiment(mm1Model(2, 1), [{ name: 'base' }]), executor)).currency).toBe('EUR');
  });

  it('alternatives that count money in different currencies are refused, naming the alternative and both currencies', () => {
    const plan = () => experiment(inRoubles(), [{ name: 'base' }, { name: 'in euros', product: { currency: 'EUR' } }]);
    expect(plan).toThrow(ValidationError);
    expect(plan).toThrow(/in euros: product\.currency is EUR, the first alternative's RUB/);
  });

  it('an optimisation on a model in RUB says RUB', async () => {
    const plan = planOptimization(
      {
        model: inRoubles(),
        horizon: 600,
        warmup: 0,
        replications: 2,
        seed: 1,
        variables: [{ path: 'server.servers', from: 1, to: 2, step: 1 }],
        constraints: [{ kpi: 'sinks.done.perHour', min: 1 }],
        objective: { minimize: { 'server.servers': 1 } },
      },
      process.cwd(),
    );
    expect(plan.currency).toBe('RUB');
    expect((await runOptimization(plan, new InlineExecutor())).currency).toBe('RUB');
  });
});
