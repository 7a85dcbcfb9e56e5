import { parseValues } from '../experiments/experiment-doc.ts';

/** One decision variable as the form holds it. */
export interface VariableDraft {
  node: string;
  field: string;
  mode: 'range' | 'values';
  from: number;
  to: number;
  step: number;
  values: string;
  /** Its weight when the objective is a weighted sum of the variables. */
  weight: number;
}

export interface ConstraintDraft {
  kpi: string;
  bound: 'min' | 'max';
  value: number;
  confidence: number;
}

/** The optimiser form's state; `optimizeDocument` turns it into what POST /api/optimizations takes. */
export interface OptimizeDraft {
  name: string;
  model: string;
  /** Scenario id, '' for none. */
  scenario: string;
  horizon: string;
  warmup: string;
  replications: number;
  maxReplications: number;
  seed: number;
  variables: VariableDraft[];
  constraints: ConstraintDraft[];
  sense: 'minimize' | 'maximize';
  target: 'kpi' | 'weights';
  objectiveKpi: string;
}

export const DEFAULT_OPTIMIZE_DRAFT: OptimizeDraft = {
  name: '',
  model: '',
  scenario: '',
  horizon: '90d',
  warmup: '30d',
  replications: 3,
  maxReplications: 12,
  seed: 1,
  variables: [{ node: 'formation', field: 'servers', mode: 'range', from: 160, to: 320, step: 32, values: '', weight: 1 }],
  constraints: [{ kpi: 'kpis.gwhPerYear', bound: 'min', value: 4, confidence: 0.95 }],
  sense: 'minimize',
  target: 'kpi',
  objectiveKpi: 'kpis.cost.eurPerKwh',
};

/** A duration as typed: a bare number is seconds, else the server's "90d"/"36h" form. */
const duration = (text: string): string | number => (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text.trim());

/**
 * The optimisation document (server/protocol/optimize.ts, as scenarios/*.optimize.json).
 * The server validates it again and names any bad field.
 */
export function optimizeDocument(d: OptimizeDraft, defaultName: string): Record<string, unknown> {
  const paths = d.variables.map((v) => `${v.node}.${v.field}`);
  return {
    name: d.name.trim() || defaultName,
    model: d.model,
    ...(d.scenario ? { scenario: `${d.scenario}.json` } : {}),
    horizon: duration(d.horizon),
    warmup: duration(d.warmup),
    replications: d.replications,
    maxReplications: d.maxReplications,
    seed: d.seed,
    variables: d.variables.map((v, i) => ({ path: paths[i], ...(v.mode === 'range' ? { from: v.from, to: v.to, step: v.step } : { values: parseValues(v.values) }) })),
    constraints: d.constraints.filter((c) => c.kpi.trim() !== '').map((c) => ({ kpi: c.kpi.trim(), [c.bound]: c.value, confidence: c.confidence })),
    objective: { [d.sense]: d.target === 'kpi' ? d.objectiveKpi.trim() : Object.fromEntries(d.variables.map((v, i) => [paths[i], v.weight])) },
  };
}
