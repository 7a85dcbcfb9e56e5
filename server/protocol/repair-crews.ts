import { z } from 'zod';
import { schemaHelpers } from './distribution.ts';

/**
 * Repair crews: a limited pool of maintenance people per model or area. A
 * station whose `failures.crew` names a pool is repaired only once a crew of
 * that pool has arrived (after `travelS`); without `crew` repairs start at once.
 */
export const RepairCrewSchema = z.strictObject({
  count: z.int('must be a whole number').gte(1, 'must be >= 1').max(1000, 'must be <= 1000'),
  travelS: schemaHelpers.nonNegative().default(0).describe('time for a crew to reach a machine, seconds'),
});

export const RepairCrewsSchema = z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a crew pool id'), RepairCrewSchema);
export type RepairCrewSpec = z.output<typeof RepairCrewSchema>;

interface CrewRefs {
  repairCrews?: Record<string, unknown>;
  nodes: ReadonlyArray<{ failures?: { crew?: string } } | object>;
}

/** Every `failures.crew` names a declared pool. */
export function checkCrewRefs(model: CrewRefs, ctx: z.RefinementCtx): void {
  const pools = model.repairCrews ?? {};
  model.nodes.forEach((node, i) => {
    const crew = (node as { failures?: { crew?: string } }).failures?.crew;
    if (crew !== undefined && !(crew in pools)) {
      ctx.addIssue({ code: 'custom', message: `no repair crew pool "${crew}" in repairCrews`, path: ['nodes', i, 'failures', 'crew'] });
    }
  });
}
