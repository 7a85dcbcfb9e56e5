/**
 * Groups of node types that several places treat alike. Kept apart from model.ts so
 * the schema's own semantic checks (model-semantics.ts) can use them without a cycle.
 */

/** Stations with servers, a cycle, yield, failures and setups: the machine-like blocks. */
export const MACHINE_LIKE_TYPES = ['machine', 'batch', 'assembly'] as const;
export type MachineLikeType = (typeof MACHINE_LIKE_TYPES)[number];

const MACHINE_LIKE_SET: ReadonlySet<string> = new Set(MACHINE_LIKE_TYPES);

/** True for machines, batch processes and assembly stations (and narrows model nodes to them). */
export function isMachineLike<N extends { type: string }>(node: N): node is N & { type: MachineLikeType } {
  return MACHINE_LIKE_SET.has(node.type);
}
