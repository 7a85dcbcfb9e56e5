import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { parseOrThrow, ValidationError } from '../protocol/errors.ts';
import { currencyOf, ModelSchema, type Model, type ModelInput } from '../protocol/model.ts';
import { sinkLabels, type NodeLabel } from '../protocol/node-labels.ts';
import { metricKey, OptimizeSchema, variableValues, type Constraint, type OptimizeFile } from '../protocol/optimize.ts';
import { applyScenario, mergePatch, ScenarioSchema } from '../protocol/scenario.ts';
import { loadScenarioFile, readJsonFile, resolveModelPath, SCENARIOS_DIR } from '../files/model-files.ts';
import { availableKpis } from './plan.ts';
import { suggestKpis } from './metrics.ts';
import { horizonProblem } from './flow-time.ts';

export interface PlannedVariable {
  path: string;
  nodeId: string;
  fields: string[];
  values: number[];
}

/** An optimisation, checked: variables resolved, every grid value valid, KPI names known. */
export interface OptimizePlan {
  name: string;
  question?: string;
  modelName: string;
  /** The base model's currency (`product.currency`), for the result's money KPIs. */
  currency: string;
  /** Labels of the base model's sinks by id, for naming `sinks.<id>.*` KPIs (a variable cannot add a sink). */
  sinkLabels: Record<string, NodeLabel>;
  horizonS: number;
  /** 'auto': chosen by MSER-5 pilots before the search (server/experiments/optimize.ts). */
  warmupS: number | 'auto';
  seed: number;
  replications: number;
  maxReplications: number;
  variables: PlannedVariable[];
  constraints: (Constraint & { metric: string })[];
  /** `kpi`: minimise/maximise that metric; `weights`: a weighted sum of the variables' values. */
  objective: { sense: 'minimize' | 'maximize'; kpi?: string; metric?: string; weights?: Record<string, number> };
  /** Metrics each replication returns: constraints, objective and the cost/output pair of the Pareto front. */
  metrics: string[];
  exhaustiveUpTo: number;
  maxEvaluations: number;
  /** The model of a candidate (value index per variable). */
  modelAt(indices: readonly number[]): Model;
}

/** An OptimizePlan as data (it can cross to another thread): the base model instead of the modelAt function. */
export type OptimizePlanData = Omit<OptimizePlan, 'modelAt'> & { baseModel: ModelInput };

/** The plan with modelAt rebuilt from its data (after planning in a worker thread). */
export function withModelAt(data: OptimizePlanData): OptimizePlan {
  const { baseModel, ...plan } = data;
  return { ...plan, modelAt: (indices) => applyValues(baseModel, plan.variables, indices.map((k, i) => plan.variables[i].values[k])) };
}

/** planOptimization's result as data, for a planning thread to post back. */
export function planOptimizationData(input: unknown, baseDir: string, what = 'optimisation'): OptimizePlanData {
  const { modelAt: _modelAt, baseModel, ...plan } = planWithBase(input, baseDir, what);
  return { ...plan, baseModel };
}

/** Output and cost of the Pareto front, when the model has them. */
export const FRONT = { output: 'kpi.gwhPerYear', cost: 'kpi.cost.eurPerKwh' } as const;

export function loadOptimizeFile(path: string): OptimizePlan {
  return planOptimization(readJsonFile(path), dirname(resolve(path)), `optimisation ${basename(path)}`);
}

/**
 * Validates an optimisation document against its model: each variable must
 * address a field the node has (`variables[0].path: node "x" has no field "y"`),
 * each of its values must give a valid model (named by index), and each KPI
 * must be one the runs report.
 */
export function planOptimization(input: unknown, baseDir: string, what = 'optimisation'): OptimizePlan {
  const { baseModel: _base, ...plan } = planWithBase(input, baseDir, what);
  return plan;
}

