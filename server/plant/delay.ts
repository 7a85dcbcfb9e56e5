import { Fifo, NumberFifo, makeSampler, type DistributionSpec, type Sampler, type SimEvent, type UniformStream } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { Outlet, type PlantNode } from './node.ts';
import { StoreNode } from './store-node.ts';
import type { Part } from './part.ts';

/**
 * A pure time buffer (wetting, aging): every part stays for a drawn time, with
 * unlimited or `capacity` places. Parts whose time is up leave in the order their
 * time ran out; while the successor is full they keep their place.
 *
 * An aging store holds tens of thousands of trays. A part whose time is up no
 * earlier than that of the part entered before it (always so for a constant
 * dwell) joins an in-order queue served by one timer, so the global event list
 * stays small and nothing is allocated per part; only a part that would overtake
 * gets an event of its own.
 */
export class Delay extends StoreNode {
  private inside = 0;
  private readonly due = new Fifo<Part>();
  /** Parts in entry order whose due times never decrease, and those times. */
  private readonly inOrder = new Fifo<Part>();
  private readonly inOrderDue = new NumberFifo();
  private lastInOrderDue = Number.NEGATIVE_INFINITY;
  private readonly headTimer: SimEvent;
  private time: Sampler;
  private readonly timeStream: UniformStream;
  readonly outlet: Outlet;

  constructor(
    id: string,
    ctx: PlantContext,
    spec: DistributionSpec,
    public capacity: number,
  ) {
    super(id, 'delay', ctx);
    this.timeStream = ctx.uniform(`${id}.time`);
    this.time = makeSampler(spec, this.timeStream);
    this.outlet = new Outlet(this, () => this.released());
    this.headTimer = ctx.sim.event(() => this.headDue(), `${id} due`);
  }

  get contents(): number {
    return this.inside;
  }

  /** Parts still in their dwell (not done and waiting for the successor). */
  get dwelling(): number {
    return this.inside - this.due.length - (this.outlet.blocked ? 1 : 0);
  }

  canAccept(_from: PlantNode): boolean {
    return this.inside < this.capacity;
  }

  accept(part: Part, _from: PlantNode): void {
    const now = this.ctx.now;
    this.inside++;
    this.level.set(now, this.inside);
    const dueAt = now + this.time();
    if (dueAt >= this.lastInOrderDue) {
      this.lastInOrderDue = dueAt;
      this.inOrder.push(part);
      this.inOrderDue.push(dueAt);
      if (!this.headTimer.pending) this.ctx.sim.scheduleAt(this.headTimer, dueAt);
      return;
    }
    const done = this.ctx.sim.event(() => this.timeUp(part), this.id);
    this.ctx.sim.scheduleAt(done, dueAt);
  }

  /** The oldest in-order part is due: release it and every other part due now. */
  private headDue(): void {
    const now = this.ctx.now;
    while (this.inOrderDue.length > 0 && this.inOrderDue.peek() <= now) {
      this.inOrderDue.shift();
      this.timeUp(this.inOrder.shift()!);
    }
    if (this.inOrderDue.length > 0) this.ctx.sim.scheduleAt(this.headTimer, this.inOrderDue.peek());
  }

  private timeUp(part: Part): void {
    this.completed++;
    this.due.push(part);
    if (!this.outlet.blocked) this.forward();
  }

  private forward(): void {
    let moved = false;
    while (this.due.length > 0 && !this.outlet.blocked) {
      const part = this.due.shift()!;
      if (this.outlet.offer(part)) {
        this.inside--;
        moved = true;
      }
    }
    this.level.set(this.ctx.now, this.inside);
    if (moved) this.wake();
  }

  private released(): void {
    this.inside--;
    this.level.set(this.ctx.now, this.inside);
    this.forward();
    this.wake();
  }

  /** Changes the dwell time of parts that enter from now on. */
  setTime(spec: DistributionSpec): void {
    this.time = makeSampler(spec, this.timeStream);
  }

  setCapacity(capacity: number): void {
    this.capacity = capacity;
    this.wake();
  }
}
