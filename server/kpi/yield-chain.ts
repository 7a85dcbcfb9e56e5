import { MACHINE_LIKE, routeTargets, type Model } from '../protocol/model.ts';

/**
 * Yields along the product's chains. Walking back from product.cellsFrom through
 * single-feeder nodes reaches the assembly that forms the cell (the stacker);
 * the stations on that walk give the cell yield (plant-data: good cells ÷ stacks
 * started). Each input of that assembly gets its own chain yield (electrode area
 * yield). Multiplying all stations would count the parallel inputs twice.
 */
export function yieldChains(model: Model, byNode: Record<string, number>): { overall: number; cell: number; inputs: Record<string, number>; byNode: Record<string, number> } {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const feeders = new Map<string, string[]>();
  for (const n of model.nodes) if (n.type !== 'sink') for (const t of routeTargets(n.to)) feeders.set(t.id, [...(feeders.get(t.id) ?? []), n.id]);

  const walk = (start: string): { y: number; joint: string | null } => {
    let y = 1;
    const seen = new Set<string>();
    for (let id: string | undefined = start; id !== undefined && !seen.has(id); ) {
      seen.add(id);
      const node = byId.get(id)!;
      if (MACHINE_LIKE.has(node.type)) y *= byNode[id] ?? 1;
      if (node.type === 'assembly' && Object.keys(node.inputs).length > 1) return { y, joint: id };
      const f: string[] = feeders.get(id) ?? [];
      id = f.length === 1 ? f[0] : undefined;
    }
    return { y, joint: null };
  };

  const end = model.product?.cellsFrom ?? model.nodes.find((n) => n.type === 'sink')?.id;
  if (end === undefined) return { overall: 1, cell: 1, inputs: {}, byNode };
  const cell = walk(end);
  const inputs: Record<string, number> = {};
  const joint = cell.joint === null ? undefined : byId.get(cell.joint);
  if (joint?.type === 'assembly') for (const feeder of Object.keys(joint.inputs)) inputs[feeder] = walk(feeder).y;
  const ys = Object.values(inputs);
  const meanInput = ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : 1;
  return { overall: cell.y * meanInput, cell: cell.y, inputs, byNode };
}
