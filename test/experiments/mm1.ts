import type { ModelInput } from '../../server/protocol/model.ts';

/** An M/M/1 queue: Poisson arrivals at rate λ = 1/interarrivalMean, one exponential server with mean serviceMean. */
export function mm1Model(interarrivalMean = 2, serviceMean = 1): ModelInput {
  return {
    name: 'M/M/1',
    nodes: [
      { id: 'arrivals', type: 'source', interarrival: { dist: 'exponential', mean: interarrivalMean }, to: 'queue' },
      { id: 'queue', type: 'buffer', capacity: null, to: 'server' },
      { id: 'server', type: 'machine', cycle: { dist: 'exponential', mean: serviceMean }, to: 'done' },
      { id: 'done', type: 'sink' },
    ],
  };
}

/** Steady-state M/M/1 figures (λ < μ): W = 1/(μ−λ), Lq = ρ²/(1−ρ), Wq = Lq/λ. */
export function mm1Theory(interarrivalMean = 2, serviceMean = 1) {
  const lambda = 1 / interarrivalMean;
  const mu = 1 / serviceMean;
  const rho = lambda / mu;
  return { rho, timeInSystemS: 1 / (mu - lambda), queueLength: rho ** 2 / (1 - rho), waitInQueueS: rho ** 2 / (1 - rho) / lambda };
}
