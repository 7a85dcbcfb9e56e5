import { QuantileSketch, Tally } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { PlantNode, type NodeReport } from './node.ts';
import type { Part } from './part.ts';

/** The end of the line: counts parts and units and records their time in the system. */
export class Sink extends PlantNode {
  count = 0;
  units = 0;
  readonly timeInSystem = new Tally();
  readonly leadTime = new QuantileSketch(0.01);

  constructor(id: string, ctx: PlantContext) {
    super(id, 'sink', ctx);
  }

  get contents(): number {
    return 0;
  }

  canAccept(): boolean {
    return true;
  }

  accept(part: Part): void {
    const now = this.ctx.now;
    this.count++;
    this.units += part.qty;
    this.completed++;
    const t = now - part.createdAt;
    this.timeInSystem.add(t);
    this.ctx.timeInSystem.add(t);
    this.leadTime.addBoth(t, this.ctx.leadTime);
    this.ctx.wip.add(now, -1);
  }

  override resetStats(now: number): void {
    super.resetStats(now);
    this.count = 0;
    this.units = 0;
    this.timeInSystem.reset();
    this.leadTime.reset();
  }

  override report(now: number): NodeReport {
    return { ...super.report(now), count: this.count, units: this.units };
  }
}
