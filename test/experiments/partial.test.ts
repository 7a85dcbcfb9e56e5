import { describe, expect, it } from 'vitest';
import { InlineExecutor, type Executor } from '../../server/experiments/executors.ts';
import { ExperimentManager, type ExperimentRun } from '../../server/experiments/manager.ts';
import { runExperiment } from '../../server/experiments/experiment.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { formatText } from '../../server/experiments/format.ts';
import { planOptimization } from '../../server/experiments/optimize-plan.ts';
import { runOptimization } from '../../server/experiments/optimize.ts';
import type { Outcome, Task } from '../../server/experiments/task.ts';
import { ExperimentPartialSchema, OptimizationPartialSchema, partialMark } from '../../server/protocol/partial-result.ts';
import { mm1Model } from './mm1.ts';
import { twoStationLine } from './two-station-line.ts';

/**
 * An executor that runs nothing: it hands back a scripted outcome for the tasks `value` knows
 * (each replication "measures" that number for every KPI), in task order, then stops the run as
 * a cancel does (the signal aborts with a reason carrying `status: 'cancelled'`) and rejects
 * the way the thread pool does. So exactly the scripted replications finished, and the partial
 * result can be checked against a hand calculation.
 */
function cancelledAfter(value: (task: Task) => number | undefined): { executor: Executor; signal: AbortSignal } {
  const stop = new AbortController();
  const executor: Executor = {
    description: 'scripted',
    close: async () => {},
    async run(tasks, onOutcome) {
      for (const task of tasks) {
        const v = value(task);
        if (v === undefined || task.kind !== 'replication') continue;
        const outcome: Outcome = { kind: 'replication', point: task.point, replication: task.replication, metrics: Object.fromEntries(task.kpis.map((k) => [k, v])), events: 1, wallSeconds: 0 };
        onOutcome?.(outcome);
      }
      stop.abort(Object.assign(new Error('cancelled while running'), { status: 'cancelled' }));
      throw new Error('The task has been aborted');
    },
  };
  return { executor, signal: stop.signal };
}

// Student t quantiles t(0.975, df) from the tables: df 1 → 12.7062, df 2 → 4.3027.
const T1 = 12.706204736;
const T2 = 4.302652730;

describe('a cancelled experiment reports the replications that finished', () => {
  const { plan } = planExperiment(
    {
      name: 'stopped', model: mm1Model(), horizon: 1000, warmup: 0, replications: 5, warmupReport: false,
      scenarios: [{ name: 'base' }, { name: 'alt' }, { name: 'lone' }, { name: 'none' }],
    },
    process.cwd(),
  );
  // Finished before the cancel, by alternative (point) and replication number:
  //   base: r0 = 10, r1 = 12, r3 = 14   alt: r0 = 11, r2 = 15, r3 = 16   lone: r1 = 20   none: nothing
  const finished: Record<number, Record<number, number>> = { 0: { 0: 10, 1: 12, 3: 14 }, 1: { 0: 11, 2: 15, 3: 16 }, 2: { 1: 20 }, 3: {} };

  it('with means, t intervals on n − 1 df and paired differences over common replication numbers only', async () => {
    const { executor, signal } = cancelledAfter((t) => finished[t.point][t.replication]);
    const r = await runExperiment(plan, executor, undefined, signal);
    const kpi = plan.rankBy.kpi;

    expect(r.partial).toEqual({ stoppedBy: 'cancelled', phase: 'replications', finished: [3, 3, 1, 0], planned: [5, 5, 5, 5] });
    expect(partialMark(ExperimentPartialSchema, r)).toEqual(r.partial);
    expect(r.points.map((p) => p.replications)).toEqual([3, 3, 1, 0]);

    // base 10, 12, 14: mean 12, s² = (4 + 0 + 4)/2 = 4, s = 2, half-width t(0.975, 2)·2/√3.
    const base = r.points[0].kpis[kpi]!;
    expect(base.n).toBe(3);
    expect(base.mean).toBeCloseTo(12, 12);
    expect(base.ci95!).toBeCloseTo((T2 * 2) / Math.sqrt(3), 6);
    // alt 11, 15, 16: mean 14, s² = (9 + 1 + 4)/2 = 7, half-width t(0.975, 2)·√7/√3.
    const alt = r.points[1].kpis[kpi]!;
    expect(alt.mean).toBeCloseTo(14, 12);
    expect(alt.ci95!).toBeCloseTo((T2 * Math.sqrt(7)) / Math.sqrt(3), 6);
    // lone: one replication, a mean and no interval; none: nothing but the count.
    expect(r.points[2].kpis[kpi]).toMatchObject({ n: 1, mean: 20, ci95: null });
    expect(r.points[3].kpis[kpi]).toBeNull();
    // Samples sit at their replication number, holes for what did not finish.
    expect(r.points[0].samples[kpi]).toEqual([10, 12, null, 14]);

    // alt − base pairs replications 0 and 3 only (both finished both): 11 − 10 = 1, 16 − 14 = 2;
    // mean 1.5, s = √0.5, half-width t(0.975, 1)·√0.5/√2 = 12.7062 × 0.5. Packing the finished
    // values instead would pair 11−10, 15−12, 16−14 (n = 3): the test tells them apart.
    const d = r.differences.find((x) => x.a === 'alt' && x.b === 'base')!;
    expect(d.n).toBe(2);
    expect(d.mean).toBeCloseTo(1.5, 12);
    expect(d.ci95!).toBeCloseTo(T1 * 0.5, 6);
    // lone − base share only replication 1: 20 − 12 = 8 with no interval; lone and alt share none.
    expect(r.differences.find((x) => x.a === 'lone' && x.b === 'base')).toMatchObject({ n: 1, mean: 8, ci95: null, significant: false });
    expect(r.differences.some((x) => x.a === 'lone' && x.b === 'alt')).toBe(false);
    expect(r.differences.some((x) => x.a === 'none' || x.b === 'none')).toBe(false);

    const text = formatText(r);
    expect(text).toContain('PARTIAL RESULT: cancelled during the replications');
    expect(text).toContain('Scenario "base" (cancelled after 3 of 5 replications)');
    expect(text).toContain('Scenario "none" (cancelled after 0 of 5 replications)');
  });

  it('a complete result carries no partial mark, and an older or malformed mark reads as none', async () => {
    const { executor } = cancelledAfter((t) => t.replication);
    // Without the signal the runner does not know it was a stop: the rejection is an error, as before.
    await expect(runExperiment(plan, executor)).rejects.toThrow('aborted');
    expect(partialMark(ExperimentPartialSchema, { points: [] })).toBeNull();
    expect(partialMark(ExperimentPartialSchema, { partial: { stoppedBy: 'bored' } })).toBeNull();
    expect(partialMark(ExperimentPartialSchema, null)).toBeNull();
  });
});

