import { Fifo } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { Outlet, type PlantNode } from './node.ts';
import { StoreNode } from './store-node.ts';
import type { Part } from './part.ts';

/** A FIFO store of waiting parts; zero time, `capacity` places (Infinity = unbounded). */
export class BufferNode extends StoreNode {
  private readonly queue = new Fifo<Part>();
  readonly outlet: Outlet;

  constructor(
    id: string,
    ctx: PlantContext,
    public capacity: number,
  ) {
    super(id, 'buffer', ctx);
    this.outlet = new Outlet(this, () => this.released());
  }

  get contents(): number {
    return this.queue.length + (this.outlet.blocked ? 1 : 0);
  }

  canAccept(_from: PlantNode): boolean {
    return this.contents < this.capacity;
  }

  accept(part: Part, _from: PlantNode): void {
    this.queue.push(part);
    if (this.outlet.blocked) this.level.set(this.ctx.now, this.contents);
    else if (this.ctx.handOversTooDeep) {
      // A long chain of buffers: move on once the stack unwinds (PlantContext.queueHandOver).
      this.level.set(this.ctx.now, this.contents);
      this.ctx.queueHandOver(this.forwardLater);
    } else this.forward();
  }

  private readonly forwardLater = () => this.forward();

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
}
