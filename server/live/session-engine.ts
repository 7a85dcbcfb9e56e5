import type { Model } from '../protocol/model.ts';
import { withParam, type ControlCommand, type ControlResult, type PlantKpis, type SetParamCommand, type Speed } from '../protocol/messages.ts';
import { Plant } from '../plant/plant.ts';
import { plantReport, type ReplicationReport } from '../plant/report.ts';
import { applyBreakdown, applyParam, CommandError } from './live-edits.ts';
import { PlantSampler, type PlantSample } from './plant-sampler.ts';
import { livePlantKpis } from './plant-kpis.ts';
import { moduleFeedCells, OUTPUT_SAMPLE_S, OutputWindow, shiftClockOf, type ShiftClock } from './output-window.ts';

/** Events fired between checks of the wall clock; small enough to keep slices to a few ms. */
const EVENTS_PER_CHUNK = 500;
/** A step by Δt stops after this many events, so one command cannot hang the session. */
const MAX_STEP_EVENTS = 2_000_000;
/** Behind the wall clock by more than this (wall ms), the pacer lets the lost time go instead of racing to catch up. */
const MAX_CATCH_UP_MS = 250;

/** The commands an engine runs: the control commands (protocol/commands.ts). */
export type EngineCommand = ControlCommand;

/**
 * One live simulation: a Plant paced against the wall clock. Pure logic with the
 * wall clock passed in, so it runs the same in a worker thread and in tests; the
 * kernel itself never sees the wall clock.
 */
export class SessionEngine {
  plant: Plant;
  readonly sampler: PlantSampler;
  running = false;
  speed: Speed;
  /** Bumped by reset: frames of an older epoch describe a plant that no longer exists. */
  epoch = 0;
  /** Injected breakdowns in force: node id → servers down by hand. */
  readonly breakdowns: Record<string, number> = {};
  /** Sim time the pacer must not run past (a training prompt, an exercise's horizon); `onLimit` is told when the clock gets there. */
  limitS: () => number = () => Number.POSITIVE_INFINITY;
  onLimit: () => void = () => undefined;
  /** Called with each plant a reset creates (training re-arms its script on it). */
  onNewPlant: ((plant: Plant) => void) | null = null;
  /** Recent output at the module feed (the headline's 7-day rate and daily trend). */
  readonly output = new OutputWindow();
  private readonly cellShifts: ShiftClock;
  private anchorWall = 0;
  private anchorSim = 0;
  private eventsBeforeReset = 0;

  constructor(
    /** The model as running, live edits applied: a reset rebuilds the plant from it. */
    public model: Model,
    public seed: number,
    speed: Speed,
  ) {
    this.speed = speed;
    this.plant = new Plant(model, seed, 0);
    this.plant.start();
    this.sampler = new PlantSampler(this.plant);
    this.cellShifts = shiftClockOf(model, model.product?.cellsFrom);
  }

  /** Events fired by this session over all resets. */
  get eventsFired(): number {
    return this.eventsBeforeReset + this.plant.sim.eventsFired;
  }

  status(): ControlResult {
    return { simTimeS: this.plant.now, running: this.running, speed: this.speed, eventsFired: this.plant.sim.eventsFired };
  }

  /**
   * Advances the clock towards where the wall clock says it should be, spending at
   * most `budgetMs` of wall time. Returns the events fired.
   */
  advance(wallNowMs: number, budgetMs: number, clock: () => number = () => performance.now()): number {
    if (!this.running) return 0;
    const fired = this.advanceClock(wallNowMs, budgetMs, clock);
    this.observeOutput();
    return fired;
  }

  private advanceClock(wallNowMs: number, budgetMs: number, clock: () => number): number {
    const sim = this.plant.sim;
    const deadline = wallNowMs + budgetMs;
    let fired = 0;
    if (this.speed === 'max') {
      do {
        const limit = this.limitS();
        const n = this.plant.runUntil(limit, EVENTS_PER_CHUNK);
        fired += n;
        this.checkLimit(limit);
        if (n < EVENTS_PER_CHUNK || !this.running) break; // nothing left to do, or held
      } while (clock() < deadline);
      return fired;
    }
    const limit = this.limitS();
    const target = Math.min(limit, this.anchorSim + ((wallNowMs - this.anchorWall) / 1000) * this.speed);
    for (;;) {
      const n = this.plant.runUntil(target, EVENTS_PER_CHUNK);
      fired += n;
      this.checkLimit(limit);
      if (n < EVENTS_PER_CHUNK || sim.nextEventTime() > target || !this.running) return fired;
      const now = clock();
      if (now >= deadline) {
        // Cannot keep up at this speed: drop the backlog beyond a short catch-up window.
        const behindMs = ((target - this.plant.now) / this.speed) * 1000;
        if (behindMs > MAX_CATCH_UP_MS) this.anchor(now - MAX_CATCH_UP_MS);
        return fired;
      }
    }
  }

