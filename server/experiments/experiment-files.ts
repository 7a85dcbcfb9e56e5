import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { ExperimentSchema, type Experiment } from '../protocol/experiment.ts';
import { parseOrThrow, ValidationError } from '../protocol/errors.ts';
import { ModelSchema, type ModelInput } from '../protocol/model.ts';
import { loadScenarioFile, readJsonFile, resolveModelPath, SCENARIOS_DIR } from '../files/model-files.ts';
import { buildPoints } from './design.ts';
import { makePlan, type ExperimentPlan } from './plan.ts';

/** Fields a caller (CLI flags) may override; applied before validation so errors still name the field. */
export type ExperimentOverrides = Partial<Pick<Experiment, 'horizon' | 'warmup' | 'seed' | 'replications'>> & { warmupReport?: false };

/**
 * Validates an experiment document and builds its plan. Relative model and
 * scenario paths are resolved against `baseDir` (the experiment file's folder),
 * then against models/ and scenarios/.
 */
export function planExperiment(input: unknown, baseDir: string, what = 'experiment', overrides: ExperimentOverrides = {}): { experiment: Experiment; plan: ExperimentPlan } {
  const raw = withOverrides(input, overrides);
  const experiment = parseOrThrow(ExperimentSchema, raw, what);
  let base: ModelInput;
  let modelName: string;
  if (typeof experiment.model === 'string') {
    const modelPath = resolveModelPath(experiment.model, baseDir);
    base = readJsonFile(modelPath) as ModelInput;
    modelName = parseOrThrow(ModelSchema, base, `model ${basename(modelPath)}`).name;
  } else {
    base = experiment.model as ModelInput;
    modelName = parseOrThrow(ModelSchema, base, `${what}: inline model`).name;
  }
  const loadScenario = (ref: string, field: string) => {
    const candidates = [isAbsolute(ref) ? ref : resolve(baseDir, ref), join(SCENARIOS_DIR, ref)];
    const found = candidates.find((p) => existsSync(p));
    if (found === undefined) throw new ValidationError('scenario reference', [`${field}: no scenario file "${ref}" in ${baseDir} or ${SCENARIOS_DIR}`]);
    return loadScenarioFile(found);
  };
  const points = buildPoints(experiment, base, loadScenario);
  return { experiment, plan: makePlan(experiment, points, modelName) };
}

export function loadExperimentFile(path: string, overrides: ExperimentOverrides = {}): { experiment: Experiment; plan: ExperimentPlan } {
  return planExperiment(readJsonFile(path), dirname(resolve(path)), `experiment ${basename(path)}`, overrides);
}

function withOverrides(input: unknown, overrides: ExperimentOverrides): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...input };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) out[key] = value;
  // A fixed replication count from the command line replaces a precision target.
  if (overrides.replications !== undefined) delete out.precision;
  return out;
}
