import { describe, expect, it } from 'vitest';
import { SessionEngine } from '../../server/live/session-engine.ts';
import { ParamEditSchema } from '../../server/protocol/live-edit.ts';
import { MAX_SERVERS, ModelSchema, type Model } from '../../server/protocol/model.ts';
import { formatIssues } from '../../server/protocol/errors.ts';

/** An unlimited supply feeding one station with a constant 60 s cycle, into a sink: the station is always saturated. */
function saturatedStation(): Model {
  return ModelSchema.parse({
    name: 'saturated station',
    nodes: [
      { id: 'feed', type: 'source', to: 'press' },
      { id: 'press', type: 'machine', servers: 1, cycle: { dist: 'constant', value: 60 }, to: 'out' },
      { id: 'out', type: 'sink' },
    ],
  });
}

const completedAt = (engine: SessionEngine, id: string) => engine.plant.node(id)!.completed;

describe('live edit of a station server count (setParam servers)', () => {
  it('1 → 3 servers mid-run triples the throughput of a saturated station (servers / cycle)', () => {
    const engine = new SessionEngine(saturatedStation(), 1, 1);
    // One server, cycle 60 s, never starved or blocked: one part every 60 s, so 10 parts by t = 630 s (at 60, 120, …, 600).
    engine.execute({ type: 'step', dtS: 630 }, 0);
    expect(completedAt(engine, 'out')).toBe(10);
    engine.execute({ type: 'setParam', nodeId: 'press', field: 'servers', value: 3 }, 0);
    // The two servers added at t = 630 start at once (done at 690, 750, …); the old one goes on (660, 720, …).
    // In the window (630, 1250]: old 660…1200 = 10 parts, each new one 690…1230 = 10 parts: 30 parts in
    // 620 s, the theory's servers / cycle = 3 / 60 s (31 in 620 s) less the new servers' first partial cycle.
    engine.execute({ type: 'step', dtS: 620 }, 0);
    expect(completedAt(engine, 'out') - 10).toBe(30);
    // The change is in the session's model (a reset keeps it) and in the node info clients are sent.
    const press = engine.model.nodes.find((n) => n.id === 'press')!;
    expect('servers' in press && press.servers).toBe(3);
    expect(engine.sampler.nodes.find((n) => n.id === 'press')!.servers).toBe(3);
  });

  it('3 → 1 servers: the removed servers finish their job first, then one part per cycle', () => {
    const engine = new SessionEngine(saturatedStation(), 1, 1);
    engine.execute({ type: 'setParam', nodeId: 'press', field: 'servers', value: 3 }, 0);
    engine.execute({ type: 'step', dtS: 630 }, 0); // 3 servers: done at 60…600 each, 30 parts; all three busy at 630
    expect(completedAt(engine, 'out')).toBe(30);
    engine.execute({ type: 'setParam', nodeId: 'press', field: 'servers', value: 1 }, 0);
    // All three are mid-job (started at 600): they finish at 660 (3 parts), then one server runs on: 720, 780, …, 1200 (9 parts by 1230).
    engine.execute({ type: 'step', dtS: 600 }, 0);
    expect(completedAt(engine, 'out') - 30).toBe(3 + 9);
    expect(engine.sampler.nodes.find((n) => n.id === 'press')!.servers).toBe(1);
  });

  it('refuses a count that is not a whole number from 1 to the model limit, naming the field', () => {
    const bad = (value: unknown) => {
      const r = ParamEditSchema.safeParse({ nodeId: 'press', field: 'servers', value });
      return r.success ? '' : formatIssues(r.error.issues).join('; ');
    };
    expect(bad(0)).toMatch(/value: must be >= 1/);
    expect(bad(2.5)).toMatch(/value: servers must be a whole number/);
    expect(bad(MAX_SERVERS + 1)).toMatch(new RegExp(`value: must be <= ${MAX_SERVERS}`));
    expect(bad(312)).toBe('');
    const engine = new SessionEngine(saturatedStation(), 1, 1);
    expect(() => engine.execute({ type: 'setParam', nodeId: 'out', field: 'servers', value: 2 }, 0)).toThrow(/field: servers applies to machines/);
  });
});