function planWithBase(input: unknown, baseDir: string, what: string): OptimizePlan & { baseModel: ModelInput } {
  const file: OptimizeFile = parseOrThrow(OptimizeSchema, input, what);
  let raw: ModelInput;
  if (typeof file.model === 'string') raw = readJsonFile(resolveModelPath(file.model, baseDir)) as ModelInput;
  else raw = file.model as ModelInput;
  const modelName = parseOrThrow(ModelSchema, raw, `${what}: model`).name;
  if (file.scenario !== undefined) {
    const found = [isAbsolute(file.scenario) ? file.scenario : resolve(baseDir, file.scenario), join(SCENARIOS_DIR, file.scenario)].find((p) => existsSync(p));
    if (found === undefined) throw new ValidationError(what, [`scenario: no scenario file "${file.scenario}" in ${baseDir} or ${SCENARIOS_DIR}`]);
    raw = applyScenario(raw, loadScenarioFile(found)) as ModelInput;
  }
  const base = parseOrThrow(ModelSchema, raw, `${what}: model`);

  const problems: string[] = [];
  const ids = base.nodes.map((n) => n.id).sort((a, b) => b.length - a.length);
  const variables: PlannedVariable[] = [];
  file.variables.forEach((v, i) => {
    // Node ids may contain dots, so the longest id that prefixes the path wins.
    const nodeId = ids.find((id) => v.path.startsWith(`${id}.`));
    if (nodeId === undefined) return void problems.push(`variables[${i}].path: unknown path "${v.path}": no node id starts it`);
    const fields = v.path.slice(nodeId.length + 1).split('.');
    let at: unknown = base.nodes.find((n) => n.id === nodeId);
    for (const f of fields) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[f] : undefined;
    if (typeof at !== 'number') return void problems.push(`variables[${i}].path: unknown path "${v.path}": node "${nodeId}" has no numeric field "${fields.join('.')}"`);
    const planned = { path: v.path, nodeId, fields, values: variableValues(v) };
    planned.values.forEach((value, j) => {
      try {
        applyValues(raw, [planned], [value]);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        problems.push(...err.problems.map((p) => `variables[${i}].values[${j}] (${value}): ${p}`));
      }
    });
    variables.push(planned);
  });
  if (problems.length > 0) throw new ValidationError(what, problems);

  const { numeric, open } = availableKpis([{ name: 'base', model: base }], file.horizon);
  const known = new Set(numeric);
  const check = (kpi: string, field: string) => {
    const m = metricKey(kpi);
    if (!known.has(m) && !open.some((o) => m === o || m.startsWith(`${o}.`))) {
      problems.push(`${field}: unknown KPI "${kpi}"; close matches: ${suggestKpis(m, numeric).map((k) => k.replace(/^kpi\./, 'kpis.')).join(', ')}`);
    }
  };
  file.constraints.forEach((c, i) => check(c.kpi, `constraints[${i}].kpi`));
  const tooShort = horizonProblem(base, file.horizon);
  if (tooShort !== null) problems.push(tooShort);
  const sense = 'minimize' in file.objective ? 'minimize' : 'maximize';
  const target = 'minimize' in file.objective ? file.objective.minimize : file.objective.maximize;
  if (typeof target === 'string') check(target, `objective.${sense}`);
  if (problems.length > 0) throw new ValidationError(what, problems);

  const objective = typeof target === 'string' ? { sense, kpi: target, metric: metricKey(target) } : { sense, weights: target };
  // GWh/yr needs a product, cost per kWh also an economics block (both are null before the first cell, so not yet "known").
  const front = [...(base.product ? [FRONT.output] : []), ...(base.product && base.economics ? [FRONT.cost] : [])];
  const constraints = file.constraints.map((c) => ({ ...c, metric: metricKey(c.kpi) }));
  return {
    name: file.name ?? `optimise ${modelName}`,
    ...(file.question === undefined ? {} : { question: file.question }),
    modelName,
    currency: currencyOf(base),
    sinkLabels: sinkLabels([base]),
    horizonS: file.horizon,
    warmupS: file.warmup,
    seed: file.seed,
    replications: file.replications,
    maxReplications: file.maxReplications ?? 4 * file.replications,
    variables,
    constraints,
    objective: objective as OptimizePlan['objective'],
    metrics: [...new Set([...constraints.map((c) => c.metric), ...(objective.metric ? [objective.metric] : []), ...front])],
    exhaustiveUpTo: file.exhaustiveUpTo,
    maxEvaluations: file.maxEvaluations,
    modelAt: (indices) => applyValues(raw, variables, indices.map((k, i) => variables[i].values[k])),
    baseModel: raw,
  };
}

function applyValues(base: ModelInput, variables: readonly PlannedVariable[], values: readonly number[]): Model {
  const set: Record<string, unknown> = {};
  variables.forEach((v, k) => {
    const patch = v.fields.reduceRight<unknown>((inner, key) => ({ [key]: inner }), values[k]);
    set[v.nodeId] = mergePatch(set[v.nodeId] ?? {}, patch);
  });
  return applyScenario(base, ScenarioSchema.parse({ model: '-', question: '-', set }));
}
