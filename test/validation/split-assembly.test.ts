/**
 * Split and assembly ratios. These are conservation laws, so the checks are
 * exact up to the handful of parts legitimately inside a node when the run stops.
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import { buildModel, constant, exponential, nodeField } from './helpers.ts';

describe('split: one part in, k parts of qty units out', () => {
  it('zero-time split into a sink: exactly k parts and k·qty units per input, no WIP', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: exponential(2), to: 'slit' },
      { id: 'slit', type: 'split', k: 4, qty: 2, to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 6, 0);
    plant.runUntil(2000);
    const r = plantReport(plant);
    const inputs = nodeField(r, 'src', 'completed');
    expect(inputs).toBeGreaterThan(800);
    expect(nodeField(r, 'slit', 'completed')).toBe(inputs);
    expect(r.sinks.out.count).toBe(4 * inputs);
    expect(r.sinks.out.units).toBe(8 * inputs);
    expect(r.system.avgWip).toBe(0);
  });

  it('split feeding a slower machine: blocked children wait, none are lost', () => {
    const model = buildModel([
      { id: 'src', type: 'source', interarrival: exponential(4), to: 'slit' },
      { id: 'slit', type: 'split', k: 3, to: 'm' },
      { id: 'm', type: 'machine', cycle: exponential(1), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 7, 0);
    plant.runUntil(20_000);
    const r = plantReport(plant);
    const children = 3 * nodeField(r, 'slit', 'completed');
    const inside = plant.node('slit')!.contents + plant.node('m')!.contents;
    expect(children - r.sinks.out.count).toBe(inside);
    expect(inside).toBeLessThanOrEqual(3 + 1);
    // A part still held by a blocked source has not left it, so it is not WIP.
    expect(plant.ctx.wip.current).toBe(inside);
  });
});

describe('assembly: inputs {A: 3, B: 2} make one part of qty 5', () => {
  // Unlimited A and B, constant 2 s cycle. A part enters a kit only when a server
  // is free to collect it (no hidden staging): at t = 0, 2, 4, … the server frees,
  // the blocked sources hand over 3 A and 2 B at that instant and the cycle starts,
  // so cycles end at 2, 4, 6, … and every assembled part spends exactly 2 s in the
  // system; between cycles the next kit's parts are still held by their sources
  // (not yet WIP).
  const model = buildModel([
    { id: 'A', type: 'source', to: 'asm' },
    { id: 'B', type: 'source', to: 'asm' },
    { id: 'asm', type: 'assembly', inputs: { A: 3, B: 2 }, qty: 5, cycle: constant(2), to: 'out' },
    { id: 'out', type: 'sink' },
  ]);
  const plant = new Plant(model, 1, 0);
  plant.runUntil(1001);
  const r = plantReport(plant);
  const assembled = r.sinks.out.count;
  const started = nodeField(r, 'asm', 'completed') + 1; // one cycle running at t = 1001

  it('throughput is one part per cycle and each carries qty units', () => {
    expect(assembled).toBe(500);
    expect(r.sinks.out.units).toBe(5 * assembled);
  });

  it('consumes exactly 3 A and 2 B per cycle started (no kit staged while the server is busy)', () => {
    expect(nodeField(r, 'A', 'completed')).toBe(3 * started);
    expect(nodeField(r, 'B', 'completed')).toBe(2 * started);
  });

  it('WIP is the one part in process: the next kit waits upstream', () => {
    expect(plant.ctx.wip.current).toBe(1);
    expect(r.system.avgWip).toBeCloseTo(1, 9);
  });

  it('time in system runs from when the oldest component left its source: one cycle', () => {
    expect(r.system.avgTimeInSystemS).toBeCloseTo(2, 9);
  });
});

describe('assembly with random supply through finite buffers', () => {
  it('per-feeder consumption = k × cycles started, up to what waits in buffers and the kit', () => {
    const model = buildModel([
      { id: 'cells', type: 'source', interarrival: exponential(0.2), to: 'bc' },
      { id: 'frames', type: 'source', interarrival: exponential(1), to: 'bf' },
      { id: 'bc', type: 'buffer', capacity: 10, to: 'mod' },
      { id: 'bf', type: 'buffer', capacity: 3, to: 'mod' },
      { id: 'mod', type: 'assembly', servers: 2, inputs: { bc: 4, bf: 1 }, cycle: exponential(1.5), yield: 0.95, to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 3, 0);
    plant.runUntil(20_000);
    const r = plantReport(plant);
    const cycles = nodeField(r, 'mod', 'completed');
    expect(cycles).toBeGreaterThan(10_000);
    // Parts inside the assembly: kit components plus assembled parts on its servers.
    for (const [src, buf, k] of [['cells', 'bc', 4], ['frames', 'bf', 1]] as const) {
      const supplied = nodeField(r, src, 'completed');
      const consumed = supplied - plant.node(buf)!.contents;
      expect(consumed - k * cycles).toBeGreaterThanOrEqual(0);
      expect(consumed - k * cycles).toBeLessThanOrEqual(k * 3); // ≤ 2 running cycles + 1 kit being collected
    }
    // Assembled parts (qty 1) are either scrapped whole or reach the sink, which never blocks.
    expect(r.sinks.out.count + nodeField(r, 'mod', 'scrapped')).toBe(cycles);
  });
});
