import { Fifo, TimeWeighted } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { Outlet, PlantNode, type NodeReport } from './node.ts';
import type { Part } from './part.ts';

/** A FIFO store of waiting parts; zero time, `capacity` places (Infinity = unbounded). */
export class Buffer extends PlantNode {
  private readonly queue = new Fifo<Part>();
  readonly outlet: Outlet;
  readonly level: TimeWeighted;

  constructor(
    id: string,
    ctx: PlantContext,
    public capacity: number,
  ) {
    super(id, 'buffer', ctx);
    this.outlet = new Outlet(this, () => this.released());
    this.level = new TimeWeighted(ctx.now);
  }

  get contents(): number {
    return this.queue.length + (this.outlet.blocked ? 1 : 0);
  }

  canAccept(_from: PlantNode): boolean {
    return this.contents < this.capacity;
  }

  accept(part: Part, _from: PlantNode): void {
    this.queue.push(part);
    if (!this.outlet.blocked) this.forward();
    else this.level.set(this.ctx.now, this.contents);
  }

  /** Passes queued parts on until the queue is empty or the head is blocked. */
  private forward(): void {
    let moved = false;
    while (this.queue.length > 0 && !this.outlet.blocked) {
      const part = this.queue.shift()!;
      if (this.outlet.offer(part)) moved = true;
    }
    this.level.set(this.ctx.now, this.contents);
    if (moved) this.wake();
  }

  private released(): void {
    this.level.set(this.ctx.now, this.contents);
    this.forward();
    this.wake();
  }

  /** Changes the number of places; a smaller capacity keeps parts already stored. */
  setCapacity(capacity: number): void {
    this.capacity = capacity;
    this.wake();
  }

  override resetStats(now: number): void {
    super.resetStats(now);
    this.level.reset(now);
  }

  override report(now: number): NodeReport {
    return { ...super.report(now), avgLevel: this.level.mean(now), maxLevel: this.level.max };
  }
}
