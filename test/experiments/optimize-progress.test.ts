import { describe, expect, it } from 'vitest';
import { besideCandidates } from '../../server/cli/optimize.ts';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { OptimizationManager } from '../../server/experiments/optimize-manager.ts';
import { planOptimization } from '../../server/experiments/optimize-plan.ts';
import { runOptimization, type OptimizeProgress } from '../../server/experiments/optimize.ts';
import { OptimizationProgressMessageSchema } from '../../server/protocol/optimization-progress.ts';
import { busyPool } from './busy-pool.ts';
import { cheapestLineOptimization } from './two-station-line.ts';

/**
 * An optimisation's progress counts the candidates' runs in runsDone/runsQueued, as an experiment's
 * counts replications; the MSER-5 warm-up pilots (warm-up `auto`: the grid's low corner, centre and
 * high corner) are counted apart. Before, the 3 pilots went into both counts, so "runs 3 / 3" showed
 * before any candidate ran and the result's `runs` was 3 more than the candidates' replications.
 */
const doc = { ...cheapestLineOptimization, warmup: 'auto' };

describe('optimisation progress', () => {
  it('counts candidate runs in runsDone/runsQueued and the warm-up pilots apart', async () => {
    const plan = planOptimization(doc, process.cwd());
    const seen: OptimizeProgress[] = [];
    const r = await runOptimization(plan, new InlineExecutor(), (p) => seen.push(structuredClone(p)));
    // While the pilots run, no candidate run is counted, done or queued; the candidate budget is known.
    const duringPilots = seen.filter((p) => p.pilots!.done < p.pilots!.total);
    expect(duringPilots.map((p) => p.pilots!.done)).toEqual([0, 1, 2]);
    expect(duringPilots.every((p) => p.runsDone === 0 && p.runsQueued === 0 && p.budget === 36)).toBe(true);
    // At the end: 36 candidates × 2 replications, the same count as the result's and its table's.
    expect(seen.at(-1)).toMatchObject({ evaluated: 36, runsDone: 72, runsQueued: 72, pilots: { done: 3, total: 3 } });
    expect(r.runs).toBe(r.candidates.reduce((a, c) => a + c.replications, 0));
    expect(r).toMatchObject({ runs: 72, pilotRuns: 3 });
    for (const p of seen) expect(p.runsDone).toBeLessThanOrEqual(p.runsQueued);
    // The socket message carries the pilots, and a page validates it.
    expect(OptimizationProgressMessageSchema.parse({ id: 'x', name: 'n', status: 'running', ...duringPilots[1], error: null }).pilots).toEqual({ done: 1, total: 3 });
  });

  it('npm run optimize shows the pilots as their own step, then the candidate runs', () => {
    const base = { evaluated: 0, budget: 36, runsDone: 0, runsQueued: 0, phase: 'search' as const };
    expect(besideCandidates({ ...base, pilots: { done: 1, total: 3 } })).toBe('warm-up pilots 1/3');
    expect(besideCandidates({ ...base, evaluated: 4, runsDone: 7, runsQueued: 10, pilots: { done: 3, total: 3 } })).toBe('7/10 runs (search)');
    // Nothing queued yet: no "0/0 runs".
    expect(besideCandidates(base)).toBe('search');
  });
});

describe('a job stopped before it ran anything', () => {
  it('reports its planned candidates, not "0 / 0"', async () => {
    const manager = new OptimizationManager({ executor: busyPool().executor, progressIntervalMs: 0 });
    const { run, done } = manager.start(doc);
    manager.cancel(run.id);
    const ended = await done;
    expect(ended.status).toBe('cancelled');
    expect(ended.progress).toMatchObject({ evaluated: 0, budget: 36, runsDone: 0, runsQueued: 0, pilots: { done: 0, total: 3 } });
  });
});
