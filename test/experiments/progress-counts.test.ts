import { describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../server/experiments/executors.ts';
import { runExperiment, type ExperimentProgress } from '../../server/experiments/experiment.ts';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { formatText } from '../../server/experiments/format.ts';
import { ExperimentProgressMessageSchema } from '../../server/protocol/experiment-progress.ts';
import { ExperimentManager } from '../../server/experiments/manager.ts';
import { busyPool } from './busy-pool.ts';
import { twoStationLine } from './two-station-line.ts';

/**
 * Progress counts replications, the same count a partial result reports ("4 of 500"); the
 * runs that measure nothing are counted apart: one MSER-5 warm-up pilot per alternative (warm-up
 * `auto`) and the Welch warm-up check's runs (5 by default, server/experiments/plan.ts). Before,
 * all three were summed into one "done / total", so a page read "7 / 505" for 2 of 500 replications.
 */
describe('experiment progress', () => {
  // 2 alternatives × 3 replications = 6 replications; 2 pilots; 5 check runs.
  const { plan } = planExperiment(
    { name: 'counted', model: twoStationLine, horizon: 36_000, warmup: 'auto', replications: 3, scenarios: [{ name: 'base' }, { name: 'two packers', set: { pack: { servers: 2 } } }] },
    process.cwd(),
  );

  it('counts replications in done/total and the pilots and warm-up check runs apart', async () => {
    const seen: ExperimentProgress[] = [];
    const result = await runExperiment(plan, new InlineExecutor(), (p) => seen.push(structuredClone(p)));
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ done: 6, total: 6, phase: 'replications', pilots: { done: 2, total: 2 }, checks: { done: 5, total: 5 } });
    // Replications finished are what the result counts per alternative.
    expect(result.points.reduce((a, p) => a + p.replications, 0)).toBe(last.done);
    // While the pilots run no replication has finished, and the 6 asked for are planned already (a stop then
    // reads "0 / 6", as its partial result "0 of 3" per alternative); never more done than planned, of any kind.
    const duringPilots = seen.filter((p) => p.phase === 'warm-up pilot');
    expect(duringPilots.length).toBeGreaterThan(0);
    expect(duringPilots.every((p) => p.total === 6 && p.done === 0)).toBe(true);
    for (const p of seen) {
      expect(p.done).toBeLessThanOrEqual(p.total);
      expect(p.pilots!.done).toBeLessThanOrEqual(p.pilots!.total);
      if (p.checks) expect(p.checks.done).toBeLessThanOrEqual(p.checks.total);
    }
    // The result's replications are those whose numbers it holds; the pilots and check runs are counted apart
    // (before, engine.replications read 13 = 6 + 2 + 5 beside points of 3 replications each).
    expect(result.engine).toMatchObject({ replications: 6, pilotRuns: 2, checkRuns: 5 });
    expect(formatText(result)).toContain('6 replications + 2 warm-up pilot runs and 5 warm-up check runs, ');
  });

  it('sends the separate counts in the socket message, which a page validates', () => {
    const message = { id: 'x', name: 'counted', status: 'running', done: 2, total: 500, phase: 'replications', checks: { done: 3, total: 5 }, error: null };
    expect(ExperimentProgressMessageSchema.parse(message)).toMatchObject({ done: 2, total: 500, checks: { done: 3, total: 5 } });
  });
});

describe('an experiment stopped before it ran anything', () => {
  it('reports the replications it planned, not "0 / 0"', async () => {
    const manager = new ExperimentManager({ executor: busyPool().executor, progressIntervalMs: 0 });
    const { run, done } = manager.start({ name: 'stopped', model: twoStationLine, horizon: 36_000, warmup: 'auto', replications: 250, scenarios: [{ name: 'base' }, { name: 'two packers', set: { pack: { servers: 2 } } }] });
    manager.cancel(run.id);
    const ended = await done;
    expect(ended.status).toBe('cancelled');
    expect(ended.progress).toMatchObject({ done: 0, total: 500, phase: 'warm-up pilot', pilots: { done: 0, total: 2 } });
  });
});
