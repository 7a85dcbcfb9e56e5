import { makeSampler, type DistributionSpec, type Sampler, type UniformStream } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import type { NodeReport, Outlet } from './node.ts';
import { SERVER_STATES, WORKING, type Part } from './part.ts';
import { IN_SETUP, IN_WORK, NO_ACTIVITY, type Server } from './station-server.ts';
import { StationStops, type FailuresConfig } from './station-stops.ts';

export interface StationConfig {
  servers: number;
  cycle: DistributionSpec;
  yield: number;
  nominalCycleS?: number;
  failures?: FailuresConfig;
  setup?: { everyParts: number; time: DistributionSpec };
  scrapCost?: number;
  continuesOffShift?: boolean;
}

/**
 * A node that processes jobs on one or more servers: machines, batch processes
 * and assembly stations. Each server cycles through setup → work → hand-over
 * (blocked while the successor is full). What stops a server (failures, shifts,
 * breakdowns) is in station-stops.ts; the servers' bookkeeping (free list, state
 * time, servers added or taken out) in station-servers.ts.
 *
 * Batch and assembly servers first collect their job: one free server at a time
 * loads parts (it counts as idle meanwhile), so parts wait upstream, in the
 * model's buffers, until a server is free to load them; no hidden staging area.
 */
export abstract class Station extends StationStops {
  private cycle: Sampler;
  private readonly cycleStream: UniformStream;
  private readonly setupTime: Sampler | null;
  /** Units of a lot that pass the yield step; null when every unit passes (no draw, no call). */
  private pass: ((qty: number) => number) | null;
  readonly config: StationConfig;
  /** Units that entered a cycle since the last reset (for quality = passed / processed). */
  unitsProcessed = 0;
  /** The server collecting the next batch or kit, or null (one forms at a time). */
  protected collector: Server | null = null;

  constructor(id: string, type: string, ctx: PlantContext, config: StationConfig) {
    super(id, type, ctx, config.servers, config.failures, config.continuesOffShift === true);
    // A copy: live edits (setCycle, setYield) must not write into the caller's model.
    this.config = { ...config };
    this.cycleStream = ctx.uniform(`${id}.cycle`);
    this.cycle = makeSampler(config.cycle, this.cycleStream);
    this.setupTime = config.setup ? ctx.sampler(`${id}.setup`, config.setup.time) : null;
    this.pass = config.yield >= 1 ? null : ctx.passer(`${id}.yield`, config.yield);
  }

  /** Outlets of all servers (the router is set on each when the plant is wired). */
  get outlets(): Outlet[] {
    return this.servers.map((s) => s.outlet);
  }

  /** Parts a finished job counts as completed cycles. */
  protected completedPerJob(job: Part[]): number {
    return job.length > 0 ? 1 : 0;
  }

  get contents(): number {
    return this.held + this.staged;
  }

  /** Parts inside the node that are not yet in a server's job (an assembly's kit). */
  protected get staged(): number {
    return 0;
  }

  /** Of `contents`, the parts not yet in a job (input parts of a kit or batch being gathered). */
  get stagedParts(): number {
    return this.staged;
  }

  /**
   * Who can load now: the collecting server if it is running; with none, a free server (it would
   * start collecting) or a repaired server whose collecting a breakdown interrupted (batch.ts).
   */
  protected get canCollect(): boolean {
    return this.collector !== null ? this.collector.stop === 0 : this.free.length > 0 || this.parkedCanResume();
  }

  /** A server parked by a breakdown while collecting is running again (only a batch station parks servers). */
  protected parkedCanResume(): boolean {
    return false;
  }

  /** The server collecting the next job; a free one starts collecting (the caller checked canCollect). */
  protected collecting(): Server {
    if (this.collector !== null) return this.collector;
    const s = this.free.pop()!;
    s.isFree = false;
    s.collecting = true;
    this.collector = s;
    return s;
  }

  /** Machines never collect; batch and assembly stations resume loading here. */
  protected collectorResumed(_s: Server): void {}

  /**
   * A breakdown stopped the collecting server. An assembly gathers its kit in the station, not
   * in the server, so the broken server only gives up the role: a free one takes the kit on, and
   * the broken one, repaired, is free again. (A batch server holds what it loaded: batch.ts.)
   */
  protected collectorBroke(s: Server): void {
    if (s !== this.collector) return;
    this.collector = null;
    s.collecting = false;
    this.tryStart();
    this.wake();
  }

  /** Starts the collected job (already in the collector's `job`). */
  protected startCollected(): void {
    const s = this.collector!;
    this.collector = null;
    s.collecting = false;
    this.launch(s);
  }

