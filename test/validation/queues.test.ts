/**
 * Single-stage queues with closed-form answers: a timed source, an unbounded
 * buffer, a machine and a sink are an M/M/1, M/M/c or M/D/1 queue.
 * system.avgWip is L (buffer + servers), system.avgTimeInSystemS is W, the
 * buffer's avgLevel is Lq. Tolerances: 4 standard errors across independent
 * replications (expectAgrees), each replication warmed up well past the
 * queue's relaxation time so the initial-state bias is far below that.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationReport } from '../../server/plant/report.ts';
import { buildModel, constant, exponential, expectAgrees, nodeField, replicate, stateShare, type DistInput } from './helpers.ts';

function singleStage(arrivalRate: number, servers: number, cycle: DistInput) {
  return buildModel([
    { id: 'src', type: 'source', interarrival: exponential(1 / arrivalRate), to: 'q' },
    { id: 'q', type: 'buffer', capacity: null, to: 'm' },
    { id: 'm', type: 'machine', servers, cycle: cycle as never, to: 'out' },
    { id: 'out', type: 'sink' },
  ]);
}

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1; // Σ_{k<c} a^k/k!
  for (let k = 1; k < c; k++) sum += term *= a / k;
  const top = ((term * a) / c) * (1 / (1 - a / c)); // a^c/c! · 1/(1−ρ)
  return top / (sum + top);
}

const PLAN = { horizonS: 40_500, warmupS: 500, replications: 40, seed: 1 };

describe('M/M/1 (λ = 0.6, μ = 1)', () => {
  const rho = 0.6;
  let reps: ReplicationReport[] = [];
  beforeAll(() => {
    reps = replicate(singleStage(rho, 1, exponential(1)), PLAN);
  });

  it('L = ρ/(1−ρ) = 1.5', () => {
    expectAgrees(reps.map((r) => r.system.avgWip), rho / (1 - rho), 'L');
  });
  it('W = 1/(μ−λ) = 2.5', () => {
    expectAgrees(reps.map((r) => r.system.avgTimeInSystemS), 1 / (1 - rho), 'W');
  });
  it('Lq = ρ²/(1−ρ) = 0.9 (buffer avgLevel)', () => {
    expectAgrees(reps.map((r) => nodeField(r, 'q', 'avgLevel')), (rho * rho) / (1 - rho), 'Lq', 0.05);
  });
  it('utilization = ρ and the state shares sum to 1', () => {
    expectAgrees(reps.map((r) => nodeField(r, 'm', 'utilization')), rho, 'utilization', 0.02);
    for (const r of reps) {
      const states = r.nodes.m.states as Record<string, number>;
      expect(Object.values(states).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(stateShare(r, 'm', 'blocked')).toBe(0);
    }
  });
});

describe('M/M/3 (λ = 2.1, μ = 1): Erlang C', () => {
  const c = 3;
  const lambda = 2.1;
  let reps: ReplicationReport[] = [];
  beforeAll(() => {
    reps = replicate(singleStage(lambda, c, exponential(1)), { ...PLAN, horizonS: 20_500, replications: 30 });
  });
  const rho = lambda / c;
  const lq = (erlangC(c, lambda) * rho) / (1 - rho);
  const w = lq / lambda + 1;

  it(`Lq = C(c,a)·ρ/(1−ρ) = ${lq.toFixed(4)}`, () => {
    expectAgrees(reps.map((r) => nodeField(r, 'q', 'avgLevel')), lq, 'Lq', 0.05);
  });
  it(`W = Lq/λ + 1/μ = ${w.toFixed(4)}`, () => {
    expectAgrees(reps.map((r) => r.system.avgTimeInSystemS), w, 'W');
  });
  it(`L = λW = ${(lambda * w).toFixed(4)}`, () => {
    expectAgrees(reps.map((r) => r.system.avgWip), lambda * w, 'L');
  });
  it('per-server utilization = λ/(cμ) = 0.7', () => {
    expectAgrees(reps.map((r) => nodeField(r, 'm', 'utilization')), rho, 'utilization', 0.02);
  });
});

describe('M/D/1 (λ = 0.7, D = 1): Pollaczek–Khinchine', () => {
  const lambda = 0.7;
  let reps: ReplicationReport[] = [];
  beforeAll(() => {
    reps = replicate(singleStage(lambda, 1, constant(1)), PLAN);
  });
  // P–K with E[S²] = D²: Lq = λ²D²/(2(1−ρ)).
  const lq = (lambda * lambda) / (2 * (1 - lambda));
  const w = lq / lambda + 1;

  it(`Lq = ρ²/(2(1−ρ)) = ${lq.toFixed(4)}`, () => {
    expectAgrees(reps.map((r) => nodeField(r, 'q', 'avgLevel')), lq, 'Lq', 0.05);
  });
  it(`W = Wq + D = ${w.toFixed(4)}`, () => {
    expectAgrees(reps.map((r) => r.system.avgTimeInSystemS), w, 'W');
  });
  it(`L = λW = ${(lambda * w).toFixed(4)}`, () => {
    expectAgrees(reps.map((r) => r.system.avgWip), lambda * w, 'L');
  });
});
