import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelSchema, type Model } from '../protocol/model.ts';
import { ScenarioSchema, applyScenario, type Scenario } from '../protocol/scenario.ts';
import { ValidationError, parseOrThrow } from '../protocol/errors.ts';

/**
 * The repository's own folders, found from this file so commands work from any
 * directory: the nearest folder above with a package.json, the same for the
 * TypeScript sources (server/files) and the compiled runtime (dist/server/files).
 */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const MODELS_DIR = join(PROJECT_ROOT, 'models');
export const SCENARIOS_DIR = join(PROJECT_ROOT, 'scenarios');
/** Scenarios saved from the client (layout edits); git-ignored, so planners' files never mix with the shipped ones. */
export const USER_SCENARIOS_DIR = process.env.USER_SCENARIOS_DIR ?? join(PROJECT_ROOT, 'data', 'scenarios');

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Reads and parses a JSON file, naming the file in every error. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ValidationError(`file ${path}`, [`cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`file ${path}`, [`is not valid JSON: ${(err as Error).message}`]);
  }
}

/** A model id (`default-plant`) or a path to a model file → the file's path. */
export function resolveModelPath(ref: string, relativeTo = process.cwd()): string {
  const candidates = [isAbsolute(ref) ? ref : resolve(relativeTo, ref), join(MODELS_DIR, ref), join(MODELS_DIR, `${ref}.json`)];
  const found = candidates.find((p) => existsSync(p) && p.endsWith('.json'));
  if (found === undefined) throw new ValidationError('model reference', [`"${ref}" is neither a model file nor a model id in ${MODELS_DIR}`]);
  return found;
}

/** Loads and validates a model file (no scenario). */
export function loadModelFile(path: string): Model {
  return parseOrThrow(ModelSchema, readJsonFile(path), `model ${basename(path)}`);
}

export function loadScenarioFile(path: string): Scenario {
  return parseOrThrow(ScenarioSchema, readJsonFile(path), `scenario ${basename(path)}`);
}

/** Loads a model and applies a scenario file to it; the scenario's own `model` is resolved next to the scenario. */
export function loadModelWithScenario(modelRef: string | undefined, scenarioPath?: string): { model: Model; modelPath: string; scenario?: Scenario } {
  if (scenarioPath === undefined) {
    if (modelRef === undefined) throw new ValidationError('arguments', ['a model file or id is required']);
    const modelPath = resolveModelPath(modelRef);
    return { model: loadModelFile(modelPath), modelPath };
  }
  const scenario = loadScenarioFile(scenarioPath);
  const modelPath = resolveModelPath(modelRef ?? scenario.model, modelRef === undefined ? dirname(resolve(scenarioPath)) : process.cwd());
  const raw = readJsonFile(modelPath);
  loadModelFile(modelPath); // the base model must be valid on its own
  return { model: applyScenario(raw as Model, scenario), modelPath, scenario };
}

/**
 * scenarios/ also holds the other documents about a model: training scripts,
 * experiments and optimisations. One list of their suffixes, so every listing of
 * scenarios (the catalog, the answers script, the tests) leaves the same files out.
 */
export const OTHER_DOCUMENT_SUFFIXES = ['.training.json', '.experiment.json', '.optimize.json'] as const;

/** A scenario overlay file (`*.json` that is not one of the other documents). */
export function isScenarioFile(name: string): boolean {
  return name.endsWith('.json') && !OTHER_DOCUMENT_SUFFIXES.some((s) => name.endsWith(s));
}

/** Scenario file names in a folder, sorted (none when it does not exist). */
export function listScenarioFiles(dir = SCENARIOS_DIR): string[] {
  return existsSync(dir) ? readdirSync(dir).filter(isScenarioFile).sort() : [];
}

/** Ids of the models shipped in models/. */
export function listModelIds(dir = MODELS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}
