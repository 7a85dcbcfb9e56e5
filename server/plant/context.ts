import { QuantileSketch, RandomStreams, Simulation, Tally, TimeWeighted, binomialPasser, makeSampler, type DistributionSpec, type Sampler, type UniformStream } from '../engine/index.ts';
import type { RepairCrewPool } from './repair-crews.ts';

/**
 * How deep hand-overs may nest on the call stack before the rest is queued. Far above any
 * real plant's chain (the default plant has 42 nodes), far below what overflows a stack.
 */
export const MAX_NESTED_HAND_OVERS = 256;

/** What every block of one plant shares: the clock, the random streams and plant-wide statistics. */
export class PlantContext {
  readonly sim = new Simulation();
  readonly streams: RandomStreams;
  /** Parts between leaving a source and leaving at a sink (or being scrapped whole). */
  readonly wip = new TimeWeighted();
  /** Time from leaving a source to reaching any sink, over all sinks. */
  readonly timeInSystem = new Tally();
  readonly leadTime = new QuantileSketch(0.01);
  /**
   * Observer of every hand-over between nodes (for animating moving parts in the
   * live view). Null in batch runs, so they pay one null check per transfer.
   */
  onTransfer: ((from: string, to: string, qty: number) => void) | null = null;
  /** Repair crew pools by id (empty unless the model declares repairCrews). */
  readonly crews = new Map<string, RepairCrewPool>();

  /**
   * Hand-overs nest: a freed place pulls a part from upstream, whose freed place pulls the next,
   * and a part entering a buffer moves on at once. On a chain of thousands of nodes that recursion
   * overflows the call stack, so beyond MAX_NESTED_HAND_OVERS levels the continuation is queued
   * and run, in order, when the outermost hand-over returns: the same simulated instant, parts
   * held where they are meanwhile. Shallower plants run exactly as they would recursively.
   * Counted where a chain can grow, not on every hand-over: an owner's reaction to its freed
   * exit (Outlet.handOverAndReact), and a buffer or split passing parts on at once. Those per-part
   * paths count and compare the field themselves: a getter's or a closure's call there would
   * spend V8's inlining budget.
   */
  nestedHandOvers = 0;
  private readonly queuedHandOvers: (() => void)[] = [];
  private drainingHandOvers = false;

  constructor(seed: number, replication: number) {
    this.streams = new RandomStreams(seed, replication);
  }

  get now(): number {
    return this.sim.now;
  }

  /** Runs one nested step of a hand-over, counting the depth. */
  nestHandOver(step: () => void): void {
    this.nestedHandOvers++;
    step();
    this.leaveHandOver();
  }

  /** After an event threw mid hand-over: forget the depth and the continuations of that event. */
  resetHandOvers(): void {
    this.nestedHandOvers = 0;
    this.queuedHandOvers.length = 0;
    this.drainingHandOvers = false;
  }

  /** Ends a nested step begun with `nestedHandOvers++` (nestHandOver, or inline on the per-part paths). */
  leaveHandOver(): void {
    if (--this.nestedHandOvers === 0 && this.queuedHandOvers.length > 0) this.drainHandOvers();
  }

  /** Queues a continuation once nestedHandOvers reached MAX_NESTED_HAND_OVERS; it runs before the current event ends. */
  queueHandOver(step: () => void): void {
    this.queuedHandOvers.push(step);
  }

  private drainHandOvers(): void {
    if (this.drainingHandOvers) return;
    this.drainingHandOvers = true;
    try {
      // Steps queued while draining are appended and run by this same loop.
      for (let i = 0; i < this.queuedHandOvers.length; i++) this.nestHandOver(this.queuedHandOvers[i]);
    } finally {
      this.queuedHandOvers.length = 0;
      this.drainingHandOvers = false;
    }
  }

  uniform(streamName: string): UniformStream {
    return this.streams.generator(streamName);
  }

  sampler(streamName: string, spec: DistributionSpec): Sampler {
    return makeSampler(spec, this.streams.generator(streamName));
  }

  /**
   * Number of units out of `qty` that pass a step with probability `p` each: a binomial draw,
   * one uniform per tray or small lot (engine/binomial.ts).
   */
  passer(streamName: string, p: number): (qty: number) => number {
    return binomialPasser(this.streams.generator(streamName), p);
  }
}
