import { FRONT, type OptimizePlan } from './optimize-plan.ts';
import { estimate, objectiveOf, paretoFront, type Candidate } from './optimize-stats.ts';

/** Cost (per kWh in the result's currency, else the objective) against output (GWh/yr, else the first constraint's KPI), non-dominated, constraints aside. */
export interface ParetoFront {
  axes: { output: string; cost: string };
  points: { id: number; values: Record<string, number>; output: number; cost: number }[];
}

/**
 * Compass search on the index lattice: poll ±step along each variable around
 * the incumbent (all polls of a round run in parallel), move to the best poll
 * if it beats the incumbent, else halve the steps; stop when steps of 1 find
 * nothing better or the budget is spent. Starts from the best of the low
 * corner, the centre and the high corner.
 */
export async function patternSearch(
  dims: number[],
  budget: number,
  candidate: (indices: number[]) => Candidate,
  evaluate: (list: Candidate[]) => Promise<void>,
  isBetter: (a: Candidate, b: Candidate) => boolean,
  evaluatedCount: () => number,
): Promise<void> {
  const pickBest = (list: Candidate[]) => list.reduce((b, c) => (isBetter(c, b) ? c : b));
  const starts = [dims.map(() => 0), dims.map((d) => Math.floor((d - 1) / 2)), dims.map((d) => d - 1)];
  const first = [...new Set(starts.map((s) => candidate(s)))];
  await evaluate(first);
  let incumbent = pickBest(first);
  let steps = dims.map((d) => Math.max(1, Math.ceil((d - 1) / 4)));
  // Re-estimates can reorder candidates already simulated; the round cap keeps a search that only revisits them finite.
  for (let round = 0; round < 4 * budget && evaluatedCount() < budget; round++) {
    const polls: Candidate[] = [];
    dims.forEach((d, k) => {
      for (const sign of [-1, 1]) {
        const idx = [...incumbent.indices];
        idx[k] = Math.min(d - 1, Math.max(0, idx[k] + sign * steps[k]));
        if (idx[k] !== incumbent.indices[k]) polls.push(candidate(idx));
      }
    });
    const fresh = polls.filter((c) => c.replications === 0).slice(0, Math.max(0, budget - evaluatedCount()));
    const runnable = polls.filter((c) => c.replications > 0 || fresh.includes(c));
    await evaluate([...runnable, incumbent]);
    const challenger = runnable.length > 0 ? pickBest(runnable) : null;
    if (challenger !== null && isBetter(challenger, incumbent)) incumbent = challenger;
    else if (steps.every((s) => s === 1)) return;
    else steps = steps.map((s) => Math.max(1, Math.floor(s / 2)));
  }
}

export function front(plan: OptimizePlan, all: Candidate[]): ParetoFront | null {
  const outputMetric = plan.metrics.includes(FRONT.output) ? FRONT.output : plan.constraints[0]?.metric;
  const costMetric = plan.metrics.includes(FRONT.cost) ? FRONT.cost : undefined;
  if (outputMetric === undefined) return null;
  const points = all.flatMap((c) => {
    const output = estimate(c.samples.get(outputMetric)!)?.mean;
    const cost = costMetric === undefined ? objectiveOf(plan, c) : estimate(c.samples.get(costMetric)!)?.mean;
    return output === undefined || cost === undefined || cost === null ? [] : [{ id: c.id, values: c.values, output, cost }];
  });
  const axes = { output: outputMetric.replace(/^kpi\./, 'kpis.'), cost: costMetric === undefined ? 'objective' : costMetric.replace(/^kpi\./, 'kpis.') };
  return { axes, points: paretoFront(points) };
}
