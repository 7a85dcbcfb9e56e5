/**
 * A breakdown of the server collecting a batch (a formation rack failing while it is loaded)
 * stops that server only: its parts stay in it, the other free servers go on loading, and the
 * repaired server goes on with its own batch. Before, the whole station stopped loading until
 * the repair. Timelines worked by hand; every time is exact (constant times).
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import type { Station } from '../../server/plant/station.ts';
import type { Sink } from '../../server/plant/sink.ts';
import { buildModel, constant } from './helpers.ts';

const node = <T,>(plant: Plant, id: string) => plant.nodes.get(id) as unknown as T;

/** A timed source (one part every `every` s) → an unbounded buffer → the racks → a sink. */
function racks(every: number, servers: number, batch: { size: number; maxWaitS?: number }): { plant: Plant; rack: Station; out: Sink } {
  const model = buildModel([
    { id: 'src', type: 'source', interarrival: constant(every), to: 'buf' },
    { id: 'buf', type: 'buffer', capacity: null, to: 'rack' },
    { id: 'rack', type: 'batch', servers, batch, cycle: constant(100), to: 'out' },
    { id: 'out', type: 'sink' },
  ]);
  const plant = new Plant(model, 1, 0);
  return { plant, rack: node<Station>(plant, 'rack'), out: node<Sink>(plant, 'out') };
}

/** Runs the plant to time `t` and returns the parts the sink has received by then. */
function countAt(plant: Plant, out: Sink, t: number): number {
  plant.runUntil(t);
  return out.count;
}

describe('a breakdown of the collecting rack', () => {
  it('lets a free rack load the next batch; the broken one keeps its parts and finishes its batch after repair', () => {
    // Parts arrive at t = 1, 2, 3, … Racks (size 4, 100 s) are taken in index order:
    // rack 0 loads parts 1–4 and starts at 4 (ends 104); rack 1 loads 5 and 6, then breaks at 6.5
    // until 50. Rack 2 loads 7–10 and starts at 10 (ends 110). Parts 11–50 wait in the buffer.
    // At 50 rack 1 is repaired and loads 11 and 12 at once: its batch (5, 6, 11, 12) starts at 50
    // (ends 150). Before this fix parts 7–10 waited for the repair and rack 2 started only at 50.
    const { plant, rack, out } = racks(1, 3, { size: 4 });
    plant.runUntil(6.5);
    expect(rack.breakFor(43.5, 1)).toBe(1);
    plant.runUntil(20);
    // Rack 0: 4, rack 1: 2 (broken, kept), rack 2: 4.
    expect(rack.contents).toBe(10);
    expect(countAt(plant, out, 104.5)).toBe(4);
    expect(countAt(plant, out, 110.5)).toBe(8); // rack 2's batch: it did not wait for the repair
    // Rack 0 and rack 2 load parts 13–16 and 17–20 at 104 and 110 (ending 204 and 210); rack 1 ends at 150.
    expect(countAt(plant, out, 149.5)).toBe(8);
    expect(countAt(plant, out, 150.5)).toBe(12);
  });

  it('while it is broken, a free rack loads the parts that come; repaired, its batch starts at once when its wait is over', () => {
    // Size 5, maxWaitS 10, a part every 3 s (part k at 3k), two racks. Rack 0 loads parts 1–3
    // (first at 3) and breaks at 10 until 30. Rack 1 loads part 4 at 12 and parts 5–7 until its
    // wait ends at 22: it starts with 4 parts (ends 122). Parts 8 and 9 (24, 27) wait in the
    // buffer. At 30 rack 0 is repaired; its first part has waited 27 s, but it is not full, so
    // it loads parts 8 and 9 at once and starts full (5 parts, ends 130).
    const { plant, rack, out } = racks(3, 2, { size: 5, maxWaitS: 10 });
    plant.runUntil(10);
    expect(rack.breakFor(20, 0)).toBe(1);
    expect(countAt(plant, out, 122.5)).toBe(4);
    expect(countAt(plant, out, 130.5)).toBe(9);
  });

  it("a repaired rack's wait counts from its first part, not from the repair", () => {
    // As above, but the repair comes at 11, before rack 1 has loaded anything: rack 0 collects
    // again and its wait (from its first part at 3) ends at 13, with part 4 (at 12) loaded:
    // 4 parts end at 113. Counting the wait from the repair would have waited for part 5 (at 15,
    // the batch full) and ended at 115.
    const { plant, rack, out } = racks(3, 2, { size: 5, maxWaitS: 10 });
    plant.runUntil(10);
    rack.breakFor(1, 0);
    expect(countAt(plant, out, 113.5)).toBe(4);
  });

  it('a repaired parked rack loads again when the collector that took over breaks, though no rack is free', () => {
    // Size 10, a part every second (part k at k), two racks. Rack 0 loads parts 1 and 2 and breaks
    // at 2.5 until 7.5; rack 1 takes over and loads parts 3–8. Rack 0, repaired at 7.5 while rack 1
    // collects, stays parked with its two parts. Rack 1 breaks at 8.5 for 1,000 s: no rack is free
    // and none collects, but the repaired rack 0 may load, so it takes parts 9–16 and starts full at
    // 16 (ends 116). Had only a free rack been able to load, parts would have waited for rack 1's
    // repair at 1,008.5.
    const { plant, rack, out } = racks(1, 2, { size: 10 });
    plant.runUntil(2.5);
    expect(rack.breakFor(5, 0)).toBe(1);
    plant.runUntil(8.5);
    expect(rack.breakFor(1000, 1)).toBe(1);
    plant.runUntil(16.5);
    expect(rack.contents).toBe(16);
    expect(countAt(plant, out, 115.5)).toBe(0);
    expect(countAt(plant, out, 116.5)).toBe(10);
  });

  it('an assembly whose reserved server breaks before its kit is complete lets a free server assemble it', () => {
    // A parts arrive every 10 s (first at 10); B parts pass a 5 s machine first (first at 15).
    // At 10 part A reserves server 0 for the kit; server 0 breaks at 12 for 1,000 s. At 15 part B
    // completes the kit and the free server 1 assembles it (100 s, ends 115). Before this fix
    // the kit waited for server 0's repair at 1,012.
    const model = buildModel([
      { id: 'srcA', type: 'source', interarrival: constant(10), to: 'asm' },
      { id: 'srcB', type: 'source', interarrival: constant(10), to: 'delayB' },
      { id: 'delayB', type: 'machine', cycle: constant(5), to: 'asm' },
      { id: 'asm', type: 'assembly', servers: 2, inputs: { srcA: 1, delayB: 1 }, cycle: constant(100), to: 'out' },
      { id: 'out', type: 'sink' },
    ]);
    const plant = new Plant(model, 1, 0);
    const asm = node<Station>(plant, 'asm');
    const out = node<Sink>(plant, 'out');
    plant.runUntil(12);
    expect(asm.breakFor(1000, 0)).toBe(1);
    expect(countAt(plant, out, 114.5)).toBe(0);
    expect(countAt(plant, out, 115.5)).toBe(1);
  });
});
