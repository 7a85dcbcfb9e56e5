import type { SimEvent } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import type { NodeReport, PlantNode } from './node.ts';
import type { Part } from './part.ts';
import type { Server } from './station-server.ts';
import { Station, type StationConfig } from './station.ts';

export interface BatchConfig extends StationConfig {
  batch: { size: number; min?: number; maxWaitS?: number };
}

/**
 * Servers that each process up to `size` parts at once (ovens, formation racks).
 * A part enters a batch only when a server is free to load it: one free server
 * at a time loads every part it can at that instant (up to `size`, every
 * same-instant hand-over included) and starts when it holds `size`, or `min`
 * once no more parts arrive at that instant, or when its first part has waited
 * `maxWaitS`. Meanwhile parts wait upstream, in the model's buffers.
 *
 * A breakdown of the collecting server (a rack failing while it is loaded) does not stop the
 * others: its parts stay in it, and a free server starts the next batch. Repaired, it goes on
 * collecting its own batch once no other is being collected (`parked`).
 */
export class Batch extends Station {
  private readonly size: number;
  private readonly min: number;
  private readonly maxWaitS: number;
  /** The collector's first part has waited maxWaitS. */
  private readonly timeout: SimEvent | null;
  /**
   * Zero-delay event re-scheduled at every load once `min` is reached: it fires
   * after every hand-over already due at this instant (the calendar is FIFO on
   * (time, sequence)), so the batch starts with all of them.
   */
  private readonly settle: SimEvent | null;
  private timedOut = false;
  /** Batches finished since the last reset (`completed` counts parts). */
  private batches = 0;
  /** Servers whose collecting a breakdown interrupted, each holding what it had loaded; oldest first. */
  private readonly parked: Server[] = [];

  constructor(id: string, ctx: PlantContext, config: BatchConfig) {
    super(id, 'batch', ctx, config);
    this.size = config.batch.size;
    this.min = config.batch.min ?? config.batch.size;
    this.maxWaitS = config.batch.maxWaitS ?? Number.POSITIVE_INFINITY;
    this.timeout =
      config.batch.maxWaitS === undefined
        ? null
        : ctx.sim.event(() => {
            this.timedOut = true;
            if (this.collector !== null && this.collector.stop === 0) this.startBatch();
          }, `${id} batch timeout`);
    this.settle =
      this.min < this.size
        ? ctx.sim.event(() => {
            const s = this.collector;
            if (s !== null && s.stop === 0 && s.job.length >= this.min) this.startBatch();
          }, `${id} batch settle`)
        : null;
  }

  canAccept(_from: PlantNode): boolean {
    return this.canCollect && (this.collector === null || this.collector.job.length < this.size);
  }

  protected override parkedCanResume(): boolean {
    return this.parked.length > 0 && this.resumedParked() >= 0;
  }

  accept(part: Part, _from: PlantNode): void {
    if (this.collector === null && this.parked.length > 0) this.resumeParked();
    const s = this.collecting();
    this.load(s, part);
    if (s.job.length === 1) {
      s.collectStart = this.ctx.now;
      if (this.timeout !== null) this.ctx.sim.scheduleIn(this.timeout, this.maxWaitS);
    }
    if (s.job.length >= this.size) this.startBatch();
    else if (s.job.length >= this.min && this.settle !== null) this.ctx.sim.scheduleIn(this.settle, 0);
  }

  private startBatch(): void {
    if (this.timeout !== null) this.ctx.sim.cancel(this.timeout);
    if (this.settle !== null) this.ctx.sim.cancel(this.settle);
    this.timedOut = false;
    this.startCollected();
    // A repaired server with a batch of its own collects next; else a free server loads what waits upstream.
    if (this.parked.length > 0) this.resumeParked();
    this.wake();
  }

  /** Index in `parked` of the oldest server whose stops have cleared, or -1. */
  private resumedParked(): number {
    for (let i = 0; i < this.parked.length; i++) if (this.parked[i].stop === 0) return i;
    return -1;
  }

  /**
   * A repaired parked server, if any, collects again (there is no collector): its batch starts
   * now if its first part has waited `maxWaitS` (or when the instant's hand-overs are done, at
   * `min`), else its wait runs on.
   */
  private resumeParked(): void {
    const i = this.resumedParked();
    if (i < 0) return;
    const s = this.parked[i];
    this.parked.splice(i, 1);
    this.collector = s;
    if (this.timeout !== null) this.ctx.sim.scheduleIn(this.timeout, Math.max(0, s.collectStart + this.maxWaitS - this.ctx.now));
    if (s.job.length >= this.min && this.settle !== null) this.ctx.sim.scheduleIn(this.settle, 0);
  }

  /** A breakdown stopped the collector: it keeps its parts and waits (parked); another server may collect meanwhile. */
  protected override collectorBroke(s: Server): void {
    if (s !== this.collector) return;
    if (this.timeout !== null) this.ctx.sim.cancel(this.timeout);
    if (this.settle !== null) this.ctx.sim.cancel(this.settle);
    this.timedOut = false;
    this.collector = null;
    this.parked.push(s);
    this.wake();
  }

  /** Parts wait upstream until a server is free; `wake` (after this) lets them in. */
  protected tryStart(): void {}

  /** The collector's stop (shift, breakdown) has cleared: load what waits, then start if due. */
  protected override collectorResumed(s: Server): void {
    if (this.collector === null && this.parked.length > 0) this.resumeParked();
    this.wake();
    if (this.collector !== s) return;
    if (this.timedOut) this.startBatch();
    else if (s.job.length >= this.min && this.settle !== null) this.ctx.sim.scheduleIn(this.settle, 0);
  }

  protected override completedPerJob(job: Part[]): number {
    this.batches++;
    return job.length;
  }

  override resetStats(now: number): void {
    super.resetStats(now);
    this.batches = 0;
  }

  override report(now: number): NodeReport {
    return { ...super.report(now), batches: this.batches };
  }
}
