import type { RunEntry } from '../../client/src/capacity/run-results.ts';
import type { ExperimentOutcome } from '../../client/src/experiments/experiment-result.ts';
import type { OptimizeOutcome } from '../../client/src/optimize/optimize-store.ts';

/**
 * Capacity runs, experiment and optimisation results for the client's page tests. The builders fill what
 * the pages need to render and no test reads (a one-day run, one seed, no warm-up check);
 * each test passes the fields its assertions rely on (metrics, KPIs, alternatives, best,
 * currency, sink labels), so what it checks stands in the test itself.
 */

/** A capacity run of five replications with these metrics, in this currency. */
export function runEntry(label: string, metrics: RunEntry['metrics'], currency: string | null): RunEntry {
  return { key: label, label, model: 'plant', scenario: null, metrics, bound: null, replications: 5, seed: 1, warmupS: 0, warnings: [], bottleneckId: null, currency };
}

type Alternative = ExperimentOutcome['points'][number];

/** An alternative of two replications whose every KPI is `mean` in both (so its mean is `mean`), with the interval given. */
export function alternative(name: string, kpis: readonly string[], mean: number, ci95: number, nameRu?: string): Alternative {
  return {
    name,
    ...(nameRu === undefined ? {} : { nameRu }),
    replications: 2,
    kpis: Object.fromEntries(kpis.map((p) => [p, { n: 2, mean, ci95 }])),
    samples: Object.fromEntries(kpis.map((p) => [p, [mean, mean]])),
  };
}

export function experimentOutcome(fields: Pick<ExperimentOutcome, 'kpis' | 'rankBy' | 'points' | 'best'> & Partial<ExperimentOutcome>): ExperimentOutcome {
  return { experiment: 'fixture', model: 'plant', horizonS: 86400, warmupS: 0, seed: 1, replications: 2, precision: null, warmup: null, ...fields };
}

/** An exhaustive search of one candidate, the best, evaluated in two runs. */
export function optimizeOutcome(fields: Pick<OptimizeOutcome, 'best' | 'candidates'> & Partial<OptimizeOutcome>): OptimizeOutcome {
  return { name: 'fixture', model: 'plant', method: 'exhaustive', gridSize: 1, evaluated: 1, runs: 2, pareto: null, engine: { events: 1, wallSeconds: 1 }, ...fields };
}
