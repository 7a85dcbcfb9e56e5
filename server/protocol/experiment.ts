import { z } from 'zod';
import { schemaHelpers } from './distribution.ts';
import { DurationSchema } from './duration.ts';
import { ScenarioSchema } from './scenario.ts';
import { atMost, MAX_ALTERNATIVES, MAX_EXPERIMENT_SIM_DAYS, MAX_HORIZON_S, MAX_SWEEP_VALUES } from './limits.ts';

const { finite, positive } = schemaHelpers;

const wholeAtLeast = (min: number, why = '') => z.int('must be a whole number').gte(min, `must be >= ${min}${why}`);

/**
 * A KPI is a dotted path into one replication's report, e.g. `sinks.eol.perHour`,
 * `system.avgWip`, `nodes.formation.utilization`, `nodes.coater.states.down`.
 */
export const KpiPathSchema = z
  .string('must be a KPI path such as "sinks.out.perHour"')
  .min(3, 'must not be empty')
  .max(300)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may contain only letters, digits, "_", "." and "-"');

/**
 * One swept parameter: a node field addressed as `<node id>.<field>[.<field>…]`
 * and written into the model as a merge patch (so `formation.cycle.mean` changes
 * only the mean). Values are a list, or a numeric range `from`…`to` by `step`.
 */
export const SweepParameterSchema = z
  .strictObject({
    path: z
      .string('must be "<node id>.<field>", e.g. "formation.servers"')
      .regex(/^[A-Za-z0-9_.-]+\.[A-Za-z0-9_]+$/, 'must be "<node id>.<field>[.<field>…]", e.g. "formation.servers"'),
    label: z.string().max(80).optional(),
    values: z.array(z.unknown()).min(1, 'must list at least one value').max(MAX_SWEEP_VALUES, `must list at most ${MAX_SWEEP_VALUES} values`).optional(),
    from: finite().optional(),
    to: finite().optional(),
    step: positive().optional(),
  })
  .superRefine((p, ctx) => {
    const ranged = p.from !== undefined || p.to !== undefined || p.step !== undefined;
    if (p.values !== undefined && ranged) ctx.addIssue({ code: 'custom', message: 'give either values or from/to/step, not both', path: ['values'] });
    if (p.values === undefined && !ranged) ctx.addIssue({ code: 'custom', message: 'must list values, or give from, to and step', path: ['values'] });
    if (p.values !== undefined) {
      p.values.forEach((v, i) => {
        if (v === null || v === undefined) ctx.addIssue({ code: 'custom', message: 'must not be null (that would delete the field)', path: ['values', i] });
      });
      return;
    }
    for (const key of ['from', 'to', 'step'] as const) {
      if (ranged && p[key] === undefined) ctx.addIssue({ code: 'custom', message: `is required with ${key === 'from' ? 'to and step' : 'from'}`, path: [key] });
    }
    if (p.from !== undefined && p.to !== undefined && p.to < p.from) ctx.addIssue({ code: 'custom', message: 'must be >= from', path: ['to'] });
    if (p.from !== undefined && p.to !== undefined && p.step !== undefined && (p.to - p.from) / p.step >= MAX_SWEEP_VALUES) {
      ctx.addIssue({ code: 'custom', message: `gives more than ${MAX_SWEEP_VALUES} values; use a larger step`, path: ['step'] });
    }
  });

const overlay = ScenarioSchema.omit({ model: true, question: true, name: true });

/** A scenario to compare: a scenario file (path relative to the experiment file), or a name with an inline overlay and/or a file. */
export const ExperimentScenarioSchema = z.union(
  [
    z.string().min(1, 'must not be empty'),
    overlay.extend({
      name: z.string('must be a string').min(1, 'must not be empty').max(120),
      file: z.string().min(1, 'must not be empty').optional().describe('a scenario file applied before the inline fields'),
    }),
  ],
  { error: 'must be a scenario file path or an object with a "name" (and optional "file", "set", "add", "remove", …)' },
);

