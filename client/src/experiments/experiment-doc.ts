import type { ExperimentInput } from '../../../server/protocol/experiment.ts';
import type { SweepField } from './sweep-field-text.ts';

const DAY = 86400;

/** One swept field as the form holds it: a range, or a list of values typed with commas or spaces. */
export interface SweepDraft {
  node: string;
  field: string;
  mode: 'range' | 'values';
  from: number;
  to: number;
  step: number;
  values: string;
}

/** The experiment form's state; `experimentDocument` turns it into the document POST /api/experiments takes. */
export interface ExperimentDraft {
  name: string;
  model: string;
  kind: 'scenarios' | 'sweep';
  /** Scenario ids; '' is the base model. */
  scenarios: string[];
  sweeps: SweepDraft[];
  horizonDays: number;
  warmupDays: number;
  seed: number;
  stopping: 'replications' | 'precision';
  replications: number;
  /** Relative 95 % CI half-width to reach, as a share (0.01 = 1 %). */
  relative: number;
  maxReplications: number;
  /** KPI paths as experiments name them (kpi.gwhPerYear, system.avgWip). */
  kpis: string[];
  rankKpi: string;
  goal: 'max' | 'min';
}

/** "2, 5; 20 80" → [2, 5, 20, 80]; anything not a number is refused with its text. */
export function parseValues(text: string): number[] {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isFinite(n)) throw new Error(`"${p}" is not a number`);
    return n;
  });
}

/**
 * The experiment document (server/protocol/experiment.ts). The base model is an
 * inline scenario with no overlay; scenario ids name files `<id>.json`, which the
 * server looks up among saved layouts, then the shipped scenarios. The server
 * validates everything again and names any bad field.
 */
export function experimentDocument(d: ExperimentDraft, baseName: string, defaultName: string): ExperimentInput {
  const doc: ExperimentInput = {
    name: d.name.trim() || defaultName,
    model: d.model,
    horizon: Math.round(d.horizonDays * DAY),
    warmup: Math.round(d.warmupDays * DAY),
    seed: d.seed,
    kpis: d.kpis,
    rankBy: { kpi: d.rankKpi, goal: d.goal },
  };
  if (d.kind === 'scenarios') {
    doc.scenarios = d.scenarios.map((id) => (id === '' ? { name: baseName } : `${id}.json`));
  } else {
    doc.sweep = {
      parameters: d.sweeps.map((s) => ({
        path: `${s.node}.${s.field}`,
        ...(s.mode === 'range' ? { from: s.from, to: s.to, step: s.step } : { values: parseValues(s.values) }),
      })),
    };
  }
  if (d.stopping === 'replications') doc.replications = d.replications;
  else doc.precision = { kpi: d.rankKpi, relative: d.relative, minReplications: Math.min(5, d.maxReplications), maxReplications: d.maxReplications };
  return doc;
}

/** Fields a sweep can change, per node type (the model schema's names; dotted = inside an object). */
export const SWEEP_FIELDS: Record<string, SweepField[]> = {
  machine: ['servers', 'cycle.mean', 'yield'],
  batch: ['servers', 'batch.size', 'cycle.mean', 'yield'],
  assembly: ['servers', 'cycle.mean', 'yield'],
  buffer: ['capacity'],
  delay: ['capacity'],
  conveyor: ['speedMps', 'capacity'],
  vehicles: ['count', 'speedMps'],
};
