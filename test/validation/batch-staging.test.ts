/**
 * Batch and assembly stations have no hidden staging area: a part enters a batch
 * or kit only when a server is free to load it; until then it waits in the
 * buffer in front, where the model can see and size it.
 * - (a) a deterministic line worked by hand: buffer level, WIP, time in system;
 * - (b) a bulk-service queue M/M^(1,b)/1 (a free server takes up to b waiting
 *   parts and starts at once) against the exact Markov chain, with the explicit
 *   buffer counted, and Little's law;
 * - (c) an assembly station does not pull its next kit while its server is busy.
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import { buildModel, constant, expectAgrees, exponential, nodeField, replicate, stateShare } from './helpers.ts';
import { stationary } from './markov.ts';

describe('(a) deterministic: parts every 2 s into a buffer, then a batch of 2 taking 3 s', () => {
  // Parts i = 1, 2, … arrive at t = 2i. Batch j = (parts 2j−1, 2j) starts when part 2j
  // arrives (t = 4j) and ends at 4j + 3. Part 2j+1 arrives at 4j + 2 while the server
  // is busy, so it waits in the BUFFER for 1 s until the server frees at 4j + 3 and
  // loads it; the server then collects (idle) until 4j + 4. Per 4 s period:
  //   buffer level 1 during 1 s → avgLevel 1/4;  server working 3 s, idle 1 s;
  //   time in system: 5 s (part 2j−1) and 3 s (part 2j) → mean 4 s;
  //   WIP by Little: λ·W = 0.5 × 4 = 2.
  // Measured over whole periods: warm-up 100 s, horizon 4,100 s (1,000 periods, 1,000 batches).
  const model = buildModel([
    { id: 'src', type: 'source', interarrival: constant(2), to: 'buf' },
    { id: 'buf', type: 'buffer', capacity: null, to: 'oven' },
    { id: 'oven', type: 'batch', batch: { size: 2 }, cycle: constant(3), to: 'out' },
    { id: 'out', type: 'sink' },
  ]);
  const [r] = replicate(model, { horizonS: 4100, warmupS: 100, replications: 1, seed: 1 });

  it('the waiting part is in the buffer, not inside the oven: avgLevel 1/4, max 1', () => {
    expect(nodeField(r, 'buf', 'avgLevel')).toBeCloseTo(0.25, 12);
    expect(nodeField(r, 'buf', 'maxLevel')).toBe(1);
  });

  it('a server collecting its batch counts as idle: working 3/4, idle 1/4', () => {
    expect(stateShare(r, 'oven', 'working')).toBeCloseTo(0.75, 12);
    expect(stateShare(r, 'oven', 'idle')).toBeCloseTo(0.25, 12);
  });

  it('WIP 2, time in system 4 s; completed counts parts and batches counts batches', () => {
    expect(r.system.avgWip).toBeCloseTo(2, 12);
    expect(r.system.avgTimeInSystemS).toBeCloseTo(4, 12);
    expect(nodeField(r, 'oven', 'completed')).toBe(2000);
    expect(nodeField(r, 'oven', 'batches')).toBe(1000);
  });
});

describe('(a′) min < size: a free server starts with every part handed over at the same instant', () => {
  it('three parts released together from a buffer form one batch of 3 (size 5, min 2)', () => {
    // A machine with 3 servers and a constant 10 s cycle finishes 3 parts at t = 10, 20, …
    // (all at the same instant) into the buffer; the oven (size 5, min 2, cycle 1 s) is
    // free, loads the first, reaches min with the second, and must still take the third
    // because it arrives at that same instant: batches of exactly 3.
    const model = buildModel([
      { id: 'src', type: 'source', to: 'm' },
      { id: 'm', type: 'machine', servers: 3, cycle: constant(10), to: 'buf' },
      { id: 'buf', type: 'buffer', capacity: 10, to: 'oven' },
      { id: 'oven', type: 'batch', batch: { size: 5, min: 2 }, cycle: constant(1), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 1, 0);
    plant.runUntil(1005);
    const r = plantReport(plant);
    expect(nodeField(r, 'oven', 'batches')).toBe(100);
    expect(nodeField(r, 'oven', 'completed')).toBe(300);
  });
});

describe('(b) bulk service M/M^(1,b)/1 against its exact Markov chain (λ = 1, b = 4, batch time exp(2.5))', () => {
  const lambda = 1;
  const b = 4;
  const mu = 1 / 2.5; // batch completions per second: capacity b·μ = 1.6, ρ = 0.625
  const qMax = 150; // P(q ≥ 150) is far below double precision for this ρ
  // State (q, k): q parts in the buffer, k in the batch being processed (0 = idle).
  // Arrival: idle → (0, 1) (a lone part starts once no more arrive at that instant);
  // busy → (q + 1, k). Completion (rate μ): the free server loads min(q, b) at once.
  type S = { q: number; k: number };
  const states: S[] = [];
  for (let q = 0; q <= qMax; q++) for (let k = 0; k <= b; k++) if (!(k === 0 && q > 0)) states.push({ q, k });
  const pi = stationary<S>({
    states,
    key: (s) => `${s.q},${s.k}`,
    transitions: (s) => {
      const out: { to: S; rate: number }[] = [];
      if (s.k === 0) out.push({ to: { q: 0, k: 1 }, rate: lambda });
      else {
        if (s.q < qMax) out.push({ to: { q: s.q + 1, k: s.k }, rate: lambda });
        const take = Math.min(s.q, b);
        out.push({ to: { q: s.q - take, k: take }, rate: mu });
      }
      return out;
    },
  });
  let queue = 0;
  let wip = 0;
  for (const s of states) {
    const p = pi.get(`${s.q},${s.k}`)!;
    queue += s.q * p;
    wip += (s.q + s.k) * p;
  }

  const model = buildModel([
    { id: 'src', type: 'source', interarrival: exponential(1 / lambda), to: 'buf' },
    { id: 'buf', type: 'buffer', capacity: null, to: 'rack' },
    { id: 'rack', type: 'batch', batch: { size: b, min: 1 }, cycle: exponential(1 / mu), to: 'out' },
    { id: 'out', type: 'sink' },
  ]);
  const reps = replicate(model, { horizonS: 81_000, warmupS: 1_000, replications: 20, seed: 31 });

  it('the buffer in front holds E[q] from the chain', () => {
    expectAgrees(reps.map((r) => nodeField(r, 'buf', 'avgLevel')), queue, 'buffer level', 0.06);
  });

  it('WIP (buffer + batch) matches the chain, and Little: time in system = WIP / λ', () => {
    expectAgrees(reps.map((r) => r.system.avgWip), wip, 'WIP', 0.03);
    expectAgrees(reps.map((r) => r.system.avgTimeInSystemS), wip / lambda, 'time in system', 0.03);
  });
});

describe('(c) assembly: no kit is pulled while every server is busy', () => {
  it('mid-cycle the station holds only the part in process; the next kit waits in the buffers', () => {
    // Sources every 0.01 s fill both buffers (10 places each) in 0.1 s. At t = 0.02 the
    // one server has collected {A: 2, B: 1} and starts a 10 s cycle; the buffers fill. At
    // t = 5 the station holds 1 part (the assembly in process), the buffers 10 + 10,
    // and WIP is 21 (the sources' held parts have not left them).
    const model = buildModel([
      { id: 'A', type: 'source', interarrival: constant(0.01), to: 'bufA' },
      { id: 'B', type: 'source', interarrival: constant(0.01), to: 'bufB' },
      { id: 'bufA', type: 'buffer', capacity: 10, to: 'asm' },
      { id: 'bufB', type: 'buffer', capacity: 10, to: 'asm' },
      { id: 'asm', type: 'assembly', inputs: { bufA: 2, bufB: 1 }, cycle: constant(10), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 1, 0);
    plant.runUntil(5);
    expect(plant.node('asm')!.contents).toBe(1);
    expect(plant.node('bufA')!.contents).toBe(10);
    expect(plant.node('bufB')!.contents).toBe(10);
    expect(plant.ctx.wip.current).toBe(21);
    // Each later cycle consumes exactly one kit, taken when the server frees: cycles
    // start at 0.02 + 10k, so 101 by t = 1005, and A has handed over 10 (buffer) + 2 × 101.
    plant.runUntil(1005);
    expect(plantReport(plant).nodes.A.completed).toBe(10 + 2 * 101);
  });
});