export const PrecisionSchema = z
  .strictObject({
    kpi: KpiPathSchema.optional().describe('defaults to rankBy.kpi'),
    halfWidth: positive().optional().describe('stop when the 95 % CI half-width is at most this, in the KPI unit'),
    relative: positive().lt(1, 'must be < 1 (a share of the mean, e.g. 0.02)').optional().describe('… or at most this share of the mean'),
    minReplications: wholeAtLeast(2, ' (a confidence interval needs two replications)').default(5),
    maxReplications: wholeAtLeast(2).max(10000, 'must be <= 10000').default(100),
  })
  .superRefine((p, ctx) => {
    if ((p.halfWidth === undefined) === (p.relative === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of halfWidth and relative', path: ['halfWidth'] });
    }
    if (p.maxReplications < p.minReplications) ctx.addIssue({ code: 'custom', message: 'must be >= minReplications', path: ['maxReplications'] });
  });

export const WarmupReportSchema = z.strictObject({
  kpi: KpiPathSchema.optional().describe('defaults to rankBy.kpi'),
  buckets: wholeAtLeast(4).max(1000, 'must be <= 1000').default(40).describe('the horizon is cut into this many equal intervals'),
  window: wholeAtLeast(0).default(3).describe('Welch moving-average half-window, in buckets'),
  replications: wholeAtLeast(1).max(100, 'must be <= 100').default(5).describe('pilot replications of the first scenario'),
});

/**
 * An experiment: one model, the alternatives to compare (scenarios, or a sweep
 * of one or two node fields), run length, replications (or a precision to reach)
 * and the KPI that decides which alternative is best. Durations are seconds or
 * strings with a unit ("8h", "30d").
 */
const ExperimentBaseSchema = z.strictObject({
  name: z.string('must be a string').min(1, 'must not be empty').max(200),
  question: z.string().max(400).optional(),
  description: z.string().max(4000).optional(),
  model: z.union([z.string().min(1, 'must not be empty'), z.record(z.string(), z.unknown())], {
    error: 'must be a model id, a model file path, or an inline model object',
  }),
  scenarios: z.array(ExperimentScenarioSchema).min(1, 'must list at least one scenario').max(200, 'must list at most 200 scenarios').optional(),
  sweep: z
    .strictObject({ parameters: z.array(SweepParameterSchema).min(1, 'must list one or two parameters').max(2, 'must list one or two parameters') })
    .optional(),
  horizon: DurationSchema.refine((s) => s > 0, 'must be > 0')
    .refine((s) => s <= MAX_HORIZON_S, atMost(MAX_HORIZON_S))
    .describe('simulated time per replication: seconds, or e.g. "30d", "720h"'),
  warmup: z
    .union([z.literal('auto'), DurationSchema])
    .default('auto')
    .describe('statistics are reset after this time; "auto" (the default): MSER-5 on a pilot run of each alternative, the longest used by all'),
  seed: z.int('must be a whole number').gte(0, 'must be >= 0').default(1),
  replications: wholeAtLeast(2, ' (a confidence interval needs two replications)').max(10000, 'must be <= 10000').optional(),
  precision: PrecisionSchema.optional(),
  kpis: z.array(KpiPathSchema).max(200, 'must list at most 200 KPIs').optional().describe('columns of the report; default: sinks per hour and system KPIs'),
  rankBy: z
    .strictObject({ kpi: KpiPathSchema, goal: z.enum(['max', 'min'], { error: 'must be "max" or "min"' }).default('max') })
    .optional()
    .describe('default: the first sink per hour, higher is better'),
  warmupReport: z.union([z.literal(false), WarmupReportSchema], { error: 'must be false or an object' }).optional(),
});

export const ExperimentSchema = ExperimentBaseSchema.superRefine((e, ctx) => {
  if (e.scenarios !== undefined && e.sweep !== undefined) ctx.addIssue({ code: 'custom', message: 'give either scenarios or sweep, not both', path: ['sweep'] });
  if (e.replications !== undefined && e.precision !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'give either replications or precision, not both', path: ['precision'] });
  }
  if (e.warmup !== 'auto' && e.warmup >= e.horizon) ctx.addIssue({ code: 'custom', message: `must be shorter than the horizon (${e.horizon} s)`, path: ['warmup'] });
  const names = new Map<string, number>();
  e.scenarios?.forEach((s, i) => {
    const name = typeof s === 'string' ? s : s.name;
    if (names.has(name)) ctx.addIssue({ code: 'custom', message: `duplicate scenario name "${name}" (also scenarios[${names.get(name)}])`, path: ['scenarios', i] });
    else names.set(name, i);
  });
  const paths = e.sweep?.parameters.map((p) => p.path) ?? [];
  if (paths.length === 2 && paths[0] === paths[1]) ctx.addIssue({ code: 'custom', message: 'sweeps the same path twice', path: ['sweep', 'parameters', 1, 'path'] });
  checkExperimentSize(e, ctx);
});

