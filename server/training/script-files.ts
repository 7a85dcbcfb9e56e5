import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Plant } from '../plant/plant.ts';
import { ModelSchema, type Model } from '../protocol/model.ts';
import { ValidationError, formatIssues, parseOrThrow } from '../protocol/errors.ts';
import { TrainingScriptSchema, type TrainingScript } from '../protocol/training.ts';
import { SCENARIOS_DIR, readJsonFile } from '../files/model-files.ts';
import { applyAction, checkEvent, TrainingError } from './effects.ts';
import { QualityTeams } from './quality-teams.ts';

const SUFFIX = '.training.json';

/** Ids of the training scripts in scenarios/ (`coater-down` for `coater-down.training.json`). */
export function trainingScriptIds(dir = SCENARIOS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
}

/** Parses a script document; errors name the field (`events[2].at: must be >= 0`). */
export function parseTrainingScript(raw: unknown, what = 'training script'): TrainingScript {
  return parseOrThrow(TrainingScriptSchema, raw, what);
}

/**
 * Checks the script against the model it runs on: every node it names exists and
 * has the right type, and the reference actions fit. A plant is built (not run)
 * for this, so the checks are the ones the live session will apply.
 */
export function checkScriptAgainstModel(script: TrainingScript, model: Model, what = 'training script'): void {
  const plant = new Plant(model, script.seed, 0);
  const problems: string[] = [];
  const where = (prefix: string, err: unknown) => {
    if (!(err instanceof TrainingError)) throw err;
    const [field, ...rest] = err.message.split(': ');
    problems.push(`${prefix}.${field}: ${rest.join(': ')}`);
  };
  if (script.measureAt !== undefined && plant.node(script.measureAt) === undefined) problems.push(`measureAt: no node "${script.measureAt}" in this model`);
  script.events.forEach((e, i) => {
    try {
      checkEvent(plant, e);
    } catch (err) {
      where(`events[${i}]`, err);
    }
  });
  // Reference actions are checked on a copy of the structure only: a crew dispatch
  // needs a waiting repair, which only exists while running, so it is skipped here.
  const quality = script.qualityTeam === undefined ? null : new QualityTeams(plant, script.qualityTeam);
  script.reference.forEach((r, i) => {
    if (r.act.action === 'dispatchCrew') return;
    try {
      applyAction(plant, r.act, quality);
    } catch (err) {
      where(`reference[${i}].act`, err);
    }
  });
  if (problems.length > 0) throw new ValidationError(what, problems);
}

/**
 * The model with the script's crew pools and assignments (a station named in
 * `crews` must have failures). Problems are reported against the script's fields.
 */
export function withScriptCrews(model: Model, script: TrainingScript, what = 'training script'): Model {
  if (script.repairCrews === undefined && Object.keys(script.crews).length === 0) return model;
  const problems: string[] = [];
  const out = structuredClone(model);
  out.repairCrews = { ...(out.repairCrews ?? {}), ...(script.repairCrews ?? {}) };
  for (const [nodeId, pool] of Object.entries(script.crews)) {
    const node = out.nodes.find((n) => n.id === nodeId) as { failures?: { crew?: string } } | undefined;
    if (node === undefined) problems.push(`crews.${nodeId}: no node "${nodeId}" in this model`);
    else if (node.failures === undefined) problems.push(`crews.${nodeId}: "${nodeId}" has no failures to repair`);
    else node.failures.crew = pool;
  }
  if (problems.length > 0) throw new ValidationError(what, problems);
  const parsed = ModelSchema.safeParse(out);
  if (!parsed.success) throw new ValidationError(what, formatIssues(parsed.error.issues, ['model']));
  return parsed.data;
}

export interface LoadedScript {
  id: string;
  script: TrainingScript;
  model: Model;
}

/** Loads `scenarios/<id>.training.json`, its model (and scenario), and checks them together. */
export function loadTrainingScript(id: string, loadModel: (model: string, scenario: string | undefined) => Model, dir = SCENARIOS_DIR): LoadedScript {
  if (!trainingScriptIds(dir).includes(id)) throw new ValidationError('training script', [`script: no training script "${id}" (known: ${trainingScriptIds(dir).join(', ') || 'none'})`]);
  const what = `training script ${id}${SUFFIX}`;
  const script = parseTrainingScript(readJsonFile(join(dir, `${id}${SUFFIX}`)), what);
  const model = withScriptCrews(loadModel(script.model, script.scenario), script, what);
  checkScriptAgainstModel(script, model, what);
  return { id, script, model };
}