  /** Starts a one-part job on a free server (the caller checked `free.length > 0`). */
  protected startOne(part: Part): void {
    const s = this.free.pop()!;
    this.load(s, part);
    this.launch(s);
  }

  /** Puts a part into a server's job: from here until it leaves it counts in `contents`. */
  protected load(s: Server, part: Part): void {
    s.job.push(part);
    this.held++;
  }

  private launch(s: Server): void {
    s.isFree = false;
    // A changeover is the rare case: kept out of this per-part path so the cycle's start stays small.
    if (s.pendingSetupS >= 0 || this.setupTime !== null) this.launchAfterSetup(s);
    else this.begin(s, IN_WORK, this.cycle());
    s.partsSinceSetup += s.job.length;
  }

  /** launch() when a changeover may be due: one owed by a recipe switch, or every `everyParts`. */
  private launchAfterSetup(s: Server): void {
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
  }

  private begin(s: Server, activity: number, duration: number): void {
    s.activity = activity;
    s.remaining = -1;
    this.ctx.sim.scheduleIn(s.end, duration);
    if (activity === IN_WORK) this.startFailureClock(s);
    this.refresh(s);
  }

  protected activityDone(s: Server): void {
    if (s.activity === IN_SETUP) {
      this.begin(s, IN_WORK, this.cycle());
      return;
    }
    s.activity = NO_ACTIVITY;
    const job = s.job;
    this.completed += this.completedPerJob(job);
    // Counted when the cycle ends, like `completed`: a job in progress at the end of a run has not processed its units.
    let units = 0;
    for (let i = 0; i < job.length; i++) units += job[i].qty;
    this.unitsProcessed += units;
    if (this.pass !== null) this.applyYield(job, this.pass);
    const out = s.output;
    if (out.length === 0) {
      // The usual case: the last output was handed over before this job started. The job
      // array becomes the output and the emptied output array takes the next job: no copy.
      s.job = out;
      s.output = job;
    } else this.appendOutput(job, out);
    // The failure clock keeps running if this server went straight into its next
    // cycle (a zero-length gap in working time); cancelling and re-arming it on every
    // cycle of a saturated station would double the event-list work.
    this.emit(s);
    if (s.activity !== IN_WORK) this.stopFailureClock(s);
  }

  /** Moves a finished job behind parts still waiting to leave (a collecting station's next job finished first). */
  private appendOutput(job: Part[], out: Part[]): void {
    for (let i = 0; i < job.length; i++) out.push(job[i]);
    while (job.length > 0) job.pop();
  }

  /** Draws each part's passing units, in job order; scrapped parts leave the job, the rest close up in place. */
  private applyYield(job: Part[], pass: (qty: number) => number): void {
    let kept = 0;
    for (let i = 0; i < job.length; i++) {
      const part = job[i];
      const passed = pass(part.qty);
      if (passed < part.qty) this.scrapped += part.qty - passed;
      if (passed > 0) {
        part.qty = passed;
        if (kept !== i) job[kept] = part;
        kept++;
      } else {
        this.held--;
        this.ctx.wip.add(this.ctx.now, -1);
      }
    }
    // pop, not `length = 0`: the length setter is a slow runtime call on this hot path.
    while (job.length > kept) job.pop();
  }

  /** Hands finished parts downstream, one at a time, until done or blocked. */
  protected emit(s: Server): void {
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
    if (s.stop === 0 && !s.isFree && !s.collecting && s.activity === NO_ACTIVITY && !s.outlet.blocked) this.available(s);
    // Recorded after the pull: a server that took its next part at once never left
    // 'working' (a zero-length idle spell), which saves two state moves per cycle.
    this.refresh(s);
  }

  /**
   * Switches the recipe: the new cycle applies from each server's next cycle,
   * which is preceded by a changeover of `setupS` (a running cycle finishes first).
   */
  switchRecipe(spec: DistributionSpec, setupS: number): void {
    this.setCycle(spec);
    if (setupS > 0) for (const s of this.servers) s.pendingSetupS = setupS;
  }

  /** Changes the cycle-time distribution from the next cycle on (live what-if); draws continue on the same stream. */
  setCycle(spec: DistributionSpec): void {
    this.config.cycle = spec;
    this.cycle = makeSampler(spec, this.cycleStream);
  }

  /** Changes the yield from the next finished cycle on. */
  setYield(p: number): void {
    this.config.yield = p;
    this.pass = p >= 1 ? null : this.ctx.passer(`${this.id}.yield.${p}`, p);
  }

  override setServers(n: number): void {
    this.config.servers = n;
    super.setServers(n);
  }

  override setFailures(failures: FailuresConfig | undefined): void {
    this.config.failures = failures;
    super.setFailures(failures);
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
