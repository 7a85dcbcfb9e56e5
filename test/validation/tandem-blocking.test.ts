/**
 * Two exponential stations in series with a finite buffer between them and
 * blocking after service, fed by an unlimited source:
 *   src (unlimited) → m1 (rate μ1) → b (capacity K) → m2 (rate μ2) → sink.
 * The line is a CTMC on (n, blocked): n = parts in b plus m2 (0..K+1), and
 * `blocked` when m1 holds a finished part because n = K+1. Its stationary
 * distribution gives the exact throughput μ2·P(n ≥ 1), m1's blocked share and
 * m2's idle share; the simulated values must agree within 4 standard errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationReport } from '../../server/plant/report.ts';
import { buildModel, exponential, expectAgrees, nodeField, replicate, stateShare } from './helpers.ts';
import { stationary, type Chain } from './markov.ts';

interface LineState {
  n: number;
  blocked: boolean;
}

function tandemChain(mu1: number, mu2: number, k: number): Chain<LineState> {
  const full = k + 1;
  const states: LineState[] = [];
  for (let n = 0; n <= full; n++) states.push({ n, blocked: false });
  states.push({ n: full, blocked: true });
  return {
    states,
    key: (s) => `${s.n}${s.blocked ? 'b' : ''}`,
    transitions: ({ n, blocked }) => {
      const out: { to: LineState; rate: number }[] = [];
      if (!blocked) out.push({ to: n < full ? { n: n + 1, blocked: false } : { n: full, blocked: true }, rate: mu1 });
      // When m2 finishes a blocked line, m1's part moves into the buffer: n stays K+1.
      if (n >= 1) out.push({ to: blocked ? { n: full, blocked: false } : { n: n - 1, blocked: false }, rate: mu2 });
      return out;
    },
  };
}

function exactLine(mu1: number, mu2: number, k: number) {
  const pi = stationary(tandemChain(mu1, mu2, k));
  const idle2 = pi.get('0')!;
  const blocked1 = pi.get(`${k + 1}b`)!;
  let bufferLevel = 0;
  for (const [key, p] of pi) bufferLevel += p * Math.max(0, Number.parseInt(key, 10) - 1);
  return { throughput: mu2 * (1 - idle2), idle2, blocked1, bufferLevel };
}

const cases = [
  { mu1: 1, mu2: 1, k: 2 }, // balanced: throughput = (K+2)/(K+3) = 0.8
  { mu1: 1.25, mu2: 1, k: 1 },
];

describe('markov solver', () => {
  it('reproduces the balanced-line closed form (K+2)/(K+3)', () => {
    for (const k of [0, 1, 2, 5]) expect(exactLine(1, 1, k).throughput).toBeCloseTo((k + 2) / (k + 3), 12);
  });
});

for (const { mu1, mu2, k } of cases) {
  describe(`two-station line μ1 = ${mu1}, μ2 = ${mu2}, buffer K = ${k}`, () => {
    const exact = exactLine(mu1, mu2, k);
    const plan = { horizonS: 12_200, warmupS: 200, replications: 30, seed: 3 };
    const span = plan.horizonS - plan.warmupS;
    let reps: ReplicationReport[] = [];
    beforeAll(() => {
      const model = buildModel([
        { id: 'src', type: 'source', to: 'm1' },
        { id: 'm1', type: 'machine', cycle: exponential(1 / mu1), to: 'b' },
        { id: 'b', type: 'buffer', capacity: k, to: 'm2' },
        { id: 'm2', type: 'machine', cycle: exponential(1 / mu2), to: 'out' },
        { id: 'out', type: 'sink' },
      ]);
      reps = replicate(model, plan);
    });

    it(`throughput = μ2·(1 − π0) = ${exact.throughput.toFixed(4)}`, () => {
      expectAgrees(reps.map((r) => r.sinks.out.count / span), exact.throughput, 'throughput', 0.01);
      expectAgrees(reps.map((r) => r.sinks.out.perHour / 3600), exact.throughput, 'perHour/3600', 0.01);
    });
    it(`m1 blocked share = π(K+1, blocked) = ${exact.blocked1.toFixed(4)}`, () => {
      expectAgrees(reps.map((r) => stateShare(r, 'm1', 'blocked')), exact.blocked1, 'm1 blocked', 0.05);
      expectAgrees(reps.map((r) => nodeField(r, 'm1', 'utilization')), 1 - exact.blocked1, 'm1 working', 0.02);
    });
    it(`m2 idle share = π0 = ${exact.idle2.toFixed(4)}`, () => {
      expectAgrees(reps.map((r) => stateShare(r, 'm2', 'idle')), exact.idle2, 'm2 idle', 0.05);
    });
    it(`buffer avgLevel = E[(n−1)+] = ${exact.bufferLevel.toFixed(4)}, never above K`, () => {
      expectAgrees(reps.map((r) => nodeField(r, 'b', 'avgLevel')), exact.bufferLevel, 'buffer level', 0.03);
      for (const r of reps) expect(nodeField(r, 'b', 'maxLevel')).toBeLessThanOrEqual(k);
    });
  });
}

describe('buffer levels count only parts that wait', () => {
  it('a buffer that parts cross in zero time reports level 0 (no zero-duration peak)', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: { dist: 'constant', value: 10 }, to: 'q' },
      { id: 'q', type: 'buffer', capacity: 5, to: 'm' },
      { id: 'm', type: 'machine', cycle: { dist: 'constant', value: 1 }, to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const [r] = replicate(model, { horizonS: 1000, warmupS: 0, replications: 1, seed: 1 });
    expect(nodeField(r, 'q', 'avgLevel')).toBe(0);
    expect(nodeField(r, 'q', 'maxLevel')).toBe(0);
  });
});
