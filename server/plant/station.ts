import { StateTime, makeSampler, type DistributionSpec, type Sampler, type SimEvent, type Uniform } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { Outlet, PlantNode, type NodeReport } from './node.ts';
import { BLOCKED, DOWN, IDLE, OFF_SHIFT, SERVER_STATES, SETUP, WORKING, type Part } from './part.ts';
import type { CrewClient, RepairCrewPool } from './repair-crews.ts';

export interface StationConfig {
  servers: number;
  cycle: DistributionSpec;
  yield: number;
  nominalCycleS?: number;
  failures?: { ttf: DistributionSpec; ttr: DistributionSpec; crew?: string };
  setup?: { everyParts: number; time: DistributionSpec };
  scrapCost?: number;
}

/** Why a server is stopped; several can hold at once. */
const FAILED = 1;
const MANUAL = 2;
const SHIFT = 4;

const NO_ACTIVITY = 0;
const IN_SETUP = 1;
const IN_WORK = 2;

class Server {
  state = IDLE;
  stop = 0;
  activity = NO_ACTIVITY;
  /** Remaining time of an activity paused by a stop, or -1. */
  remaining = -1;
  job: Part[] = [];
  /** Finished parts; those before `emitted` have been handed downstream. */
  output: Part[] = [];
  emitted = 0;
  partsSinceSetup = 0;
  ttfLeft = Number.POSITIVE_INFINITY;
  workStart = 0;
  /** Repair time of a scripted breakdown in progress, or -1 (a natural failure draws ttr). */
  forcedRepairS = -1;
  /** Changeover time owed before the next cycle after a recipe switch, or -1. */
  pendingSetupS = -1;
  isFree = true;
  end!: SimEvent;
  failEvent!: SimEvent;
  repairEvent!: SimEvent;
  outlet!: Outlet;
  constructor(readonly index: number) {}
}

/**
 * A node that processes jobs on one or more servers: machines, batch processes
 * and assembly stations. Each server cycles through setup → work → hand-over
 * (blocked while the successor is full), fails and is repaired independently
 * (time to failure counts its working time; the interrupted cycle resumes),
 * and stops outside its shift calendar.
 */
export abstract class Station extends PlantNode implements CrewClient {
  protected readonly servers: Server[];
  protected readonly free: Server[] = [];
  readonly stateTime: StateTime;
  private cycle: Sampler;
  private readonly cycleStream: Uniform;
  private readonly setupTime: Sampler | null;
  private readonly ttf: Sampler | null;
  private readonly ttr: Sampler | null;
  /** Pool whose crew must arrive before a repair starts; null = repairs start at once. */
  private readonly crew: RepairCrewPool | null;
  private pass: (qty: number) => number;
  readonly config: StationConfig;
  /** Units that entered a cycle since the last reset (for quality = passed / processed). */
  unitsProcessed = 0;

  constructor(
    id: string,
    type: string,
    ctx: PlantContext,
    config: StationConfig,
  ) {
    super(id, type, ctx);
    // A copy: live edits (setCycle, setYield) must not write into the caller's model.
    this.config = { ...config };
    const sim = ctx.sim;
    this.cycleStream = ctx.uniform(`${id}.cycle`);
    this.cycle = makeSampler(config.cycle, this.cycleStream);
    this.setupTime = config.setup ? ctx.sampler(`${id}.setup`, config.setup.time) : null;
    this.ttf = config.failures ? ctx.sampler(`${id}.ttf`, config.failures.ttf) : null;
    this.ttr = config.failures ? ctx.sampler(`${id}.ttr`, config.failures.ttr) : null;
    const crewId = config.failures?.crew;
    this.crew = crewId === undefined ? null : (ctx.crews.get(crewId) ?? null);
    this.pass = ctx.passer(`${id}.yield`, config.yield);
    this.servers = [];
    for (let i = 0; i < config.servers; i++) {
      const s = new Server(i);
      s.end = sim.event(() => this.activityDone(s), `${id}#${i} end`);
      s.failEvent = sim.event(() => this.fail(s), `${id}#${i} failure`);
      s.repairEvent = sim.event(() => this.repaired(s), `${id}#${i} repair`);
      s.outlet = new Outlet(this, () => this.emit(s));
      if (this.ttf) s.ttfLeft = this.ttf();
      this.servers.push(s);
    }
    for (let i = config.servers - 1; i >= 0; i--) this.free.push(this.servers[i]);
    this.stateTime = new StateTime(SERVER_STATES.length, config.servers, IDLE, ctx.now);
  }

