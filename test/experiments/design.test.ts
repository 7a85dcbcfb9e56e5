import { describe, expect, it } from 'vitest';
import { planExperiment } from '../../server/experiments/experiment-files.ts';
import { ValidationError } from '../../server/protocol/errors.ts';
import { mm1Model } from './mm1.ts';

const base = { name: 'x', model: mm1Model(), horizon: '1h' };

function problems(input: object): string[] {
  try {
    planExperiment(input, process.cwd());
  } catch (err) {
    if (err instanceof ValidationError) return err.problems;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('experiment design', () => {
  it('builds a two-parameter grid as merge patches on node fields', () => {
    const { plan } = planExperiment(
      { ...base, sweep: { parameters: [{ path: 'queue.capacity', values: [5, 50] }, { path: 'server.cycle.mean', label: 'service', from: 0.5, to: 0.7, step: 0.1 }] } },
      process.cwd(),
    );
    expect(plan.points.map((p) => p.name)).toEqual([
      'queue.capacity=5 × service=0.5',
      'queue.capacity=5 × service=0.6',
      'queue.capacity=5 × service=0.7',
      'queue.capacity=50 × service=0.5',
      'queue.capacity=50 × service=0.6',
      'queue.capacity=50 × service=0.7',
    ]);
    const point = plan.points[4];
    expect(point.parameters).toEqual({ 'queue.capacity': 50, service: 0.6 });
    const server = point.model.nodes.find((n) => n.id === 'server');
    // Only the mean changed: the distribution kind came from the model.
    expect(server && 'cycle' in server ? server.cycle : null).toEqual({ dist: 'exponential', mean: 0.6 });
    expect(plan.horizonS).toBe(3600);
    expect(plan.replications).toBe(10);
    expect(plan.rankBy).toEqual({ kpi: 'sinks.done.perHour', goal: 'max' });
    expect(plan.kpis).toContain('system.avgTimeInSystemS');
  });

  it('names scenarios and applies inline overlays', () => {
    const { plan } = planExperiment({ ...base, scenarios: [{ name: 'base' }, { name: 'two servers', set: { server: { servers: 2 } } }] }, process.cwd());
    expect(plan.points.map((p) => p.name)).toEqual(['base', 'two servers']);
    const server = plan.points[1].model.nodes.find((n) => n.id === 'server');
    expect(server && 'servers' in server ? server.servers : null).toBe(2);
  });

  it('names the field and the reason for every bad input, all at once', () => {
    expect(problems({ ...base, sweep: { parameters: [{ path: 'queue.capacity', values: [5, 0, 'a'] }] } })).toEqual([
      'sweep.parameters[0].values[1] (0): set.queue.capacity: must be >= 1',
      'sweep.parameters[0].values[2] (a): set.queue.capacity: must be a whole number >= 1 or null (unbounded)',
    ]);
    expect(problems({ ...base, sweep: { parameters: [{ path: 'nope.capacity', values: [5] }] } })).toEqual([
      'sweep.parameters[0].path: "nope.capacity" does not start with the id of a node in the model',
    ]);
    expect(problems({ ...base, warmup: '2h', replications: 1, sweep: { parameters: [{ path: 'queue.capacity', from: 5, to: 1, step: 1 }] } })).toEqual([
      'sweep.parameters[0].to: must be >= from',
      'replications: must be >= 2 (a confidence interval needs two replications)',
      'warmup: must be shorter than the horizon (3600 s)',
    ]);
    expect(problems({ ...base, scenarios: [{ name: 'a' }], sweep: { parameters: [{ path: 'queue.capacity', values: [1] }] } })).toEqual([
      'sweep: give either scenarios or sweep, not both',
    ]);
    expect(problems({ ...base, precision: { minReplications: 5 } })).toEqual(['precision.halfWidth: give exactly one of halfWidth and relative']);
    expect(problems({ ...base, scenarios: ['no-such-scenario.json'] })[0]).toMatch(/^scenarios\[0\]: scenarios\[0\]: no scenario file "no-such-scenario.json"/);
    const kpi = problems({ ...base, rankBy: { kpi: 'sinks.done.perHr' } });
    expect(kpi).toHaveLength(1);
    expect(kpi[0]).toMatch(/^rankBy\.kpi: unknown KPI "sinks\.done\.perHr"; close matches: sinks\.done\.perHour/);
  });
});
