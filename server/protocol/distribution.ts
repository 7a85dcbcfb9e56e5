import { z } from 'zod';
import { distributionMean } from './distribution-mean.ts';
import { MIN_MEAN_DURATION_S } from './limits.ts';

/** A finite number (JSON has no NaN/Infinity, but JS callers can pass them). */
const finite = () => z.number('must be a number').refine(Number.isFinite, 'must be a finite number');
const positive = () => finite().gt(0, 'must be > 0');
const nonNegative = () => finite().gte(0, 'must be >= 0');

/**
 * A random variable in a model file. Every time is in seconds. Distributions of
 * durations must have a positive mean: a zero-length cycle would let parts loop
 * without time passing.
 */
const DistributionShapeSchema = z
  .discriminatedUnion(
    'dist',
    [
      z.strictObject({ dist: z.literal('constant'), value: positive() }),
      z.strictObject({ dist: z.literal('exponential'), mean: positive() }),
      z
        .strictObject({ dist: z.literal('uniform'), min: nonNegative(), max: positive() })
        .refine((d) => d.max >= d.min, { message: 'must be >= min', path: ['max'] }),
      z
        .strictObject({ dist: z.literal('triangular'), min: nonNegative(), mode: nonNegative(), max: positive() })
        .refine((d) => d.mode >= d.min, { message: 'must be >= min', path: ['mode'] })
        .refine((d) => d.max >= d.mode, { message: 'must be >= mode', path: ['max'] }),
      z.strictObject({ dist: z.literal('normal'), mean: positive(), sd: nonNegative() }),
      z.strictObject({ dist: z.literal('lognormal'), mean: positive(), sd: nonNegative() }),
      z.strictObject({ dist: z.literal('gamma'), shape: positive(), scale: positive() }),
      z.strictObject({ dist: z.literal('weibull'), shape: positive(), scale: positive() }),
      z.strictObject({ dist: z.literal('erlang'), k: z.int('must be a whole number').gte(1, 'must be >= 1'), mean: positive() }),
      z
        .strictObject({
          dist: z.literal('empirical'),
          values: z.array(nonNegative()).min(1, 'must list at least one value'),
          probs: z.array(nonNegative()).min(1, 'must list at least one probability'),
        })
        .refine((d) => d.values.length === d.probs.length, { message: 'must have as many entries as values', path: ['probs'] })
        .refine((d) => Math.abs(d.probs.reduce((a, b) => a + b, 0) - 1) < 1e-6, { message: 'must sum to 1', path: ['probs'] })
        .refine((d) => d.values.some((v, i) => v > 0 && d.probs[i] > 0), { message: 'must give a positive mean', path: ['values'] }),
    ],
    { error: 'dist must be one of constant, exponential, uniform, triangular, normal, lognormal, gamma, weibull, erlang, empirical' },
  );

/** The parameter that sets a distribution's scale, where a too-short mean is reported. */
const SCALE_FIELD = { constant: 'value', exponential: 'mean', uniform: 'max', triangular: 'max', normal: 'mean', lognormal: 'mean', gamma: 'scale', weibull: 'scale', erlang: 'mean', empirical: 'values' } as const;

/**
 * A duration distribution whose mean is at least MIN_MEAN_DURATION_S (1 ms): shorter, and
 * simulated time could stand still while parts pile up (see limits.ts).
 */
export const DistributionSchema = DistributionShapeSchema.superRefine((d, ctx) => {
  const mean = distributionMean(d);
  // A mean of 0 or less breaks a field rule above, which names it; this is the floor above 0.
  if (mean > 0 && mean < MIN_MEAN_DURATION_S) {
    ctx.addIssue({ code: 'custom', message: `gives a mean of ${mean} s; must be >= ${MIN_MEAN_DURATION_S} s (1 ms), or simulated time cannot advance`, path: [SCALE_FIELD[d.dist]] });
  }
});

export type Distribution = z.infer<typeof DistributionShapeSchema>;

export const schemaHelpers = { finite, positive, nonNegative };
