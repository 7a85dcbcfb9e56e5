import fc from 'fast-check';

/**
 * Mutations of a valid JSON document, for fuzzing validators with inputs that are
 * almost right (the kind people actually write): one value replaced, one key
 * deleted, one unknown key added, or one number pushed to an edge value.
 */
export type Path = (string | number)[];

export function allPaths(doc: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(doc)) doc.forEach((v, i) => (out.push([...prefix, i]), allPaths(v, [...prefix, i], out)));
  else if (typeof doc === 'object' && doc !== null) {
    for (const [k, v] of Object.entries(doc)) {
      out.push([...prefix, k]);
      allPaths(v, [...prefix, k], out);
    }
  }
  return out;
}

const EDGE_VALUES = [0, -1, -1e-9, 1e308, -1e308, 0.5, 2, 1e-300, '', 'x', null, true, [], {}, '1', 'NaN', Number.MAX_SAFE_INTEGER + 2];

export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'addKey'; at: number; key: string; value: unknown }
  | { kind: 'edge'; at: number; value: unknown };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: fc.string({ minLength: 1, maxLength: 8 }), value: fc.jsonValue({ maxDepth: 1 }) }),
  fc.record({ kind: fc.constant('edge' as const), at: fc.nat(), value: fc.constantFrom(...EDGE_VALUES) }),
);

/** Applies mutations to a deep copy of `doc`; returns the copy. */
export function mutate<T>(doc: T, mutations: Mutation[]): T {
  const copy = structuredClone(doc);
  for (const m of mutations) {
    const paths = allPaths(copy);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length];
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown> | unknown[];
    const last = path[path.length - 1];
    switch (m.kind) {
      case 'replace':
      case 'edge':
        (parent as Record<string | number, unknown>)[last] = structuredClone(m.value);
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete (parent as Record<string, unknown>)[last as string];
        break;
      case 'addKey': {
        const target = (parent as Record<string | number, unknown>)[last];
        if (typeof target === 'object' && target !== null && !Array.isArray(target)) (target as Record<string, unknown>)[m.key] = structuredClone(m.value);
        break;
      }
    }
  }
  return copy;
}

/** A problem line names where it is: `nodes[3].cycle.mean: …` (a path, then a colon). */
export const NAMED_LINE = /^(?:[A-Za-z0-9_$-]+|\["(?:[^"\\]|\\.)*"\])(?:\[\d+\]|\.[A-Za-z0-9_$-]+|\["(?:[^"\\]|\\.)*"\])*: \S/;
