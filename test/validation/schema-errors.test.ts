/**
 * Bad models are rejected with one message per problem that names the path of
 * the bad field, in the form `nodes[3].cycle.mean: must be > 0`.
 */
import { describe, expect, it } from 'vitest';
import { parseOrThrow } from '../../server/protocol/errors.ts';
import { ModelSchema } from '../../server/protocol/model.ts';
import { modelProblems } from './helpers.ts';

/** src → q → m1 → m2 → out; tests break one thing at a time. */
function nodes(): Record<string, unknown>[] {
  return [
    { id: 'src', type: 'source', interarrival: { dist: 'exponential', mean: 1 }, to: 'q' },
    { id: 'q', type: 'buffer', capacity: null, to: 'm1' },
    { id: 'm1', type: 'machine', cycle: { dist: 'exponential', mean: 1 }, to: 'm2' },
    { id: 'm2', type: 'machine', cycle: { dist: 'exponential', mean: 1 }, to: 'out' },
    { id: 'out', type: 'sink' },
  ];
}

const problems = modelProblems;

const withNodes = (edit: (n: Record<string, unknown>[]) => void, extra: Record<string, unknown> = {}) => {
  const n = nodes();
  edit(n);
  return problems({ name: 'bad', ...extra, nodes: n });
};

describe('model schema error messages', () => {
  it('accepts the unbroken model', () => {
    expect(ModelSchema.safeParse({ name: 'ok', nodes: nodes() }).success).toBe(true);
  });

  it('says so when the whole document is not an object', () => {
    expect(problems([{ name: 'in an array' }])).toEqual(['the document must be a JSON object']);
    expect(problems('model')).toEqual(['the document must be a JSON object']);
  });

  it('a non-positive distribution parameter names its path', () => {
    expect(withNodes((n) => ((n[3].cycle as { mean: number }).mean = 0))).toEqual(['nodes[3].cycle.mean: must be > 0']);
  });

  it('an unknown `to` id', () => {
    expect(withNodes((n) => (n[3].to = 'nowhere'))).toContain('nodes[3].to: unknown node id "nowhere"');
    expect(withNodes((n) => (n[1].to = [{ id: 'm1', p: 0.5 }, { id: 'ghost', p: 0.5 }]))).toContain('nodes[1].to[1].id: unknown node id "ghost"');
  });

  it('routing probabilities that do not sum to 1', () => {
    expect(withNodes((n) => (n[1].to = [{ id: 'm1', p: 0.5 }, { id: 'm2', p: 0.4 }]))).toEqual(['nodes[1].to: probabilities must sum to 1']);
  });

  it('empirical probabilities that do not sum to 1', () => {
    expect(withNodes((n) => (n[2].cycle = { dist: 'empirical', values: [1, 2], probs: [0.5, 0.6] }))).toEqual(['nodes[2].cycle.probs: must sum to 1']);
  });

  it('an unlimited source feeding a buffer', () => {
    expect(withNodes((n) => delete n[0].interarrival)).toEqual([
      'nodes[0].to: an unlimited source (no interarrival) must feed a machine, batch or assembly, not buffer "q"',
    ]);
  });

  it('assembly inputs that never route there, and feeders missing from inputs', () => {
    const asm = (inputs: Record<string, number>) => (n: Record<string, unknown>[]) =>
      (n[3] = { id: 'm2', type: 'assembly', cycle: { dist: 'constant', value: 1 }, inputs, to: 'out' });
    expect(withNodes(asm({ m1: 1, q: 2 }))).toEqual(['nodes[3].inputs.q: "q" does not route to this assembly, so this input can never be satisfied']);
    expect(withNodes(asm({ m1: 1, elsewhere: 2 }))).toContain('nodes[3].inputs.elsewhere: unknown node id "elsewhere"');
    expect(withNodes(asm({ q: 1 }))).toContain('nodes[3].inputs: "m1" routes here but is not listed in inputs');
  });

  it('field ranges, unknown kinds and unknown fields', () => {
    expect(withNodes((n) => ((n[2].yield = 1.5), (n[2].servers = 0)))).toEqual(expect.arrayContaining(['nodes[2].servers: must be >= 1', 'nodes[2].yield: must be <= 1']));
    expect(withNodes((n) => (n[2].cycle = { dist: 'uniform', min: 3, max: 2 }))).toEqual(['nodes[2].cycle.max: must be >= min']);
    expect(withNodes((n) => (n[2].cycle = { dist: 'poisson', mean: 1 }))[0]).toMatch(/^nodes\[2\]\.cycle\.dist: dist must be one of constant, exponential/);
    expect(withNodes((n) => (n[2].type = 'robot'))[0]).toMatch(/^nodes\[2\]\.type: type must be one of source, buffer/);
    expect(withNodes((n) => (n[2].speed = 3))[0]).toMatch(/^nodes\[2\].*speed/);
    expect(withNodes((n) => (n[1].capacity = 0))[0]).toMatch(/^nodes\[1\]\.capacity: /);
  });

  it('whole-model rules: duplicate ids, unreachable nodes, missing sink', () => {
    expect(withNodes((n) => (n[3].id = 'm1'))).toContain('nodes[3].id: duplicate id "m1" (also nodes[2])');
    expect(withNodes((n) => n.push({ id: 'lonely', type: 'machine', cycle: { dist: 'constant', value: 1 }, to: 'out' }))).toEqual([
      'nodes[5]: "lonely" cannot be reached from any source',
    ]);
    expect(problems({ name: 'x', nodes: [{ id: 'src', type: 'source', to: 'm' }, { id: 'm', type: 'machine', cycle: { dist: 'constant', value: 1 }, to: 'src' }] })).toEqual(
      expect.arrayContaining(['nodes[1].to: "src" is a source and cannot receive parts', 'nodes: must contain at least one sink']),
    );
  });

  it('batch and calendar rules', () => {
    expect(withNodes((n) => (n[3] = { id: 'm2', type: 'batch', cycle: { dist: 'constant', value: 1 }, batch: { size: 2, min: 3 }, to: 'out' }))).toEqual([
      'nodes[3].batch.min: must be <= size',
    ]);
    const cal = { day: { periodS: 100, shifts: [{ startS: 0, endS: 60 }, { startS: 50, endS: 120 }] } };
    expect(withNodes((n) => (n[2].calendar = 'night'), { calendars: cal })).toEqual([
      'calendars.day.shifts[1].endS: must be <= periodS',
      'calendars.day.shifts[1].startS: overlaps another shift',
      'nodes[2].calendar: unknown calendar "night"',
    ]);
  });

  it('the thrown error lists every problem in its message', () => {
    try {
      const n = nodes();
      (n[2].cycle as { mean: number }).mean = -1;
      parseOrThrow(ModelSchema, { name: '', nodes: n }, 'model demo.json');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe('invalid model demo.json:\n  name: must not be empty\n  nodes[2].cycle.mean: must be > 0');
    }
  });
});
