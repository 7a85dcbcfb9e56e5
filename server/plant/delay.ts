import { Fifo, TimeWeighted, makeSampler, type DistributionSpec, type Sampler, type Uniform } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { Outlet, PlantNode, type NodeReport } from './node.ts';
import type { Part } from './part.ts';

/**
 * A pure time buffer (wetting, aging): every part stays for a drawn time, with
 * unlimited or `capacity` places. Parts whose time is up leave in the order their
 * time ran out; while the successor is full they keep their place.
 */
export class Delay extends PlantNode {
  private inside = 0;
  private readonly due = new Fifo<Part>();
  private time: Sampler;
  private readonly timeStream: Uniform;
  readonly outlet: Outlet;
  readonly level: TimeWeighted;

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
    this.level = new TimeWeighted(ctx.now);
  }

  get contents(): number {
    return this.inside;
  }

  canAccept(_from: PlantNode): boolean {
    return this.inside < this.capacity;
  }

  accept(part: Part, _from: PlantNode): void {
    this.inside++;
    this.level.set(this.ctx.now, this.inside);
    // One event per part: dwell times may differ, so parts can overtake each other.
    const done = this.ctx.sim.event(() => this.timeUp(part), this.id);
    this.ctx.sim.scheduleIn(done, this.time());
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

  override resetStats(now: number): void {
    super.resetStats(now);
    this.level.reset(now);
  }

  override report(now: number): NodeReport {
    return { ...super.report(now), avgLevel: this.level.mean(now), maxLevel: this.level.max };
  }
}
