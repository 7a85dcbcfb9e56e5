import { Fifo, TimeWeighted, type SimEvent } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { Outlet, type NodeReport, type PlantNode } from './node.ts';
import { StoreNode } from './store-node.ts';
import type { Part } from './part.ts';

export interface ConveyorConfig {
  lengthM: number;
  speedMps: number;
  /** Parts on the belt at most (already limited to whole spacings on its length). */
  capacity: number;
  /** Least distance between parts; 0 = parts may follow each other without a gap. */
  spacingM: number;
}

/**
 * An accumulating conveyor. A part rides `lengthM / speedMps` seconds to the
 * head; a blocked head stops releasing while the parts behind it keep arriving
 * and queue up to `capacity`. With a spacing, parts enter and leave at least
 * `spacingM / speedMps` apart, so the belt never carries more than speed / spacing
 * parts per second. Travel times are constant, so parts stay in FIFO order and
 * one reusable event for the head suffices.
 */
export class Conveyor extends StoreNode {
  private readonly parts = new Fifo<Part>();
  private readonly due = new Fifo<number>();
  private inside = 0;
  private lastEntry = Number.NEGATIVE_INFINITY;
  private lastExit = Number.NEGATIVE_INFINITY;
  private readonly headEvent: SimEvent;
  private readonly gapEvent: SimEvent;
  readonly outlet: Outlet;
  /** 1 while the head part waits for the successor. */
  readonly headBlocked: TimeWeighted;
  readonly travelS: number;
  readonly gapS: number;

  constructor(
    id: string,
    ctx: PlantContext,
    readonly config: ConveyorConfig,
  ) {
    super(id, 'conveyor', ctx);
    this.travelS = config.lengthM / config.speedMps;
    this.gapS = config.spacingM / config.speedMps;
    this.outlet = new Outlet(this, () => this.released());
    this.headEvent = ctx.sim.event(() => this.forward(), `${id} head`);
    // Room by spacing frees with time, not with a departure: wake blocked feeders then.
    this.gapEvent = ctx.sim.event(() => this.wakeFeeders(), `${id} spacing`);
    this.headBlocked = new TimeWeighted(ctx.now);
  }

  get contents(): number {
    return this.inside;
  }

  get capacity(): number {
    return this.config.capacity;
  }

  canAccept(_from: PlantNode): boolean {
    return this.inside < this.config.capacity && this.ctx.now >= this.lastEntry + this.gapS;
  }

  accept(part: Part, _from: PlantNode): void {
    const now = this.ctx.now;
    this.inside++;
    this.lastEntry = now;
    this.parts.push(part);
    this.due.push(now + this.travelS);
    this.level.set(now, this.inside);
    if (this.parts.length === 1 && !this.outlet.blocked) this.scheduleHead();
  }

  override enqueueBlocked(outlet: Outlet): void {
    super.enqueueBlocked(outlet);
    this.armGap();
  }

  /** Lets blocked feeders on, then waits for the spacing if one of them still cannot enter. */
  private wakeFeeders(): void {
    this.wake();
    this.armGap();
  }

  private armGap(): void {
    if (this.gapS > 0 && this.blockedFeeders > 0 && this.inside < this.config.capacity && !this.gapEvent.pending && this.ctx.now < this.lastEntry + this.gapS) {
      this.ctx.sim.scheduleAt(this.gapEvent, this.lastEntry + this.gapS);
    }
  }

  private scheduleHead(): void {
    const at = Math.max(this.due.peek()!, this.lastExit + this.gapS);
    this.ctx.sim.scheduleAt(this.headEvent, Math.max(at, this.ctx.now));
  }

  /** Releases every part whose time is up, until the head blocks or the next is still riding. */
  private forward(): void {
    const now = this.ctx.now;
    let moved = false;
    while (this.parts.length > 0 && !this.outlet.blocked && this.due.peek()! <= now && now >= this.lastExit + this.gapS) {
      const part = this.parts.shift()!;
      this.due.shift();
      if (!this.outlet.offer(part)) {
        this.headBlocked.set(now, 1);
        break;
      }
      this.left(now);
      moved = true;
    }
    if (this.parts.length > 0 && !this.outlet.blocked) this.scheduleHead();
    if (moved) this.wakeFeeders();
  }

  private left(now: number): void {
    this.inside--;
    this.completed++;
    this.lastExit = now;
    this.level.set(now, this.inside);
  }

  /** The successor took the held head part. */
  private released(): void {
    const now = this.ctx.now;
    this.headBlocked.set(now, 0);
    this.left(now);
    if (this.parts.length > 0) this.scheduleHead();
    this.wakeFeeders();
  }

  override resetStats(now: number): void {
    super.resetStats(now);
    this.headBlocked.reset(now);
  }

  override report(now: number): NodeReport {
    return {
      ...super.report(now),
      lengthM: this.config.lengthM,
      travelTimeS: this.travelS,
      capacity: this.config.capacity,
      headBlockedShare: this.headBlocked.mean(now),
      /** Part-metres conveyed: parts delivered since the last reset x length. */
      travelM: this.completed * this.config.lengthM,
    };
  }
}
