import { Fifo } from '../engine/index.ts';
import { MAX_NESTED_HAND_OVERS, type PlantContext } from './context.ts';
import { Outlet, type PlantNode, type PullFeeder } from './node.ts';
import { StoreNode } from './store-node.ts';
import type { Part } from './part.ts';

/**
 * A FIFO store of waiting parts; zero time, `capacity` places (Infinity = unbounded).
 *
 * A buffer that alone feeds one station (pullInto) is pulled from: when the station refuses
 * the head part, the part stays at the head of the queue and the buffer is marked blocked,
 * and the station's wake takes it (pulled). Offering it instead would move it into the
 * outlet and onto the station's queue of blocked feeders after every hand-over, to be taken
 * back off at the next one: the same hand-overs, in the same order, at about twice the cost.
 */
export class BufferNode extends StoreNode implements PullFeeder {
  private readonly queue = new Fifo<Part>();
  readonly outlet: Outlet;
  /** The station this buffer alone feeds and that pulls from it, or null (offered, through the outlet). */
  private pullTarget: PlantNode | null = null;
  pullBlocked = false;

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

  /** The head part waits for the successor (held by the outlet, or refused by the station that pulls). */
  get exitBlocked(): boolean {
    return this.outlet.blocked || this.pullBlocked;
  }

  /** Wiring: `station` is fed by this buffer alone, through this buffer's only route; it pulls from now on. */
  pullInto(station: PlantNode): void {
    this.pullTarget = station;
    station.intake.pullFeeder = this;
  }

  canAccept(_from: PlantNode): boolean {
    return this.contents < this.capacity;
  }

  accept(part: Part, _from: PlantNode): void {
    this.queue.push(part);
    const ctx = this.ctx;
    if (this.exitBlocked) this.level.set(ctx.now, this.contents);
    else if (ctx.nestedHandOvers >= MAX_NESTED_HAND_OVERS) this.forwardOnceUnwound();
    else {
      // Passing the part on at once nests a hand-over: counted (PlantContext.nestedHandOvers).
      // No try/finally on this per-part path: Plant.runUntil resets the count when an event throws.
      ctx.nestedHandOvers++;
      this.forward();
      ctx.leaveHandOver();
    }
  }

  /** A long chain of buffers: move on once the stack unwinds (PlantContext.queueHandOver). */
  private forwardOnceUnwound(): void {
    this.level.set(this.ctx.now, this.contents);
    this.ctx.queueHandOver(this.forwardLater);
  }

  private readonly forwardLater = () => this.forward();

  /** Passes queued parts on until the queue is empty or the head is blocked. */
  private forward(): void {
    if (this.pullTarget !== null) this.forwardPulled(this.pullTarget);
    else this.forwardOffered();
  }

  /** forward() of a buffer that offers its head part through its outlet. */
  private forwardOffered(): void {
    let moved = false;
    while (this.queue.length > 0 && !this.outlet.blocked) {
      const part = this.queue.shift()!;
      if (this.outlet.offer(part)) moved = true;
    }
    this.level.set(this.ctx.now, this.contents);
    if (moved) this.wake();
  }

  /** forward() of a pulled buffer: a refused head part stays in the queue, marked blocked. */
  private forwardPulled(target: PlantNode): void {
    let moved = false;
    while (this.queue.length > 0 && !this.pullBlocked) {
      if (!target.canAccept(this)) {
        this.pullBlocked = true;
        break;
      }
      this.outlet.handOver(this.queue.shift()!, target);
      moved = true;
    }
    this.level.set(this.ctx.now, this.contents);
    if (moved) this.wake();
  }

  /** The pulling station has room (its wake): as a released held part would, the head goes, then the buffer moves on. */
  pulled(): void {
    this.pullBlocked = false;
    this.outlet.handOverAndReact(this.queue.shift()!, this.pullTarget!);
  }

  private released(): void {
    // forward() records the level once it has moved what it can: the same instant, so one record does.
    this.forward();
    this.wake();
  }

  /** Changes the number of places; a smaller capacity keeps parts already stored. */
  setCapacity(capacity: number): void {
    this.capacity = capacity;
    this.wake();
  }
}
