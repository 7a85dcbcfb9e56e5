import { sweepValues, type Experiment, type SweepParameter } from '../protocol/experiment.ts';
import { ValidationError } from '../protocol/errors.ts';
import type { Model, ModelInput } from '../protocol/model.ts';
import { applyScenario, mergePatch, ScenarioSchema, type Scenario } from '../protocol/scenario.ts';

/** One alternative of an experiment: a scenario or a sweep point, as a ready model. */
export interface DesignPoint {
  name: string;
  /** The Russian name of a scenario file's alternative (its `nameRu`), for the Russian page. */
  nameRu?: string;
  /** The swept values of this point, keyed by parameter label. */
  parameters?: Record<string, unknown>;
  model: Model;
}

/** Reads a scenario file named in the experiment (the caller resolves paths and names the field on error). */
export type ScenarioLoader = (ref: string, field: string) => Scenario;

/**
 * Turns the experiment's scenarios or sweep into one model per alternative.
 * Every problem is collected and reported against the experiment field that
 * caused it (`sweep.parameters[0].values[2]: …`), so one run shows them all.
 */
export function buildPoints(exp: Experiment, base: ModelInput | Model, loadScenario: ScenarioLoader): DesignPoint[] {
  const problems: string[] = [];
  const attempt = <T>(where: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const p of err.problems) problems.push(`${where}: ${p}`);
      return undefined;
    }
  };
  let points: DesignPoint[] = [];
  if (exp.sweep !== undefined) points = sweepPoints(exp.sweep.parameters, base, problems, attempt);
  else if (exp.scenarios !== undefined) {
    exp.scenarios.forEach((entry, i) => {
      const field = `scenarios[${i}]`;
      const point = attempt(field, () => scenarioPoint(entry, base, loadScenario, field));
      if (point !== undefined) points.push(point);
    });
  } else {
    const model = attempt('model', () => applyScenario(base, emptyScenario({})));
    if (model !== undefined) points.push({ name: 'base', model });
  }
  if (problems.length > 0) throw new ValidationError('experiment', problems);
  return points;
}

function emptyScenario(fields: Record<string, unknown>): Scenario {
  return ScenarioSchema.parse({ model: '-', question: '-', ...fields });
}

function scenarioPoint(entry: NonNullable<Experiment['scenarios']>[number], base: ModelInput | Model, load: ScenarioLoader, field: string): DesignPoint {
  if (typeof entry === 'string') {
    const scenario = load(entry, field);
    const name = scenario.name ?? entry.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
    return { name, ...(scenario.nameRu === undefined ? {} : { nameRu: scenario.nameRu }), model: applyScenario(base, scenario) };
  }
  const { name, file, ...overlay } = entry;
  const start = file === undefined ? base : applyScenario(base, load(file, `${field}.file`));
  return { name, model: applyScenario(start, emptyScenario(overlay)) };
}

interface ResolvedParameter {
  label: string;
  nodeId: string;
  fields: string[];
  values: unknown[];
}

function sweepPoints(
  params: SweepParameter[],
  base: ModelInput | Model,
  problems: string[],
  attempt: <T>(where: string, fn: () => T) => T | undefined,
): DesignPoint[] {
  const ids = (base.nodes as { id: string }[]).map((n) => n.id).sort((a, b) => b.length - a.length);
  const resolved: ResolvedParameter[] = [];
  params.forEach((p, i) => {
    // Node ids may contain dots, so the longest id that prefixes the path wins.
    const nodeId = ids.find((id) => p.path.startsWith(`${id}.`));
    if (nodeId === undefined) {
      problems.push(`sweep.parameters[${i}].path: "${p.path}" does not start with the id of a node in the model`);
      return;
    }
    const r = { label: p.label ?? p.path, nodeId, fields: p.path.slice(nodeId.length + 1).split('.'), values: sweepValues(p) };
    // Each value alone first, so a bad one is named by its own index.
    r.values.forEach((v, j) => attempt(`sweep.parameters[${i}].values[${j}] (${formatValue(v)})`, () => applySweep(base, [r], [v])));
    resolved.push(r);
  });
  if (problems.length > 0) return [];
  const combos: unknown[][] = resolved.length === 1 ? resolved[0].values.map((v) => [v]) : resolved[0].values.flatMap((a) => resolved[1].values.map((b) => [a, b]));
  const points: DesignPoint[] = [];
  for (const combo of combos) {
    const name = resolved.map((r, k) => `${r.label}=${formatValue(combo[k])}`).join(' × ');
    const model = attempt(`sweep point ${name}`, () => applySweep(base, resolved, combo));
    if (model !== undefined) points.push({ name, parameters: Object.fromEntries(resolved.map((r, k) => [r.label, combo[k]])), model });
  }
  return points;
}

function applySweep(base: ModelInput | Model, params: ResolvedParameter[], values: unknown[]): Model {
  const set: Record<string, unknown> = {};
  params.forEach((p, k) => {
    const patch = p.fields.reduceRight<unknown>((inner, key) => ({ [key]: inner }), values[k]);
    set[p.nodeId] = mergePatch(set[p.nodeId] ?? {}, patch);
  });
  return applyScenario(base, emptyScenario({ set }));
}

export function formatValue(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