  /** Outlets of all servers (the router is set on each when the plant is wired). */
  get outlets(): Outlet[] {
    return this.servers.map((s) => s.outlet);
  }

  get serverCount(): number {
    return this.servers.length;
  }

  /** Starts as many jobs on free servers as the parts present allow. */
  protected abstract tryStart(): void;
  /** Parts a finished job counts as completed cycles. */
  protected completedPerJob(job: Part[]): number {
    return job.length > 0 ? 1 : 0;
  }

  get contents(): number {
    let n = 0;
    for (const s of this.servers) n += s.job.length + s.output.length - s.emitted + (s.outlet.blocked ? 1 : 0);
    return n + this.staged;
  }

  /** Parts waiting inside the node for a server (batch loading, assembly kits). */
  protected get staged(): number {
    return 0;
  }

  /** Of `contents`, the parts not yet in a job (input parts of a kit or batch being gathered). */
  get stagedParts(): number {
    return this.staged;
  }

  /** Starts a job of the given parts on a free server (the caller checked `free.length > 0`). */
  protected startJob(parts: Part[]): void {
    const s = this.free.pop()!;
    for (const part of parts) s.job.push(part);
    this.launch(s);
  }

  /** Starts a one-part job; the common case, kept free of allocation. */
  protected startOne(part: Part): void {
    const s = this.free.pop()!;
    s.job.push(part);
    this.launch(s);
  }

  private launch(s: Server): void {
    s.isFree = false;
    const job = s.job;
    const setup = this.config.setup;
    if (s.pendingSetupS >= 0) {
      const d = s.pendingSetupS;
      s.pendingSetupS = -1;
      s.partsSinceSetup = 0;
      this.begin(s, IN_SETUP, d);
    } else if (setup !== undefined && s.partsSinceSetup >= setup.everyParts) {
      s.partsSinceSetup = 0;
      this.begin(s, IN_SETUP, this.setupTime!());
    } else this.begin(s, IN_WORK, this.cycle());
    s.partsSinceSetup += job.length;
  }

  private begin(s: Server, activity: number, duration: number): void {
    s.activity = activity;
    s.remaining = -1;
    this.ctx.sim.scheduleIn(s.end, duration);
    if (activity === IN_WORK) this.startFailureClock(s);
    this.refresh(s);
  }

  private activityDone(s: Server): void {
    if (s.activity === IN_SETUP) {
      this.begin(s, IN_WORK, this.cycle());
      return;
    }
    s.activity = NO_ACTIVITY;
    const job = s.job;
    this.completed += this.completedPerJob(job);
    const out = s.output;
    for (let i = 0; i < job.length; i++) {
      const part = job[i];
      // Counted when the cycle ends, like `completed`: a job in progress at the end of a run has not processed its units.
      this.unitsProcessed += part.qty;
      const passed = this.pass(part.qty);
      if (passed < part.qty) this.scrapped += part.qty - passed;
      if (passed > 0) {
        part.qty = passed;
        out.push(part);
      } else this.ctx.wip.add(this.ctx.now, -1);
    }
    // pop, not `length = 0`: the length setter is a slow runtime call on this hot path.
    while (job.length > 0) job.pop();
    // The failure clock keeps running if this server went straight into its next
    // cycle (a zero-length gap in working time); cancelling and re-arming it on every
    // cycle of a saturated station would double the event-list work.
    this.emit(s);
    if (s.activity !== IN_WORK) this.stopFailureClock(s);
  }

  /** Hands finished parts downstream, one at a time, until done or blocked. */
  private emit(s: Server): void {
    const out = s.output;
    while (s.emitted < out.length) {
      // Count the part as gone before offering it: while blocked the outlet holds it.
      const part = out[s.emitted++];
      if (!s.outlet.offer(part)) {
        this.refresh(s);
        return;
      }
    }
    while (out.length > 0) out.pop();
    s.emitted = 0;
    if (s.stop === 0 && !s.isFree && s.activity === NO_ACTIVITY && !s.outlet.blocked) {
      s.isFree = true;
      this.free.push(s);
      this.tryStart();
      this.wake();
    }
    // Recorded after the pull: a server that took its next part at once never left
    // 'working' (a zero-length idle spell), which saves two state moves per cycle.
    this.refresh(s);
  }

