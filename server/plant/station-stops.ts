import { makeSampler, type DistributionSpec, type Sampler, type UniformStream } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import type { CrewClient, RepairCrewPool } from './repair-crews.ts';
import { FAILED, IN_WORK, MANUAL, NO_ACTIVITY, SHIFT, type Server } from './station-server.ts';
import { StationServers } from './station-servers.ts';

export interface FailuresConfig {
  ttf: DistributionSpec;
  ttr: DistributionSpec;
  crew?: string;
}

/**
 * What stops a station's servers: failures (time to failure counts working
 * time; the interrupted cycle resumes after repair, after a crew arrives if the
 * station has a crew pool), scripted and operator breakdowns, and the shift
 * calendar. Separate from the servers' bookkeeping (station-servers.ts) because
 * stops are rules about time and crews, and from the cycle (setup → work →
 * hand-over, station.ts) which only pauses and resumes through `addStop` and
 * `clearStop`.
 *
 * Off shift, a server stops at once, its cycle paused, unless the station
 * `continuesOffShift` (ovens, formation racks): then a cycle in progress runs to
 * its end and hands over, and the server stops only when it would take a new
 * job. Repairs are clock time and continue off shift (maintenance is on call);
 * a server repaired off shift waits for the shift like any other.
 */
export abstract class StationStops extends StationServers implements CrewClient {
  private ttf: Sampler | null = null;
  private ttr: Sampler | null = null;
  private readonly ttfStream: UniformStream;
  private readonly ttrStream: UniformStream;
  /** Pool whose crew must arrive before a repair starts; null = repairs start at once. */
  private readonly crew: RepairCrewPool | null;
  /** The calendar says off shift now. */
  protected offShift = false;

  constructor(
    id: string,
    type: string,
    ctx: PlantContext,
    servers: number,
    failures: FailuresConfig | undefined,
    readonly continuesOffShift: boolean,
  ) {
    super(id, type, ctx, servers);
    this.ttfStream = ctx.uniform(`${id}.ttf`);
    this.ttrStream = ctx.uniform(`${id}.ttr`);
    this.setFailureSamplers(failures);
    const crewId = failures?.crew;
    this.crew = crewId === undefined ? null : (ctx.crews.get(crewId) ?? null);
    this.openServers(servers);
  }

  /** Starts what the parts present allow on free servers. */
  protected abstract tryStart(): void;
  /** A server collecting a batch or kit may load again (its stop has cleared). */
  protected abstract collectorResumed(s: Server): void;
  /** A breakdown stopped a server collecting a batch or kit: another may collect meanwhile. */
  protected abstract collectorBroke(s: Server): void;

  protected equip(s: Server): void {
    const sim = this.ctx.sim;
    s.failEvent = sim.event(() => this.fail(s), `${this.id}#${s.index} failure`);
    s.repairEvent = sim.event(() => this.repaired(s), `${this.id}#${s.index} repair`);
    if (this.ttf) s.ttfLeft = this.ttf();
  }

  private setFailureSamplers(failures: FailuresConfig | undefined): void {
    this.ttf = failures ? makeSampler(failures.ttf, this.ttfStream) : null;
    this.ttr = failures ? makeSampler(failures.ttr, this.ttrStream) : null;
  }

  /** A server taken out no longer fails. */
  protected override retire(s: Server): void {
    this.ctx.sim.cancel(s.failEvent);
    super.retire(s);
  }

  /** A server has nothing left to do: it takes the next job, or stops for the shift, or leaves. */
  protected available(s: Server): void {
    if (s.retiring) return this.retire(s);
    if (this.offShift) return this.addStop(s, SHIFT);
    s.isFree = true;
    this.free.push(s);
    this.tryStart();
    this.wake();
  }

  /** New failure distributions (a ramp-up's availability): a drawn time to failure runs out first. */
  setFailures(failures: FailuresConfig | undefined): void {
    const had = this.ttf !== null;
    this.setFailureSamplers(failures);
    for (const s of this.servers) {
      if (s.retired) continue;
      if (failures === undefined) {
        this.ctx.sim.cancel(s.failEvent);
        s.ttfLeft = Number.POSITIVE_INFINITY;
      } else if (!had) {
        s.ttfLeft = this.ttf!();
        if (s.activity === IN_WORK) this.startFailureClock(s);
      }
    }
  }

  protected startFailureClock(s: Server): void {
    if (this.ttf === null || s.stop !== 0 || s.failEvent.pending) return;
    s.workStart = this.ctx.now;
    this.ctx.sim.scheduleIn(s.failEvent, s.ttfLeft);
  }

