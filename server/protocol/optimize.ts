import { z } from 'zod';
import { schemaHelpers } from './distribution.ts';
import { DurationSchema } from './duration.ts';
import { KpiPathSchema } from './experiment.ts';
import { atMost, MAX_EXPERIMENT_SIM_DAYS, MAX_HORIZON_S, MAX_SWEEP_VALUES } from './limits.ts';

const { finite, positive } = schemaHelpers;

/**
 * A decision variable: a node field `<node id>.<field>[.<field>…]` (written into
 * the model as a merge patch), over a list of values or a range from…to by step
 * that must end exactly at `to`.
 */
export const DecisionVariableSchema = z
  .strictObject({
    path: z.string('must be "<node id>.<field>", e.g. "formation.servers"').regex(/^[A-Za-z0-9_.-]+\.[A-Za-z0-9_]+$/, 'must be "<node id>.<field>[.<field>…]", e.g. "formation.servers"'),
    values: z.array(finite()).max(MAX_SWEEP_VALUES, `must list at most ${MAX_SWEEP_VALUES} values`).optional(),
    from: finite().optional(),
    to: finite().optional(),
    step: finite().optional(),
  })
  .superRefine((v, ctx) => {
    const ranged = v.from !== undefined || v.to !== undefined || v.step !== undefined;
    if (v.values !== undefined && ranged) ctx.addIssue({ code: 'custom', message: 'give either values or from/to/step, not both', path: ['values'] });
    if (v.values !== undefined) {
      if (v.values.length === 0) ctx.addIssue({ code: 'custom', message: 'empty range: must list at least one value', path: ['values'] });
      if (new Set(v.values).size !== v.values.length) ctx.addIssue({ code: 'custom', message: 'lists a value twice', path: ['values'] });
      return;
    }
    if (!ranged) return void ctx.addIssue({ code: 'custom', message: 'must list values, or give from, to and step', path: ['values'] });
    for (const key of ['from', 'to', 'step'] as const) if (v[key] === undefined) ctx.addIssue({ code: 'custom', message: 'is required with a range (from, to, step)', path: [key] });
    if (v.from === undefined || v.to === undefined || v.step === undefined) return;
    if (v.to < v.from) return void ctx.addIssue({ code: 'custom', message: `empty range: to (${v.to}) is below from (${v.from})`, path: ['to'] });
    if (!(v.step > 0)) return void ctx.addIssue({ code: 'custom', message: 'infeasible step: must be > 0', path: ['step'] });
    const n = (v.to - v.from) / v.step;
    if (Math.abs(n - Math.round(n)) > 1e-9) ctx.addIssue({ code: 'custom', message: `infeasible step: ${v.step} from ${v.from} does not reach ${v.to}`, path: ['step'] });
    else if (n >= MAX_SWEEP_VALUES) ctx.addIssue({ code: 'custom', message: `gives more than ${MAX_SWEEP_VALUES} values; use a larger step`, path: ['step'] });
  });

/** A bound on a KPI that must hold at `confidence` (one-sided: the interval's far end is inside the bound). */
export const ConstraintSchema = z
  .strictObject({
    kpi: KpiPathSchema.describe('a numeric path of the run\'s --json document, e.g. "kpis.gwhPerYear" or "sinks.out.perHour"'),
    min: finite().optional(),
    max: finite().optional(),
    confidence: positive().lt(1, 'must be < 1').gte(0.5, 'must be >= 0.5').default(0.95),
  })
  .superRefine((c, ctx) => {
    if (c.min === undefined && c.max === undefined) ctx.addIssue({ code: 'custom', message: 'give min, max or both', path: ['min'] });
    if (c.min !== undefined && c.max !== undefined && c.max < c.min) ctx.addIssue({ code: 'custom', message: 'must be >= min', path: ['max'] });
  });

const Target = z.union([KpiPathSchema, z.record(z.string(), finite()).refine((r) => Object.keys(r).length > 0, 'must name at least one variable')], {
  error: 'must be a KPI path or an object {variable path: weight}',
});

/** Minimise or maximise a KPI, or a weighted sum of the variables' values. */
export const ObjectiveSchema = z.union(
  [z.strictObject({ minimize: Target }), z.strictObject({ maximize: Target })],
  { error: 'must be {"minimize": …} or {"maximize": …}' },
);