  /** The clock stands at the limit with every event due there fired: tell the training layer (it pauses there). */
  private checkLimit(limit: number): void {
    if (Number.isFinite(limit) && this.plant.now >= limit && this.plant.sim.nextEventTime() > limit) this.onLimit();
  }

  /**
   * Runs the plant as fast as it goes to `untilS` before pacing starts, so a viewer
   * sees a plant in its steady state instead of an empty one filling for weeks.
   * Hour by hour, so the output window gets its samples on time. Returns events fired.
   */
  warmUp(untilS: number): number {
    return this.runObserved(untilS, Number.POSITIVE_INFINITY);
  }

  /** Runs to `untilS` (or `maxEvents`) in steps of the output window's sampling, so a long step leaves no gap in its history. */
  private runObserved(untilS: number, maxEvents: number): number {
    let fired = 0;
    this.observeOutput();
    while (this.plant.now < untilS && fired < maxEvents) {
      fired += this.plant.runUntil(Math.min(untilS, (Math.floor(this.plant.now / OUTPUT_SAMPLE_S) + 1) * OUTPUT_SAMPLE_S), maxEvents - fired);
      this.observeOutput();
    }
    return fired;
  }

  private observeOutput(): void {
    const cells = moduleFeedCells(this.model, this.plant);
    if (cells !== null) this.output.observe(this.plant.now, cells);
  }

  /** Restarts pacing from the current simulation time. */
  private anchor(wallNowMs: number): void {
    this.anchorWall = wallNowMs;
    this.anchorSim = this.plant.now;
  }

  execute(cmd: EngineCommand, wallNowMs: number): ControlResult {
    switch (cmd.type) {
      case 'play':
        if (!this.running) this.anchor(wallNowMs);
        this.running = true;
        break;
      case 'pause':
        this.running = false;
        break;
      case 'step':
        this.running = false;
        this.plant.start();
        if (cmd.dtS === undefined) this.plant.sim.step();
        else {
          const until = this.plant.now + cmd.dtS;
          const fired = this.runObserved(until, MAX_STEP_EVENTS);
          if (fired >= MAX_STEP_EVENTS && this.plant.now < until) {
            throw new CommandError('conflict', `dtS: stopped after ${MAX_STEP_EVENTS} events at t = ${this.plant.now.toFixed(1)} s; step by less or play`);
          }
        }
        this.observeOutput();
        break;
      case 'setSpeed':
        this.speed = cmd.speed;
        this.anchor(wallNowMs);
        break;
      case 'reset':
        this.reset(cmd.seed ?? this.seed, wallNowMs);
        break;
      case 'setParam':
        this.setParam(cmd);
        break;
      case 'injectBreakdown':
      case 'clearBreakdown': {
        const down = applyBreakdown(this.plant, cmd.nodeId, cmd.type === 'injectBreakdown', cmd.server);
        if (down > 0) this.breakdowns[cmd.nodeId] = down;
        else delete this.breakdowns[cmd.nodeId];
        break;
      }
    }
    return this.status();
  }

  /** A live parameter change: to the running plant, and to the model a reset rebuilds from. */
  setParam(cmd: SetParamCommand): void {
    applyParam(this.plant, cmd);
    this.model = withParam(this.model, cmd);
    if (cmd.field === 'capacity' || cmd.field === 'servers') this.sampler.refreshNodeInfo(this.plant.order.findIndex((n) => n.id === cmd.nodeId));
  }

  /** A fresh plant from the session's model (live edits kept), at time 0. */
  private reset(seed: number, wallNowMs: number): void {
    this.eventsBeforeReset += this.plant.sim.eventsFired;
    this.seed = seed;
    this.plant = new Plant(this.model, seed, 0);
    this.plant.start();
    this.onNewPlant?.(this.plant);
    this.sampler.attach(this.plant);
    for (const id of Object.keys(this.breakdowns)) delete this.breakdowns[id];
    this.epoch++;
    this.anchor(wallNowMs);
  }

  sample(): PlantSample {
    return this.sampler.sample();
  }

  report(): ReplicationReport {
    return plantReport(this.plant);
  }

  /** The plant KPIs now (server/kpi over the statistics so far); a few ms on the default plant, so callers ration it. */
  plantKpis(): PlantKpis {
    const cells = moduleFeedCells(this.model, this.plant);
    const output = cells === null ? null : this.output.read(this.plant.now, cells, this.model.product?.whPerCell ?? null, this.cellShifts);
    return { ...livePlantKpis(this.model, this.plant), output };
  }
}