  protected stopFailureClock(s: Server): void {
    if (this.ttf === null || !s.failEvent.pending) return;
    this.ctx.sim.cancel(s.failEvent);
    s.ttfLeft = Math.max(0, s.ttfLeft - (this.ctx.now - s.workStart));
  }

  private fail(s: Server): void {
    s.ttfLeft = 0;
    this.addStop(s, FAILED);
    if (this.crew !== null) this.crew.request(this, s.index);
    else this.ctx.sim.scheduleIn(s.repairEvent, this.ttr!());
  }

  /** A crew reached a failed server: the repair starts now. */
  crewArrived(server: number): void {
    const s = this.servers[server];
    this.ctx.sim.scheduleIn(s.repairEvent, s.forcedRepairS >= 0 ? s.forcedRepairS : this.ttr!());
  }

  private repaired(s: Server): void {
    // A scripted breakdown leaves the natural failure clock where it stopped.
    if (s.forcedRepairS >= 0) s.forcedRepairS = -1;
    else s.ttfLeft = this.ttf === null ? Number.POSITIVE_INFINITY : this.ttf();
    if (this.crew !== null) this.crew.release(this, s.index);
    this.clearStop(s, FAILED);
  }

  /**
   * A scripted breakdown (training): the server(s) fail now and are repaired in
   * `durationS`, after a crew arrives if the station has a crew pool. Servers
   * already failed are left alone. Returns the servers that failed.
   */
  breakFor(durationS: number, server?: number): number {
    const targets = server === undefined ? this.servers : [this.servers[server]];
    let n = 0;
    for (const s of targets) {
      if (s.retired || (s.stop & FAILED) !== 0) continue;
      s.forcedRepairS = durationS;
      this.addStop(s, FAILED);
      if (this.crew !== null) this.crew.request(this, s.index);
      else this.ctx.sim.scheduleIn(s.repairEvent, durationS);
      n++;
    }
    return n;
  }

  /** The crew pool, or null when repairs need no crew. */
  get crewPool(): RepairCrewPool | null {
    return this.crew;
  }

  protected addStop(s: Server, reason: number): void {
    const wasRunning = s.stop === 0;
    s.stop |= reason;
    if (wasRunning) {
      if (s.activity !== NO_ACTIVITY) {
        if (s.activity === IN_WORK) this.stopFailureClock(s);
        s.remaining = s.end.time - this.ctx.now;
        this.ctx.sim.cancel(s.end);
      }
      if (s.isFree) {
        s.isFree = false;
        this.free.splice(this.free.indexOf(s), 1);
      }
    }
    this.refresh(s);
    // A shift stops every server alike; a breakdown stops one, and the others go on collecting.
    if (s.collecting && (reason & (FAILED | MANUAL)) !== 0) this.collectorBroke(s);
  }

  protected clearStop(s: Server, reason: number): void {
    if ((s.stop & reason) === 0) return;
    s.stop &= ~reason;
    if (s.stop !== 0) return this.refresh(s);
    if (s.activity !== NO_ACTIVITY) {
      this.ctx.sim.scheduleIn(s.end, s.remaining);
      s.remaining = -1;
      if (s.activity === IN_WORK) this.startFailureClock(s);
    } else if (s.collecting) this.collectorResumed(s);
    else if (s.emitted >= s.output.length && !s.outlet.blocked) this.available(s);
    this.refresh(s);
  }

  /**
   * The shift calendar switches. A station that continues off shift lets a server
   * with a job (working, in setup, failed mid-cycle or handing over) run on; it
   * stops when it would take its next job (see `available`).
   */
  setOffShift(off: boolean): void {
    this.offShift = off;
    for (const s of this.servers) {
      if (s.retired) continue;
      if (!off) this.clearStop(s, SHIFT);
      else if (!this.continuesOffShift || this.isIdle(s) || s.collecting) this.addStop(s, SHIFT);
    }
  }

  /** An operator-injected breakdown of one server (or all): it stays down until cleared. */
  setBreakdown(down: boolean, server?: number): void {
    const targets = server === undefined ? this.servers : [this.servers[server]];
    for (const s of targets) if (!s.retired) (down ? this.addStop(s, MANUAL) : this.clearStop(s, MANUAL));
  }

  /** Servers currently stopped by an injected breakdown. */
  get brokenDown(): number {
    return this.servers.filter((s) => (s.stop & MANUAL) !== 0).length;
  }
}
