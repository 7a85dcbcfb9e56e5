import { makeSampler, type DistributionSpec, type Sampler, type SimEvent, type UniformStream } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { Outlet, PlantNode, type PullFeeder } from './node.ts';
import type { Part } from './part.ts';

/**
 * Creates parts of `qty` units. Timed: one part per drawn interarrival; a part
 * that cannot be handed over is held (blocked) and the next interarrival is drawn
 * only after it leaves. Unlimited (no interarrival): a new part is always ready,
 * so the successor takes one whenever it has room. An unlimited source that alone
 * feeds a station is pulled from (pullInto), as a buffer is: its ready part waits
 * as `pullBlocked` instead of in its outlet and the station's queue of blocked feeders.
 */
export class Source extends PlantNode implements PullFeeder {
  readonly outlet: Outlet;
  /** The station this unlimited source alone feeds and that pulls from it, or null (offered, through the outlet). */
  private pullTarget: PlantNode | null = null;
  pullBlocked = false;
  private interarrival: Sampler | null;
  private readonly arrivalStream: UniformStream;
  private readonly arrival: SimEvent | null;
  /** Material shortage (training): no new parts while true. */
  private supplyStopped = false;

  constructor(
    id: string,
    ctx: PlantContext,
    spec: DistributionSpec | undefined,
    readonly qty: number,
  ) {
    super(id, 'source', ctx);
    // Time in system starts when the part leaves the source (as WIP does), not while a
    // blocked source holds it; stamped before the destination sees it, since an
    // assembly reads createdAt on arrival.
    this.outlet = new Outlet(this, () => this.left(), (part) => {
      part.createdAt = this.ctx.now;
    });
    this.arrivalStream = ctx.uniform(`${id}.interarrival`);
    this.interarrival = spec === undefined ? null : makeSampler(spec, this.arrivalStream);
    this.arrival = spec === undefined ? null : ctx.sim.event(() => this.create(), `${id} arrival`);
  }

  get unlimited(): boolean {
    return this.interarrival === null;
  }

  get contents(): number {
    return this.outlet.blocked || this.pullBlocked ? 1 : 0;
  }

  /** Wiring: `station` is fed by this unlimited source alone, through its only route; it pulls from now on. */
  pullInto(station: PlantNode): void {
    this.pullTarget = station;
    station.intake.pullFeeder = this;
  }

  canAccept(): boolean {
    return false;
  }

  accept(): void {
    throw new Error(`source "${this.id}" cannot receive parts`);
  }

  override start(): void {
    if (this.interarrival !== null) this.ctx.sim.scheduleIn(this.arrival!, this.interarrival());
    else this.create();
  }

  /** Changes the interarrival distribution from the next draw on (a timed source stays timed). */
  setInterarrival(spec: DistributionSpec): void {
    if (this.interarrival === null) throw new Error(`source "${this.id}" is an unlimited supply; it has no interarrival time`);
    this.interarrival = makeSampler(spec, this.arrivalStream);
  }

  /**
   * A material shortage: stops making parts (a part already held still leaves);
   * on restart a timed source draws a fresh interarrival, an unlimited one offers at once.
   */
  setSupplyStopped(stopped: boolean): void {
    if (stopped === this.supplyStopped) return;
    this.supplyStopped = stopped;
    if (stopped) {
      if (this.arrival !== null) this.ctx.sim.cancel(this.arrival);
    } else if (!this.outlet.blocked && !this.pullBlocked) {
      if (this.interarrival !== null) this.ctx.sim.scheduleIn(this.arrival!, this.interarrival());
      else this.create();
    }
  }

  get stopped(): boolean {
    return this.supplyStopped;
  }

  /** Makes the next part and offers it; repeats at once for an unlimited supply. */
  private create(): void {
    if (this.pullTarget !== null) return this.createPulled(this.pullTarget);
    for (;;) {
      if (this.supplyStopped) return;
      const part: Part = { qty: this.qty, createdAt: this.ctx.now };
      if (!this.outlet.offer(part)) return;
      this.handedOver();
      if (this.interarrival !== null) return;
    }
  }

  /** create() of a pulled (unlimited) source: when the station has no room, the next part waits as ready. */
  private createPulled(target: PlantNode): void {
    while (!this.supplyStopped) {
      if (!target.canAccept(this)) {
        this.pullBlocked = true;
        return;
      }
      this.outlet.handOver({ qty: this.qty, createdAt: this.ctx.now }, target);
      this.handedOver();
    }
  }

  /** The pulling station has room (its wake): the ready part goes, as a held one released would. */
  pulled(): void {
    this.pullBlocked = false;
    this.outlet.handOverAndReact({ qty: this.qty, createdAt: this.ctx.now }, this.pullTarget!);
  }

  private handedOver(): void {
    this.completed++;
    this.ctx.wip.add(this.ctx.now, 1);
    if (this.interarrival !== null && !this.supplyStopped) this.ctx.sim.scheduleIn(this.arrival!, this.interarrival());
  }

  /** A held part was taken: count it and carry on. */
  private left(): void {
    this.handedOver();
    if (this.interarrival === null) this.create();
  }
}
