import type { Model } from '../protocol/model.ts';
import { yieldChains } from './yield-chain.ts';

/**
 * First-pass yield of each area along the product chain, for a yield-loss Sankey
 * from electrode to pack. The chain ends at product.packsFrom (else cellsFrom), so
 * module and pack losses count too. Each area's yield is yieldChains' overall with
 * only that area's stations, so parallel input lines are averaged the same way as
 * in kpis.yield. Areas come in model order; areas without stations are left out.
 */
export function yieldByArea(model: Model, byNode: Record<string, number>): { area: string; yield: number }[] {
  const product = model.product;
  const end = product?.packsFrom ?? product?.cellsFrom;
  const chainModel = product && end !== undefined ? { ...model, product: { ...product, cellsFrom: end } } : model;
  const areas = [...model.areas.map((a) => a.id), ...(model.nodes.some((n) => n.area === undefined) ? ['(none)'] : [])];
  const out: { area: string; yield: number }[] = [];
  for (const area of areas) {
    const inArea = model.nodes.filter((n) => (n.area ?? '(none)') === area && n.id in byNode);
    if (inArea.length === 0) continue;
    const only = Object.fromEntries(inArea.map((n) => [n.id, byNode[n.id]]));
    out.push({ area, yield: yieldChains(chainModel, only).overall });
  }
  return out;
}
