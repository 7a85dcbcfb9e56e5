/** The pure simulation kernel: no Node APIs, no wall clock, no Math.random. */
export { EventCalendar, SimEvent, type EventAction } from './calendar.ts';
export { Simulation } from './simulation.ts';
export { RandomStreams, UniformStream, type Uniform } from './random.ts';
export { binomialPasser } from './binomial.ts';
export { makeSampler, lognormalParams, type DistributionSpec, type Sampler } from './distributions.ts';
export { TimeWeighted, StateTime, Tally, QuantileSketch } from './stats.ts';
export { ShiftPattern } from './shifts.ts';
export { Fifo, NumberFifo } from './fifo.ts';
