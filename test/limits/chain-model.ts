import type { ModelInput } from '../../server/protocol/model.ts';

/**
 * A chain of `nodes` nodes (the documented maximum is 5,000): a timed source (one part every
 * 100 s), then `stations` machines of 0.01 s each, then buffers up to the sink. The machines form
 * one storageless chain thousands deep (the routing-loop check walks it); each part then runs
 * through thousands of buffers in one instant (hand-overs nested thousands deep). Both were
 * recursive and overflowed the call stack.
 *
 * Expected by hand: the first part arrives after one interarrival, at 100 s, then one every 100 s;
 * nothing ever waits (a part needs stations × 0.01 s to cross the machines), so part k (k = 1, 2, …)
 * reaches the sink at 100·k + stations·0.01 s: over a horizon H, floor((H − stations·0.01) / 100) parts.
 */
export function chainModel(nodes = 5000, stations = 2500): ModelInput {
  const ids = Array.from({ length: nodes - 2 }, (_, i) => (i < stations ? `m${i}` : `b${i}`));
  const list: ModelInput['nodes'] = [{ id: 'src', type: 'source', interarrival: { dist: 'constant', value: 100 }, to: ids[0] }];
  ids.forEach((id, i) => {
    const to = ids[i + 1] ?? 'out';
    list.push(i < stations ? { id, type: 'machine', cycle: { dist: 'constant', value: 0.01 }, to } : { id, type: 'buffer', capacity: null, to });
  });
  list.push({ id: 'out', type: 'sink' });
  return { name: `chain of ${nodes}`, nodes: list };
}

export function chainSinkCount(horizonS: number, stations = 2500): number {
  return Math.floor((horizonS - stations * 0.01) / 100);
}
