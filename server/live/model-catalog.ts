import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../protocol/model.ts';
import { ValidationError } from '../protocol/errors.ts';
import { MODELS_DIR, SCENARIOS_DIR, USER_SCENARIOS_DIR, listModelIds, listScenarioFiles, loadModelFile, loadModelWithScenario, loadScenarioFile } from '../files/model-files.ts';

/** The model to run when a request names none: the full plant once it exists, else the demo line. */
export const DEFAULT_MODEL_IDS = ['default-plant', 'demo-line'];

export interface LoadedModel {
  model: Model;
  modelId: string;
  scenario: string | null;
}

/**
 * Models and scenarios by id, as shipped in models/ and scenarios/. Requests name
 * ids only, never paths: an id must be one the directory listing offers, so a
 * client cannot make the server read other files.
 */
export class ModelCatalog {
  constructor(
    readonly modelsDir = MODELS_DIR,
    readonly scenariosDir = SCENARIOS_DIR,
    /** Scenarios saved through POST /api/scenarios; listed and loaded like the shipped ones, which win on a clash. */
    readonly userScenariosDir = USER_SCENARIOS_DIR,
  ) {}

  modelIds(): string[] {
    return existsSync(this.modelsDir) ? listModelIds(this.modelsDir) : [];
  }

  scenarioIds(): string[] {
    return [...new Set([...this.shippedScenarioIds(), ...this.userScenarioIds()])].sort();
  }

  shippedScenarioIds(): string[] {
    return scenarioIds(this.scenariosDir);
  }

  userScenarioIds(): string[] {
    return scenarioIds(this.userScenariosDir);
  }

  defaultModelId(): string {
    const ids = this.modelIds();
    const found = DEFAULT_MODEL_IDS.find((id) => ids.includes(id)) ?? ids[0];
    if (found === undefined) throw new ValidationError('model', [`no model files in ${this.modelsDir}`]);
    return found;
  }

  private modelPath(id: string, field = 'model'): string {
    if (!this.modelIds().includes(id)) throw new NotFoundError(`${field}: no model "${id}" (known: ${this.modelIds().join(', ') || 'none'})`);
    return join(this.modelsDir, `${id}.json`);
  }

  private scenarioPath(id: string): string {
    if (this.shippedScenarioIds().includes(id)) return join(this.scenariosDir, `${id}.json`);
    if (this.userScenarioIds().includes(id)) return join(this.userScenariosDir, `${id}.json`);
    throw new NotFoundError(`scenario: no scenario "${id}" (known: ${this.scenarioIds().join(', ') || 'none'})`);
  }

  /** A model by id, validated, without a scenario. */
  model(id: string): Model {
    return loadModelFile(this.modelPath(id));
  }

  /** Scenario files with the model each applies to and the question it answers. */
  scenarios(): { id: string; model: string; name?: string; nameRu?: string; question: string; questionRu?: string; user: boolean }[] {
    return this.scenarioIds().flatMap((id) => {
      try {
        const s = loadScenarioFile(this.scenarioPath(id));
        const user = !this.shippedScenarioIds().includes(id);
        return [{ id, model: s.model.replace(/\.json$/, '').replace(/^.*\//, ''), name: s.name, nameRu: s.nameRu, question: s.question, questionRu: s.questionRu, user }];
      } catch {
        return []; // an invalid scenario file is reported when it is used, not in the listing
      }
    });
  }

  /**
   * A model with an optional scenario applied. Without a model id the scenario's
   * own model is used; without either, the default plant.
   */
  load(modelId: string | undefined, scenarioId: string | undefined): LoadedModel {
    if (scenarioId === undefined) {
      const id = modelId ?? this.defaultModelId();
      return { model: this.model(id), modelId: id, scenario: null };
    }
    const scenarioPath = this.scenarioPath(scenarioId);
    const ref = modelId ?? loadScenarioFile(scenarioPath).model.replace(/\.json$/, '').replace(/^.*\//, '');
    const { model } = loadModelWithScenario(this.modelPath(ref, modelId === undefined ? 'scenario.model' : 'model'), scenarioPath);
    return { model, modelId: ref, scenario: scenarioId };
  }
}

function scenarioIds(dir: string): string[] {
  return listScenarioFiles(dir).map((f) => f.slice(0, -'.json'.length));
}

/** A model or scenario id that does not exist (HTTP 404, live error code not_found). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