  private startFailureClock(s: Server): void {
    if (this.ttf === null || s.stop !== 0 || s.failEvent.pending) return;
    s.workStart = this.ctx.now;
    this.ctx.sim.scheduleIn(s.failEvent, s.ttfLeft);
  }

  private stopFailureClock(s: Server): void {
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
    else s.ttfLeft = this.ttf!();
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
      if ((s.stop & FAILED) !== 0) continue;
      s.forcedRepairS = durationS;
      this.addStop(s, FAILED);
      if (this.crew !== null) this.crew.request(this, s.index);
      else this.ctx.sim.scheduleIn(s.repairEvent, durationS);
      n++;
    }
    return n;
  }

  /** The crew pool's id, or null when repairs need no crew. */
  get crewPool(): RepairCrewPool | null {
    return this.crew;
  }

  /**
   * Switches the recipe: the new cycle applies from each server's next cycle,
   * which is preceded by a changeover of `setupS` (a running cycle finishes first).
   */
  switchRecipe(spec: DistributionSpec, setupS: number): void {
    this.setCycle(spec);
    if (setupS > 0) for (const s of this.servers) s.pendingSetupS = setupS;
  }

  private addStop(s: Server, reason: number): void {
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
  }

  private clearStop(s: Server, reason: number): void {
    if ((s.stop & reason) === 0) return;
    s.stop &= ~reason;
    if (s.stop !== 0) return this.refresh(s);
    if (s.activity !== NO_ACTIVITY) {
      this.ctx.sim.scheduleIn(s.end, s.remaining);
      s.remaining = -1;
      if (s.activity === IN_WORK) this.startFailureClock(s);
      this.refresh(s);
    } else if (s.emitted >= s.output.length && !s.outlet.blocked) {
      s.isFree = true;
      this.free.push(s);
      this.refresh(s);
      this.tryStart();
      this.wake();
    } else this.refresh(s);
  }

  /** Stops (or restarts) every server for the shift calendar. */
  setOffShift(off: boolean): void {
    for (const s of this.servers) (off ? this.addStop(s, SHIFT) : this.clearStop(s, SHIFT));
  }

  /** An operator-injected breakdown of one server (or all): it stays down until cleared. */
  setBreakdown(down: boolean, server?: number): void {
    const targets = server === undefined ? this.servers : [this.servers[server]];
    for (const s of targets) (down ? this.addStop(s, MANUAL) : this.clearStop(s, MANUAL));
  }

  /** Changes the cycle-time distribution from the next cycle on (live what-if); draws continue on the same stream. */
  setCycle(spec: DistributionSpec): void {
    this.config.cycle = spec;
    this.cycle = makeSampler(spec, this.cycleStream);
  }

  /** Changes the yield from the next finished cycle on. */
  setYield(p: number): void {
    this.config.yield = p;
    this.pass = this.ctx.passer(`${this.id}.yield.${p}`, p);
  }

  /** Servers currently stopped by an injected breakdown. */
  get brokenDown(): number {
    return this.servers.filter((s) => (s.stop & MANUAL) !== 0).length;
  }

  private refresh(s: Server): void {
    let state: number;
    if ((s.stop & (FAILED | MANUAL)) !== 0) state = DOWN;
    else if ((s.stop & SHIFT) !== 0) state = OFF_SHIFT;
    else if (s.activity === IN_WORK) state = WORKING;
    else if (s.activity === IN_SETUP) state = SETUP;
    else if (s.outlet.blocked || s.emitted < s.output.length) state = BLOCKED;
    else state = IDLE;
    if (state !== s.state) {
      this.stateTime.move(this.ctx.now, s.state, state);
      s.state = state;
    }
  }

  /** Current state of each server, by index into SERVER_STATES. */
  serverStates(): number[] {
    return this.servers.map((s) => s.state);
  }

  override resetStats(now: number): void {
    super.resetStats(now);
    this.stateTime.reset(now);
    this.unitsProcessed = 0;
  }

  override report(now: number): NodeReport {
    const fractions = this.stateTime.fractions(now);
    const states = Object.fromEntries(SERVER_STATES.map((name, i) => [name, fractions[i]]));
    return { ...super.report(now), utilization: fractions[WORKING], states, unitsProcessed: this.unitsProcessed };
  }
}
