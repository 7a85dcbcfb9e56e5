import { z } from 'zod';
import { ModelSchema, NodeIdSchema, type Model, type ModelInput } from './model.ts';
import { formatIssues, formatPath, ValidationError } from './errors.ts';
import { mergePatch } from './merge-patch.ts';
import { resolveSchedule, ScheduleEntrySchema } from './schedule.ts';

export { mergePatch };

const patchObject = z.record(z.string(), z.unknown(), { error: 'must be an object (a JSON merge patch)' });

/**
 * A scenario is a small overlay on a model, so it stays readable and diffable:
 * `set` merge-patches nodes by id (RFC 7396: `null` deletes a field), `add`
 * appends nodes, `remove` deletes nodes; `areas`, `calendars` and `product`
 * are patched the same way. The result is validated like any model.
 * `schedule` patches nodes the same way at later simulated times (schedule.ts).
 */
export const ScenarioSchema = z.strictObject({
  model: z.string('must name a model id or file').min(1, 'must not be empty'),
  name: z.string().max(200).optional(),
  nameRu: z.string().max(200).optional(),
  question: z.string('must say in one line what question the scenario answers').min(1, 'must not be empty').max(400),
  /** The question in Russian, for the Russian UI. */
  questionRu: z.string().max(400).optional(),
  description: z.string().max(4000).optional(),
  set: z.record(NodeIdSchema, patchObject).default({}),
  add: z.array(z.unknown()).default([]),
  remove: z.array(NodeIdSchema).default([]),
  areas: z.record(NodeIdSchema, z.union([patchObject, z.null()])).default({}),
  calendars: z.record(NodeIdSchema, z.union([z.unknown(), z.null()])).default({}),
  product: patchObject.optional(),
  schedule: z.array(ScheduleEntrySchema).default([]).describe('parameter changes at simulated times: [{ "at": "30d", "set": {...} }], `at` increasing'),
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/**
 * Applies a validated scenario to a model (as loaded from its file, before or
 * after parsing) and validates the result. Problems in the result are reported
 * against the scenario field that caused them, e.g. `set.coater.cycle.mean`.
 */
export function applyScenario(model: ModelInput | Model, scenario: Scenario): Model {
  const problems: string[] = [];
  const base = structuredClone(model) as Record<string, unknown> & { nodes: Record<string, unknown>[] };
  const origin: string[] = []; // where each resulting node came from, as a path prefix

  const removed = new Set(scenario.remove);
  scenario.remove.forEach((id, i) => {
    if (!base.nodes.some((n) => n.id === id)) problems.push(`remove[${i}]: unknown node id "${id}"`);
  });
  let nodes = base.nodes.filter((n) => !removed.has(n.id as string));
  nodes.forEach((n, i) => origin.push(`nodes[${i}]`));
  for (const [id, patch] of Object.entries(scenario.set)) {
    const i = nodes.findIndex((n) => n.id === id);
    if (i < 0) {
      problems.push(`set.${id}: unknown node id${removed.has(id) ? ' (it is also removed)' : ''}`);
      continue;
    }
    nodes[i] = mergePatch(nodes[i], patch) as Record<string, unknown>;
    origin[i] = `set.${id}`;
  }
  scenario.add.forEach((node, j) => {
    nodes = [...nodes, node as Record<string, unknown>];
    origin.push(`add[${j}]`);
  });

  const areas = ((base.areas as Record<string, unknown>[] | undefined) ?? []).map((a) => ({ ...a }));
  for (const [id, patch] of Object.entries(scenario.areas)) {
    const i = areas.findIndex((a) => a.id === id);
    if (patch === null) {
      if (i >= 0) areas.splice(i, 1);
      else problems.push(`areas.${id}: unknown area`);
    } else if (i >= 0) areas[i] = mergePatch(areas[i], patch) as Record<string, unknown>;
    else areas.push({ id, ...patch });
  }
  const calendars = mergePatch(base.calendars ?? {}, scenario.calendars);
  const product = scenario.product === undefined ? base.product : mergePatch(base.product, scenario.product);
  if (problems.length > 0) throw new ValidationError('scenario', problems);

  const merged = { ...base, nodes, areas, calendars, ...(product === undefined ? {} : { product }) };
  const result = ModelSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const [head, index, ...rest] = issue.path;
      if (head === 'nodes' && typeof index === 'number' && origin[index] !== undefined && origin[index].startsWith('nodes') === false) {
        const where = `${origin[index]}${rest.length > 0 ? formatPath(rest).replace(/^(?!\[)/, '.') : ''}`;
        return `${where}: ${issue.message}`;
      }
      return formatIssues([issue], ['result'])[0];
    });
    throw new ValidationError('model after applying the scenario', lines);
  }
  if (scenario.schedule.length === 0) return result.data;
  const steps = resolveSchedule(merged, result.data, scenario.schedule);
  return { ...result.data, schedule: [...(result.data.schedule ?? []), ...steps] };
}
