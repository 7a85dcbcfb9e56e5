import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR, loadModelFile } from '../../server/files/model-files.ts';
import { ModelSchema, type ModelInput } from '../../server/protocol/model.ts';
import { runModel } from '../../server/experiments/runner.ts';
import { computeKpis } from '../../server/kpi/kpis.ts';
import { staticCapacity } from '../../server/kpi/capacity.ts';

const DAY = 86400;

/**
 * Renewal-theory standard deviation of the parts one always-busy server finishes in T:
 * a part takes X = c + D, where D are the repairs of failures striking during c
 * (Poisson in working time, rate 1/mtbf), plus the setup share. N(T) ≈ Normal(T/μ, Tσ²/μ³).
 */
function renewal(T: number, c: { mean: number; sd: number }, mtbf: number, r: { mean: number; sd: number }, setupPerPart = 0) {
  const ratio = r.mean / mtbf;
  const mu = c.mean * (1 + ratio) + setupPerPart;
  const varX = c.sd ** 2 * (1 + ratio) ** 2 + (c.mean / mtbf) * (r.sd ** 2 + r.mean ** 2);
  return { mean: T / mu, sd: Math.sqrt((T * varX) / mu ** 3) };
}

/** A feeder with poor availability, a buffer, and the bottleneck machine. */
function tandem(buffer: number): ModelInput {
  return {
    name: 'tandem',
    product: { whPerCell: 100, cellsFrom: 'm' },
    nodes: [
      { id: 'raw', type: 'source', to: 'a' },
      { id: 'a', type: 'machine', cycle: { dist: 'exponential', mean: 40 }, failures: { ttf: { dist: 'exponential', mean: 1800 }, ttr: { dist: 'exponential', mean: 600 } }, to: 'buf' },
      { id: 'buf', type: 'buffer', capacity: buffer, to: 'm' },
      { id: 'm', type: 'machine', cycle: { dist: 'lognormal', mean: 60, sd: 12 }, failures: { ttf: { dist: 'exponential', mean: 3600 }, ttr: { dist: 'lognormal', mean: 300, sd: 300 } }, to: 'out' },
      { id: 'out', type: 'sink' },
    ],
  };
}

describe('simulation against the static capacity bound', () => {
  const T = 30 * DAY;
  const theory = renewal(T, { mean: 60, sd: 12 }, 3600, { mean: 300, sd: 300 });

  it('the bound of the tandem line is the bottleneck machine: 3600 / (60 × (1 + 300/3600)) parts/h', () => {
    const cap = staticCapacity(ModelSchema.parse(tandem(200)));
    expect(cap.bottleneck?.id).toBe('m');
    expect(cap.cellsPerHour).toBeCloseTo(3600 / 65, 9);
    expect(cap.cellsPerHour * (T / 3600)).toBeCloseTo(theory.mean, 6);
  });

  it('never beats the bound and approaches it when the buffer is large (30 days, 3 seeds)', () => {
    for (const seed of [1, 2, 3]) {
      const model = ModelSchema.parse(tandem(200));
      const r = runModel(model, { horizonS: T, warmupS: 0, seed, replications: 1 });
      const made = computeKpis(model, r).cellsPerDay! * 30;
      // Above the bound only by noise: 4 standard deviations of a fully busy bottleneck.
      expect(made).toBeLessThan(theory.mean + 4 * theory.sd);
      // Starving behind a 200-place buffer (over 3 h of demand, 20 repairs of A) costs under 3 %.
      expect(made).toBeGreaterThan(0.97 * theory.mean);
    }
  });

  it('a small buffer loses output against a large one (same seed)', () => {
    const made = (b: number) => runModel(ModelSchema.parse(tandem(b)), { horizonS: T, warmupS: 0, seed: 1, replications: 1 }).sinks.out.count;
    const small = made(1);
    const large = made(200);
    expect(small).toBeLessThan(large - 4 * theory.sd);
  });

  it('the default plant stays under its bound and close to it (45 days, 30 of warm-up)', () => {
    const model = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
    const cap = staticCapacity(model);
    expect(cap.bottleneck?.id).toBe('stacker');
    const r = runModel(model, { horizonS: 45 * DAY, warmupS: 30 * DAY, seed: 1, replications: 1 });
    const k = computeKpis(model, r);
    // 24 stackers, each a renewal process of trays (cycle 536.8 s ± 5 %, MTBF 2 h, MTTR 0.15 h with CV 1, 300 s setup per 14 trays).
    const stacker = model.nodes.find((n) => n.id === 'stacker')!;
    if (stacker.type !== 'assembly' || stacker.cycle.dist !== 'lognormal' || stacker.failures === undefined) throw new Error('unexpected stacker');
    const ttf = stacker.failures.ttf as { mean: number };
    const ttr = stacker.failures.ttr as { mean: number; sd: number };
    const one = renewal(15 * DAY, { mean: stacker.cycle.mean, sd: stacker.cycle.sd }, ttf.mean, ttr, 300 / 14);
    const relSd = Math.sqrt(24) * one.sd / (24 * one.mean);
    expect(k.gwhPerYear!).toBeLessThan(cap.gwhPerYear! * (1 + 4 * relSd));
    expect(k.gwhPerYear!).toBeGreaterThan(cap.gwhPerYear! * 0.97);
    expect(k.bottleneck?.id).toBe('stacker');
  });
});