export const OptimizeSchema = z
  .strictObject({
    name: z.string().min(1, 'must not be empty').max(200).optional(),
    question: z.string().max(400).optional(),
    description: z.string().max(4000).optional().describe('a note: what the file answers and its last result'),
    model: z.union([z.string().min(1, 'must not be empty'), z.record(z.string(), z.unknown())], { error: 'must be a model id, a model file path, or an inline model object' }),
    scenario: z.string().min(1, 'must not be empty').optional().describe('a scenario file applied to the model before the variables'),
    horizon: DurationSchema.refine((s) => s > 0, 'must be > 0').refine((s) => s <= MAX_HORIZON_S, atMost(MAX_HORIZON_S)),
    warmup: z
      .union([z.literal('auto'), DurationSchema])
      .default(0)
      .describe('a duration, or "auto": MSER-5 on pilot runs at the grid\'s low corner, centre and high corner, the longest used by every candidate'),
    replications: z.int('must be a whole number').gte(2, 'must be >= 2 (a confidence interval needs two)').max(1000, 'must be <= 1000').default(5),
    maxReplications: z.int('must be a whole number').gte(2, 'must be >= 2').max(1000, 'must be <= 1000').optional().describe('default: 4 × replications'),
    seed: z.int('must be a whole number').gte(0, 'must be >= 0').default(1),
    variables: z.array(DecisionVariableSchema).min(1, 'must list at least one variable').max(8, 'must list at most 8 variables'),
    constraints: z.array(ConstraintSchema).max(20, 'must list at most 20 constraints').default([]),
    objective: ObjectiveSchema,
    exhaustiveUpTo: z.int('must be a whole number').gte(1, 'must be >= 1').max(4096, 'must be <= 4096').default(512).describe('search every candidate when the grid has at most this many'),
    maxEvaluations: z.int('must be a whole number').gte(1, 'must be >= 1').max(10000, 'must be <= 10000').default(64).describe('candidates simulated at most by the pattern search'),
  })
  .superRefine((o, ctx) => {
    if (o.warmup !== 'auto' && o.warmup >= o.horizon) ctx.addIssue({ code: 'custom', message: `must be shorter than the horizon (${o.horizon} s)`, path: ['warmup'] });
    if (o.maxReplications !== undefined && o.maxReplications < o.replications) ctx.addIssue({ code: 'custom', message: 'must be >= replications', path: ['maxReplications'] });
    const seen = new Map<string, number>();
    o.variables.forEach((v, i) => {
      if (seen.has(v.path)) ctx.addIssue({ code: 'custom', message: `same path as variables[${seen.get(v.path)}]`, path: ['variables', i, 'path'] });
      seen.set(v.path, i);
    });
    checkOptimizationSize(o, ctx);
    const [sense, target] = 'minimize' in o.objective ? ['minimize', o.objective.minimize] : ['maximize', o.objective.maximize];
    if (typeof target === 'object') {
      for (const key of Object.keys(target)) if (!seen.has(key)) ctx.addIssue({ code: 'custom', message: `"${key}" is not one of the variables' paths`, path: ['objective', sense, key] });
    }
  });

/** Grid points counted by arithmetic (never listed): values of each variable multiplied. */
function gridSize(variables: readonly DecisionVariable[]): number {
  return variables.reduce((n, v) => n * (v.values !== undefined ? v.values.length : Math.round((v.to! - v.from!) / v.step!) + 1), 1);
}

/**
 * The most simulated days a search may cost: candidates evaluated at most (the whole grid up to
 * exhaustiveUpTo, else maxEvaluations) × maxReplications × horizon, plus three MSER-5 pilots with
 * an "auto" warm-up. Refused before anything is planned when above MAX_EXPERIMENT_SIM_DAYS.
 */
export function optimizationSimDays(o: Pick<OptimizeFile, 'variables' | 'exhaustiveUpTo' | 'maxEvaluations' | 'replications' | 'maxReplications' | 'horizon' | 'warmup'>): number {
  const grid = gridSize(o.variables);
  const candidates = grid <= o.exhaustiveUpTo ? grid : Math.min(grid, o.maxEvaluations);
  const replications = o.maxReplications ?? 4 * o.replications;
  return ((candidates * replications + (o.warmup === 'auto' ? 3 : 0)) * o.horizon) / 86_400;
}

function checkOptimizationSize(o: OptimizeFile, ctx: z.RefinementCtx): void {
  if (o.variables.some((v) => v.values === undefined && !(v.step! > 0 && v.to! >= v.from!))) return; // reported per variable
  const days = optimizationSimDays(o);
  if (days > MAX_EXPERIMENT_SIM_DAYS) {
    ctx.addIssue({
      code: 'custom',
      message: `asks for up to ${Math.round(days)} simulated days (candidates × maxReplications × horizon); must be <= ${MAX_EXPERIMENT_SIM_DAYS}: fewer evaluations or replications, or a shorter horizon`,
      path: [o.maxReplications !== undefined ? 'maxReplications' : 'maxEvaluations'],
    });
  }
}

export type OptimizeFile = z.output<typeof OptimizeSchema>;
export type DecisionVariable = z.output<typeof DecisionVariableSchema>;
export type Constraint = z.output<typeof ConstraintSchema>;

/** The values a variable takes, in order. */
export function variableValues(v: DecisionVariable): number[] {
  if (v.values !== undefined) return v.values;
  const n = Math.round((v.to! - v.from!) / v.step!);
  return Array.from({ length: n + 1 }, (_, i) => Number((v.from! + i * v.step!).toPrecision(12)));
}

/** `kpis.gwhPerYear` (the run's --json document) is `kpi.gwhPerYear` in replication metrics; other paths are the same. */
export function metricKey(kpi: string): string {
  return kpi.startsWith('kpis.') ? `kpi.${kpi.slice(5)}` : kpi;
}
