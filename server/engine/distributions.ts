import uniform from '@stdlib/random-base-uniform';
import triangular from '@stdlib/random-base-triangular';
import normal from '@stdlib/random-base-normal';
import gamma from '@stdlib/random-base-gamma';
import weibull from '@stdlib/random-base-weibull';
import erlang from '@stdlib/random-base-erlang';
import { UniformStream, type Uniform } from './random.ts';
import { standardExponential } from './exponential.ts';

/**
 * A distribution as it appears in model files (all times in seconds). The zod
 * schema in server/protocol mirrors this type and checks the parameter ranges;
 * the engine trusts what it is given.
 */
export type DistributionSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular'; min: number; mode: number; max: number }
  | { dist: 'normal'; mean: number; sd: number }
  | { dist: 'lognormal'; mean: number; sd: number }
  | { dist: 'gamma'; shape: number; scale: number }
  | { dist: 'weibull'; shape: number; scale: number }
  | { dist: 'erlang'; k: number; mean: number }
  | { dist: 'empirical'; values: number[]; probs: number[] };

export type Sampler = () => number;

/** Builds a sampler that draws from `spec` using the uniform stream `source`. */
export function makeSampler(spec: DistributionSpec, source: Uniform | UniformStream): Sampler {
  const stream = source instanceof UniformStream ? source : null;
  const prng = stream === null ? (source as Uniform) : stream.asFunction();
  const opts = { prng };
  switch (spec.dist) {
    case 'constant': {
      const v = spec.value;
      return () => v;
    }
    case 'exponential': {
      // By ziggurat (exponential.ts): the inverse transform's logarithm was a tenth of a saturated
      // line's run time. Other distributions use the @stdlib samplers.
      const mean = spec.mean;
      const source = stream ?? { next: prng };
      return () => standardExponential(source) * mean;
    }
    case 'uniform':
      if (spec.max === spec.min) return constantOf(spec.min);
      return uniform.factory(spec.min, spec.max, opts);
    case 'triangular':
      if (spec.max === spec.min) return constantOf(spec.min);
      return triangular.factory(spec.min, spec.max, spec.mode, opts);
    case 'normal': {
      if (spec.sd === 0) return constantOf(Math.max(0, spec.mean));
      const draw = normal.factory(spec.mean, spec.sd, opts);
      // Truncation at 0 by rejection: the schema keeps mean > 0, so a draw is
      // accepted with probability > 1/2 and the loop ends after < 2 tries on average.
      return () => {
        let x = draw();
        while (x < 0) x = draw();
        return x;
      };
    }
    case 'lognormal': {
      if (spec.sd === 0) return constantOf(spec.mean);
      const { mu, sigma } = lognormalParams(spec.mean, spec.sd);
      // @stdlib's lognormal is exp(mu + sigma·z) with z from its improved ziggurat and its
      // JavaScript exp. Its standard normal draws the same z from the same stream, and V8's
      // Math.exp (the same fdlibm algorithm) returns the same bits as that exp at a fraction of
      // its cost (test/engine/distributions.test.ts holds both to @stdlib's draws).
      const z = normal.factory(0, 1, opts);
      return () => Math.exp(mu + sigma * z());
    }
    case 'gamma':
      return gamma.factory(spec.shape, 1 / spec.scale, opts);
    case 'weibull':
      return weibull.factory(spec.shape, spec.scale, opts);
    case 'erlang':
      return erlang.factory(spec.k, spec.k / spec.mean, opts);
    case 'empirical':
      return empiricalSampler(spec.values, spec.probs, prng);
  }
}

/** Parameters of the underlying normal for a lognormal with the given mean and sd of the variate. */
export function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

function constantOf(v: number): Sampler {
  return () => v;
}

/** Discrete distribution over `values`: no @stdlib sampler takes arbitrary support points. */
function empiricalSampler(values: number[], probs: number[], prng: Uniform): Sampler {
  const total = probs.reduce((a, b) => a + b, 0);
  const cumulative = new Float64Array(probs.length);
  let acc = 0;
  for (let i = 0; i < probs.length; i++) {
    acc += probs[i] / total;
    cumulative[i] = acc;
  }
  const last = values.length - 1;
  return () => {
    const u = prng();
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < cumulative[mid]) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  };
}
