import { QuantileSketch, RandomStreams, Simulation, Tally, TimeWeighted, makeSampler, type DistributionSpec, type Sampler, type UniformStream } from '../engine/index.ts';
import binomial from '@stdlib/random-base-binomial';
import type { RepairCrewPool } from './repair-crews.ts';

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

  constructor(seed: number, replication: number) {
    this.streams = new RandomStreams(seed, replication);
  }

  get now(): number {
    return this.sim.now;
  }

  uniform(streamName: string): UniformStream {
    return this.streams.generator(streamName);
  }

  sampler(streamName: string, spec: DistributionSpec): Sampler {
    return makeSampler(spec, this.streams.generator(streamName));
  }

  /**
   * Number of units out of `qty` that pass a step with probability `p` each:
   * a Bernoulli draw for single units, a binomial draw for trays and lots.
   */
  passer(streamName: string, p: number): (qty: number) => number {
    if (p >= 1) return (qty) => qty;
    const stream = this.streams.generator(streamName);
    const u = stream.asFunction();
    const draw = binomial.factory({ prng: u });
    // For a tray (n·q < 10 with q = min(p, 1 − p)) @stdlib counts n Bernoulli draws `u() <= q`,
    // counting failures when p > 1/2; done here without its argument checks and recursion,
    // the same draws in the same order. Larger lots go to its BTPE sampler.
    const flip = p > 0.5;
    const q = flip ? 1.0 - p : p;
    return (qty) => {
      if (qty === 1) return stream.next() < p ? 1 : 0;
      if (!(qty * q < 10) || !Number.isInteger(qty) || qty < 1) return draw(qty, p);
      let hits = 0;
      for (let i = 0; i < qty; i++) if (stream.next() <= q) hits++;
      return flip ? qty - hits : hits;
    };
  }
}