describe('a cancelled optimisation reports the candidates fully evaluated', () => {
  const line = twoStationLine;
  const plan = planOptimization(
    {
      model: line, horizon: '11h', warmup: '1h', replications: 2, seed: 1,
      variables: [{ path: 'cut.servers', from: 1, to: 2, step: 1 }, { path: 'pack.servers', from: 1, to: 2, step: 1 }],
      constraints: [{ kpi: 'sinks.out.perHour', min: 50 }],
      objective: { minimize: { 'cut.servers': 10, 'pack.servers': 7 } },
    },
    process.cwd(),
  );

  it('keeps candidates whose first replications all finished and picks the best of them', async () => {
    // The grid of 4 is searched exhaustively in one batch, candidate k = (cut, pack) in the order
    // (1,1), (2,1), (1,2), (2,2). Before the cancel: both replications of candidates 0 and 1,
    // replication 0 of candidate 2, nothing of candidate 3. Output 100 + r parts/h: mean 100.5,
    // s = √0.5, one-sided 95 % bound 100.5 − t(0.95, 1)·√0.5/√2 = 100.5 − 6.314 × 0.5 ≥ 50: holds.
    const { executor, signal } = cancelledAfter((t) => (t.point < 2 || (t.point === 2 && t.replication === 0) ? 100 + t.replication : undefined));
    const r = await runOptimization(plan, executor, undefined, signal);
    expect(r.partial).toEqual({ stoppedBy: 'cancelled', phase: 'search', evaluated: 2, unfinished: 1 });
    expect(partialMark(OptimizationPartialSchema, r)).toEqual(r.partial);
    expect(r.evaluated).toBe(2);
    expect(r.candidates.map((c) => [c.id, c.replications, c.status])).toEqual([[0, 2, 'holds'], [1, 2, 'holds']]);
    // The cheaper of the two: 10·1 + 7·1 = 17 against 10·2 + 7·1 = 27.
    expect(r.best).toMatchObject({ values: { 'cut.servers': 1, 'pack.servers': 1 }, objective: 17, replications: 2 });
    expect(r.best!.kpis['sinks.out.perHour']!.mean).toBeCloseTo(100.5, 12);
  });

  it('stopped before any candidate finished: no candidates, no best, still marked', async () => {
    const { executor, signal } = cancelledAfter(() => undefined);
    const r = await runOptimization(plan, executor, undefined, signal);
    expect(r.partial).toEqual({ stoppedBy: 'cancelled', phase: 'search', evaluated: 0, unfinished: 0 });
    expect(r.candidates).toEqual([]);
    expect(r.best).toBeNull();
  });
});

describe('a timed-out experiment keeps what finished too', () => {
  it('ends timed-out with a partial result saying so', async () => {
    // EXPERIMENT_TIMEOUT of 0.3 s against 2 × 200 replications run one after another on this thread: it stops long before the end.
    const manager = new ExperimentManager({ executor: new InlineExecutor(), timeoutMs: 300 });
    const kept = new Promise<ExperimentRun>((resolve) => manager.once('kept', resolve));
    const { run } = manager.start({
      name: 'too long', model: mm1Model(), horizon: 20_000, warmup: 0, replications: 200, warmupReport: false,
      scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.8 } } } }],
    });
    expect((await kept).id).toBe(run.id);
    expect(run.status).toBe('timed-out');
    const partial = run.result!.partial!;
    expect(partial).toMatchObject({ stoppedBy: 'timed-out', phase: 'replications', planned: [200, 200] });
    expect(partial.finished).toEqual(run.result!.points.map((p) => p.replications));
    expect(partial.finished[0] + partial.finished[1]).toBeLessThan(400);
  });
});
