import { z } from 'zod';
import { DurationSchema } from './duration.ts';
import { ModelSchema } from './model.ts';
import { ScenarioSchema } from './scenario.ts';
import { ModelRefSchema, SeedSchema } from './wire.ts';
import { atMost, MAX_HORIZON_S, MAX_RUN_REPLICATIONS } from './limits.ts';


/**
 * POST /api/runs: a batch run. `model` and `scenario` are ids (files in models/
 * and scenarios/) or inline documents validated by the model and scenario
 * schemas. The response is the CLI's `--json` document plus `runId`.
 */
export const RunRequestSchema = z
  .strictObject({
    model: z.union([ModelRefSchema, ModelSchema], { error: 'must be a model id or a model document' }).optional(),
    scenario: z.union([ModelRefSchema, ScenarioSchema], { error: 'must be a scenario id or a scenario document' }).optional(),
    horizonS: z.number('must be a number').gt(0, 'must be > 0').lte(MAX_HORIZON_S, atMost(MAX_HORIZON_S)),
    /** Seconds, or 'auto' (the default): MSER-5 truncation on the run's output series. */
    warmupS: z.union([z.number('must be a number').gte(0, 'must be >= 0'), z.literal('auto')], { error: 'must be a number of seconds >= 0 or "auto"' }).default('auto'),
    replications: z.int('must be a whole number').gte(1, 'must be >= 1').lte(MAX_RUN_REPLICATIONS, atMost(MAX_RUN_REPLICATIONS)).default(1),
    seed: SeedSchema.default(1),
    /** Also report windows of this length from t = 0 as periods[] ("30d" or seconds). */
    period: DurationSchema.refine((s) => s > 0, 'must be > 0').optional(),
    /** false: answer 202 at once with the run's id; poll GET /api/runs/:id. */
    wait: z.boolean().default(true),
  })
  .refine((r) => r.warmupS === 'auto' || r.warmupS < r.horizonS, { message: 'must be shorter than horizonS', path: ['warmupS'] });
export type RunRequest = z.input<typeof RunRequestSchema>;