/** Replications per alternative when an experiment names neither replications nor precision. */
export const DEFAULT_EXPERIMENT_REPLICATIONS = 10;

/** How many values a sweep parameter takes, counted without listing them (a 1000 × 1000 sweep is never expanded). */
export function sweepValueCount(p: z.output<typeof SweepParameterSchema>): number {
  return p.values !== undefined ? p.values.length : Math.floor((p.to! - p.from!) / p.step! + 1e-9) + 1;
}

/**
 * The size of an experiment by arithmetic alone: alternatives, and the simulated days it may
 * cost at most: alternatives × (replications, or a precision target's maximum, + one MSER-5
 * pilot each with an "auto" warm-up) × horizon, plus the Welch report's pilots. Checked in the
 * schema, so an oversized request is refused before anything is planned.
 */
export function experimentSize(e: z.output<typeof ExperimentBaseSchema>): { alternatives: number; simDays: number } {
  const alternatives = e.scenarios !== undefined ? e.scenarios.length : (e.sweep?.parameters ?? []).reduce((n, p) => n * sweepValueCount(p), 1);
  const replications = e.replications ?? e.precision?.maxReplications ?? DEFAULT_EXPERIMENT_REPLICATIONS;
  const pilots = e.warmup === 'auto' ? 1 : 0;
  const welch = e.warmupReport === false ? 0 : (e.warmupReport?.replications ?? 5);
  const simDays = ((alternatives * (replications + pilots) + welch) * e.horizon) / 86_400;
  return { alternatives, simDays };
}

function checkExperimentSize(e: z.output<typeof ExperimentBaseSchema>, ctx: z.RefinementCtx): void {
  if (e.sweep !== undefined && e.sweep.parameters.some((p) => p.values === undefined && (p.from === undefined || p.to === undefined || !(p.step! > 0)))) return; // reported above
  const { alternatives, simDays } = experimentSize(e);
  if (alternatives > MAX_ALTERNATIVES) {
    const counts = e.sweep?.parameters.map(sweepValueCount).join(' × ');
    ctx.addIssue({ code: 'custom', message: `gives ${alternatives} alternatives${counts ? ` (${counts})` : ''}; must be <= ${MAX_ALTERNATIVES}`, path: [e.sweep ? 'sweep' : 'scenarios'] });
  } else if (simDays > MAX_EXPERIMENT_SIM_DAYS) {
    ctx.addIssue({
      code: 'custom',
      message: `asks for ${Math.round(simDays)} simulated days (alternatives × (replications + pilot) × horizon); must be <= ${MAX_EXPERIMENT_SIM_DAYS}: fewer alternatives, replications or a shorter horizon`,
      path: e.replications !== undefined ? ['replications'] : e.precision !== undefined ? ['precision', 'maxReplications'] : ['horizon'],
    });
  }
}

export type Experiment = z.output<typeof ExperimentSchema>;
export type ExperimentInput = z.input<typeof ExperimentSchema>;
export type SweepParameter = z.output<typeof SweepParameterSchema>;
export type ExperimentScenario = z.output<typeof ExperimentScenarioSchema>;
export type Precision = z.output<typeof PrecisionSchema>;
export type WarmupReportSettings = z.output<typeof WarmupReportSchema>;

/** The values a sweep parameter takes, in order (ranges rounded so 0.1 steps stay 0.1, 0.2, …). */
export function sweepValues(p: SweepParameter): unknown[] {
  if (p.values !== undefined) return p.values;
  const out: number[] = [];
  const n = Math.floor((p.to! - p.from!) / p.step! + 1e-9);
  for (let i = 0; i <= n; i++) out.push(Number((p.from! + i * p.step!).toPrecision(12)));
  return out;
}
