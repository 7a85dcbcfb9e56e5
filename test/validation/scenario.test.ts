/**
 * Scenario overlays: `set` merge-patches nodes by id, `add` appends, `remove`
 * deletes; the result is validated like any model and problems are reported
 * against the scenario field that caused them.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSchema, applyScenario, mergePatch, type ScenarioInput } from '../../server/protocol/scenario.ts';
import type { ModelInput } from '../../server/protocol/model.ts';
import { refusal } from './helpers.ts';

const base: ModelInput = {
  name: 'line',
  nodes: [
    { id: 'src', type: 'source', interarrival: { dist: 'exponential', mean: 1 }, to: 'q' },
    { id: 'q', type: 'buffer', capacity: null, to: 'm1' },
    { id: 'm1', type: 'machine', cycle: { dist: 'exponential', mean: 1 }, yield: 0.9, to: 'm2' },
    { id: 'm2', type: 'machine', cycle: { dist: 'exponential', mean: 1 }, to: 'out' },
    { id: 'out', type: 'sink' },
  ],
};

const apply = (s: Omit<ScenarioInput, 'model' | 'question'>) => applyScenario(base, ScenarioSchema.parse({ model: 'line', question: 'what if?', ...s }));

const problemsOf = (s: Omit<ScenarioInput, 'model' | 'question'>): string[] => refusal(() => apply(s), 'scenario');

describe('applying a scenario', () => {
  it('set merge-patches a node: nested fields merge, null deletes, arrays replace', () => {
    const m = apply({ set: { m1: { servers: 2, cycle: { mean: 0.5 }, yield: null, to: [{ id: 'm2', p: 1 }] } } });
    const m1 = m.nodes.find((n) => n.id === 'm1')!;
    expect(m1).toMatchObject({ servers: 2, cycle: { dist: 'exponential', mean: 0.5 }, yield: 1, to: [{ id: 'm2', p: 1 }] });
    expect(base.nodes[2]).toMatchObject({ cycle: { mean: 1 }, yield: 0.9 }); // the base model is not modified
  });

  it('add and remove reshape the line', () => {
    const m = apply({
      remove: ['m2'],
      set: { m1: { to: 'm3' } },
      add: [{ id: 'm3', type: 'machine', servers: 3, cycle: { dist: 'constant', value: 2 }, to: 'out' }],
    });
    expect(m.nodes.map((n) => n.id)).toEqual(['src', 'q', 'm1', 'out', 'm3']);
  });

  it('reports a bad patched value against the scenario path', () => {
    expect(problemsOf({ set: { m2: { cycle: { mean: -1 } } } })).toEqual(['set.m2.cycle.mean: must be > 0']);
    expect(problemsOf({ set: { m2: { to: [{ id: 'out', p: 0.5 }] } } })).toEqual(['set.m2.to: probabilities must sum to 1']);
  });

  it('reports a bad added node against add[i]', () => {
    expect(problemsOf({ set: { m1: { to: 'm3' } }, add: [{ id: 'm3', type: 'machine', cycle: { dist: 'exponential', mean: 0 }, to: 'out' }] })).toContain(
      'add[0].cycle.mean: must be > 0',
    );
  });

  it('reports unknown ids in set and remove', () => {
    expect(problemsOf({ set: { zz: { servers: 2 } } })).toEqual(['set.zz: unknown node id']);
    expect(problemsOf({ remove: ['zz'] })).toEqual(['remove[0]: unknown node id "zz"']);
  });

  it('a removal that leaves a dangling route is reported in the resulting model', () => {
    expect(problemsOf({ remove: ['m2'] })).toContain('result.nodes[2].to: unknown node id "m2"');
  });

  it('the scenario file itself is validated', () => {
    const r = ScenarioSchema.safeParse({ model: 'line', set: { m2: 3 } });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['question', 'set.m2']));
  });
});

describe('mergePatch (RFC 7396)', () => {
  it('merges objects recursively, deletes on null, replaces everything else', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { b: { c: null, x: 4 }, e: [3], f: 'new' })).toEqual({ a: 1, b: { d: 3, x: 4 }, e: [3], f: 'new' });
    expect(mergePatch({ a: 1 }, 'scalar')).toBe('scalar');
    expect(mergePatch('scalar', { a: 1 })).toEqual({ a: 1 });
  });
});
