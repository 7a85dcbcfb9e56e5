import { TimeWeighted } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { PlantNode, type NodeReport } from './node.ts';

/**
 * A node that holds parts in places (buffers, time buffers, conveyors): it keeps
 * a time-weighted level and reports its average and peak.
 */
export abstract class StoreNode extends PlantNode {
  readonly level: TimeWeighted;

  constructor(id: string, type: string, ctx: PlantContext) {
    super(id, type, ctx);
    this.level = new TimeWeighted(ctx.now);
  }

  override resetStats(now: number): void {
    super.resetStats(now);
    this.level.reset(now);
  }

  override report(now: number): NodeReport {
    return { ...super.report(now), avgLevel: this.level.mean(now), maxLevel: this.level.max };
  }
}
