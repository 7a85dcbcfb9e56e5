import { describe, expect, it } from 'vitest';
import { ModelSchema } from '../../server/protocol/model.ts';
import { modelProblems } from '../validation/helpers.ts';

/**
 * Models that are well-formed field by field but cannot run as meant are refused
 * before running, each with a message that names the field and says why.
 */
type N = Record<string, unknown>;
const exp = (mean: number) => ({ dist: 'exponential', mean });

function line(): N[] {
  return [
    { id: 'src', type: 'source', interarrival: exp(10), to: 'q' },
    { id: 'q', type: 'buffer', capacity: 5, to: 'm1' },
    { id: 'm1', type: 'machine', cycle: exp(5), to: 'm2' },
    { id: 'm2', type: 'machine', cycle: exp(5), to: 'out' },
    { id: 'out', type: 'sink' },
  ];
}

const problems = (nodes: N[]): string[] => modelProblems({ name: 'semantics', nodes });

function edited(edit: (byId: Record<string, N>, nodes: N[]) => void): N[] {
  const nodes = line();
  edit(Object.fromEntries(nodes.map((n) => [n.id as string, n])), nodes);
  return nodes;
}

describe('model semantics are checked before a run', () => {
  it('accepts the unbroken line', () => {
    expect(ModelSchema.safeParse({ name: 'ok', nodes: line() }).success).toBe(true);
  });

  it('refuses an unknown node id in `to`, naming the route', () => {
    expect(problems(edited((n) => (n.m1.to = 'nowhere')))).toContain('nodes[2].to: unknown node id "nowhere"');
    const p = problems(edited((n) => (n.m2.to = [{ id: 'out', p: 0.5 }, { id: 'ghost', p: 0.5 }])));
    expect(p).toContain('nodes[3].to[1].id: unknown node id "ghost"');
  });

  it('refuses routing probabilities that do not sum to 1', () => {
    const p = problems(edited((n) => (n.m2.to = [{ id: 'out', p: 0.7 }, { id: 'q', p: 0.2 }])));
    expect(p.some((l) => /^nodes\[3\]\.to: .*sum to 1/.test(l)), p.join('\n')).toBe(true);
  });

  it('refuses a loop with no buffer in it, which can block itself for good', () => {
    // m2 sends 10 % back to m1 as rework; with no storage between them both can end up
    // holding a part the other must take first.
    const p = problems(edited((n) => (n.m2.to = [{ id: 'out', p: 0.9 }, { id: 'm1', p: 0.1 }])));
    expect(p.some((l) => /^nodes\[\d\]\.to.*: .*m1.*m2|^nodes\[\d\]\.to.*: .*m2.*m1/.test(l) && /buffer/.test(l)), p.join('\n')).toBe(true);
  });

  it('accepts the same rework loop once it passes through a buffer', () => {
    const nodes = edited((n) => (n.m2.to = [{ id: 'out', p: 0.9 }, { id: 'q', p: 0.1 }]));
    expect(ModelSchema.safeParse({ name: 'ok', nodes }).success).toBe(true);
  });

  it('refuses assembly inputs that can never be satisfied', () => {
    const nodes: N[] = [
      { id: 'cells', type: 'source', to: 'asm' },
      { id: 'cases', type: 'source', interarrival: exp(10), to: 'q' },
      { id: 'q', type: 'buffer', capacity: null, to: 'out' },
      { id: 'asm', type: 'assembly', cycle: exp(5), inputs: { cells: 4, cases: 1 }, to: 'out' },
      { id: 'out', type: 'sink' },
    ];
    expect(problems(nodes)).toContain('nodes[3].inputs.cases: "cases" does not route to this assembly, so this input can never be satisfied');
  });

  it.each([
    ['a zero constant cycle', { dist: 'constant', value: 0 }, 'nodes[2].cycle.value: must be > 0'],
    ['a negative mean', { dist: 'exponential', mean: -3 }, 'nodes[2].cycle.mean: must be > 0'],
    ['a negative uniform minimum', { dist: 'uniform', min: -1, max: 4 }, 'nodes[2].cycle.min: must be >= 0'],
  ])('refuses %s', (_what, cycle, line) => {
    expect(problems(edited((n) => (n.m1.cycle = cycle)))).toContain(line);
  });

  it('refuses a zero interarrival and negative repair times', () => {
    expect(problems(edited((n) => (n.src.interarrival = { dist: 'constant', value: 0 })))).toContain('nodes[0].interarrival.value: must be > 0');
    const p = problems(edited((n) => (n.m1.failures = { ttf: exp(3600), ttr: { dist: 'constant', value: -60 } })));
    expect(p).toContain('nodes[2].failures.ttr.value: must be > 0');
  });
});
