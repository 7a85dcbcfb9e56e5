import { z } from 'zod';
import { DurationSchema } from './duration.ts';
import { formatIssues, formatPath, ValidationError } from './errors.ts';
import { mergePatch } from './merge-patch.ts';
import { ModelSchema, NodeIdSchema, type Model, type ModelNode, type NodeType, type ScheduleStep } from './model.ts';

/**
 * Time-varying parameters: at simulated time `at`, merge-patch nodes by id like
 * a scenario's `set` (a ramp-up brings equipment online and raises A, P and
 * yields month by month). Only the fields below can change while a plant runs;
 * everything else is refused with a clear error.
 */
export const SCHEDULABLE_FIELDS: Readonly<Partial<Record<NodeType, readonly string[]>>> = {
  machine: ['servers', 'cycle', 'yield', 'failures'],
  batch: ['servers', 'cycle', 'yield', 'failures'],
  assembly: ['servers', 'cycle', 'yield', 'failures'],
  buffer: ['capacity'],
  delay: ['time', 'capacity'],
  source: ['interarrival'],
};

/** Fields that say what a node is, not how it runs: they may change (no effect on the run). */
const DESCRIPTIVE = new Set(['label', 'labelRu', 'description']);

const patchObject = z.record(z.string(), z.unknown(), { error: 'must be an object (a JSON merge patch)' });

/** A scenario's `schedule` entry, as written: `{ "at": "30d", "set": { "stacker": { "servers": 16 } } }`. */
export const ScheduleEntrySchema = z.strictObject({
  at: DurationSchema.describe('simulated time from the start of the run'),
  set: z.record(NodeIdSchema, patchObject).refine((s) => Object.keys(s).length > 0, 'must patch at least one node'),
});

export type ScheduleEntry = z.output<typeof ScheduleEntrySchema>;

/**
 * Fields of `after` that differ from `before` but cannot change mid-run, as
 * `field: reason` lines (empty when the change can be applied).
 */
export function unschedulableChanges(before: ModelNode, after: ModelNode): string[] {
  if (before.type !== after.type) return [`type: cannot change during a run (${before.type} → ${after.type})`];
  const allowed = SCHEDULABLE_FIELDS[before.type] ?? [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const problems: string[] = [];
  for (const key of keys) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (JSON.stringify(a) === JSON.stringify(b) || DESCRIPTIVE.has(key)) continue;
    if (!allowed.includes(key)) {
      problems.push(`${key}: cannot change during a run${allowed.length > 0 ? ` (a ${before.type} can change ${allowed.join(', ')})` : ` (nothing of a ${before.type} can)`}`);
    } else if (key === 'failures' && JSON.stringify((a as { crew?: string } | undefined)?.crew) !== JSON.stringify((b as { crew?: string } | undefined)?.crew)) {
      problems.push('failures.crew: cannot change during a run');
    } else if (key === 'interarrival' && (a === undefined || b === undefined)) {
      problems.push('interarrival: an unlimited supply cannot become timed (or back) during a run');
    }
  }
  return problems;
}

/**
 * Resolves a scenario's schedule against the model it applies to (`raw`, the
 * merged document before parsing, and `parsed`, its validated form): each entry
 * patches the nodes as they stand after the previous entries, the result is
 * validated as a whole model, and only run-time fields may change. Errors name
 * the scenario field: `schedule[2].set.formation.servers: must be >= 1`.
 */
export function resolveSchedule(raw: Record<string, unknown> & { nodes: Record<string, unknown>[] }, parsed: Model, entries: readonly ScheduleEntry[]): ScheduleStep[] {
  const problems: string[] = [];
  const steps: ScheduleStep[] = [];
  let nodes = raw.nodes.map((n) => structuredClone(n));
  const current = new Map(parsed.nodes.map((n) => [n.id, n]));
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const [i, entry] of entries.entries()) {
    const where = `schedule[${i}]`;
    if (!(entry.at > lastAt)) problems.push(`${where}.at: must be later than schedule[${i - 1}].at (${lastAt} s)`);
    lastAt = Math.max(lastAt, entry.at);
    const patched = new Map<number, string>();
    for (const [id, patch] of Object.entries(entry.set)) {
      const k = nodes.findIndex((n) => n.id === id);
      if (k < 0) {
        problems.push(`${where}.set.${id}: unknown node id`);
        continue;
      }
      nodes = nodes.map((n, j) => (j === k ? (mergePatch(n, patch) as Record<string, unknown>) : n));
      patched.set(k, id);
    }
    const result = ModelSchema.safeParse({ ...raw, nodes, schedule: undefined });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const [head, index, ...rest] = issue.path;
        const id = head === 'nodes' && typeof index === 'number' ? patched.get(index) : undefined;
        if (id === undefined) problems.push(...formatIssues([issue], ['schedule', i]));
        else problems.push(`${where}.set.${id}${rest.length > 0 ? formatPath(rest).replace(/^(?!\[)/, '.') : ''}: ${issue.message}`);
      }
      break; // later entries build on this one: their errors would only echo it
    }
    const changed: ModelNode[] = [];
    for (const [k, id] of patched) {
      const after = result.data.nodes[k];
      const before = current.get(id)!;
      for (const line of unschedulableChanges(before, after)) problems.push(`${where}.set.${id}.${line}`);
      if (JSON.stringify(before) !== JSON.stringify(after)) changed.push(after);
      current.set(id, after);
    }
    if (changed.length > 0) steps.push({ atS: entry.at, nodes: changed });
  }
  if (problems.length > 0) throw new ValidationError('scenario schedule', problems);
  return steps;
}
