import { Router } from 'express';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { guardStorage } from '../store/storage-errors.ts';
import { join } from 'node:path';
import { z } from 'zod';
import { ValidationError, parseOrThrow } from '../protocol/errors.ts';
import { ScenarioSchema, applyScenario, type ScenarioInput } from '../protocol/scenario.ts';
import { FILE_ID_PATTERN, fileIdFromName } from '../protocol/file-id.ts';
import { NotFoundError, type ModelCatalog } from '../live/model-catalog.ts';
import { loadScenarioFile } from '../files/model-files.ts';
import { HttpError } from './http-errors.ts';

/** A saved scenario's file is small (a layout overlay of a few dozen nodes); this keeps a runaway client from filling the disk. */
export const MAX_SCENARIO_BYTES = 256 * 1024;
/** User scenarios kept at most, for the same reason. */
export const MAX_USER_SCENARIOS = 500;

// The id becomes a file name: no dots at the start, no path separators, nothing a shell or Windows would trip on.
const FileIdSchema = z
  .string('must be a string')
  .regex(FILE_ID_PATTERN, 'must be a file-safe id: 1-80 letters, digits, "_" or "-", starting with a letter or digit');

/** The part of a scenario an editor produces; `model` and `question` come from the request's own fields. */
const OverlaySchema = ScenarioSchema.pick({ description: true, set: true, add: true, remove: true, areas: true, calendars: true, product: true });

export const SaveScenarioSchema = z.strictObject({
  /** The name as the person typed it (any language); kept as the scenario's `name`. */
  name: z.string('must be the scenario name').trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  /** The file id; default: the name transliterated (Cyrillic → Latin), or a generated one. */
  id: FileIdSchema.optional(),
  model: FileIdSchema.describe('the model the overlay applies to'),
  question: z.string('must say in one line what question the scenario answers').trim().min(1, 'must not be empty').max(400, 'must be at most 400 characters'),
  /** Older clients sent the file id as `name` and the typed name here. */
  title: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  overlay: OverlaySchema,
  overwrite: z.boolean('must be true or false').default(false),
});

/**
 * Saving scenarios (layout edits from the client) to the user folder, and reading
 * one back. The saved overlay is checked exactly like a scenario file: the
 * scenario schema, then applied to its model and validated with the model schema
 * (overlaps, halls, transport geometry), so a file that is written always loads.
 */
export function scenarioRoutes(catalog: ModelCatalog): Router {
  const router = Router();

  router.get('/scenarios/:id', (req, res) => {
    const id = parseOrThrow(FileIdSchema, req.params.id, 'scenario id');
    if (!catalog.scenarioIds().includes(id)) throw new NotFoundError(`scenario: no scenario "${id}"`);
    const user = !catalog.shippedScenarioIds().includes(id);
    res.json({ id, user, scenario: loadScenarioFile(join(user ? catalog.userScenariosDir : catalog.scenariosDir, `${id}.json`)) });
  });

  router.post('/scenarios', (req, res) => {
    const body = parseOrThrow(SaveScenarioSchema, req.body ?? {}, 'scenario save request');
    const id = body.id ?? (fileIdFromName(body.name) || generatedId());
    const field = body.id === undefined ? 'name' : 'id';
    if (catalog.shippedScenarioIds().includes(id)) {
      throw new HttpError(409, `${field}: "${id}" is a shipped scenario and cannot be overwritten; choose a new name`);
    }
    const exists = catalog.userScenarioIds().includes(id);
    if (exists && !body.overwrite) throw new HttpError(409, `${field}: a saved scenario "${id}" exists; choose a new name or send overwrite: true`);
    if (!exists && catalog.userScenarioIds().length >= MAX_USER_SCENARIOS) {
      throw new HttpError(507, `the user scenario folder holds ${MAX_USER_SCENARIOS} files already; delete some first`);
    }
    if (!catalog.modelIds().includes(body.model)) throw new ValidationError('scenario save request', [`model: no model "${body.model}" (known: ${catalog.modelIds().join(', ')})`]);

    const doc = compact({ model: body.model, name: body.title ?? body.name, question: body.question, ...body.overlay });
    const text = `${JSON.stringify(doc, null, 1)}\n`;
    if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES) throw new HttpError(413, `overlay: the scenario would be ${Buffer.byteLength(text)} bytes, more than the limit of ${MAX_SCENARIO_BYTES}`);
    // Validated as the file will be read back, so what is written always loads.
    const scenario = parseOrThrow(ScenarioSchema, doc, 'scenario');
    applyScenario(catalog.model(body.model), scenario);

    const path = join(catalog.userScenariosDir, `${id}.json`);
    // Write then rename, so a crash never leaves a half-written file the listing would skip silently.
    const tmp = `${path}.${process.pid}.tmp`;
    guardStorage(path, 'cannot save the scenario to', () => {
      mkdirSync(catalog.userScenariosDir, { recursive: true });
      try {
        writeFileSync(tmp, text);
      } catch (err) {
        rmSync(tmp, { force: true }); // a part written on a full disk would stay as litter
        throw err;
      }
      renameSync(tmp, path);
    });
    res.status(exists ? 200 : 201).location(`/api/scenarios/${id}`).json({ id, name: doc.name, user: true, scenario: doc });
  });

  return router;
}

/** An id for a name with no Latin or Cyrillic letters or digits left (say, only emoji): the save time. */
function generatedId(): string {
  return `layout-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}`;
}

/** Leaves out empty parts of the overlay so the file shows only what the edit changed. */
function compact(doc: ScenarioInput): ScenarioInput {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as ScenarioInput;
}
