import { z } from 'zod';
import { DistributionSchema } from './distribution.ts';
import { CapacitySchema, NodeIdSchema, ServersSchema, type Model, type ModelNode } from './model.ts';
import { MACHINE_LIKE_TYPES } from './node-kinds.ts';

/**
 * A live what-if edit of one node parameter, and the one function that applies it to a
 * model. The session's worker (whose model rebuilds the plant on reset), the main thread
 * (whose model goes into snapshots) and the client (whose model draws the plant) all
 * patch their copy with `withParam`, so the three copies cannot drift apart.
 *
 * Which fields apply to which node types:
 * servers, cycle, yield → machine/batch/assembly (servers added start at once; servers
 * taken out finish their job first: Station.setServers, as a scenario schedule does);
 * capacity → buffer/delay (null = unbounded); interarrival → source; time → delay.
 */
const PARAM_VALUES = {
  servers: ServersSchema,
  cycle: DistributionSchema,
  yield: z.number().gt(0, 'must be > 0').lte(1, 'must be <= 1'),
  capacity: z.union([CapacitySchema, z.null()], { error: 'must be a whole number >= 1 or null' }),
  interarrival: DistributionSchema,
  time: DistributionSchema,
};
export type ParamField = keyof typeof PARAM_VALUES;
export const PARAM_FIELDS = Object.keys(PARAM_VALUES) as ParamField[];

/** The live-editable fields of each node type, in the order an editor shows them. */
const FIELDS_BY_TYPE: Partial<Record<ModelNode['type'], readonly ParamField[]>> = {
  ...Object.fromEntries(MACHINE_LIKE_TYPES.map((t) => [t, ['servers', 'cycle', 'yield']])),
  buffer: ['capacity'],
  delay: ['time', 'capacity'],
  source: ['interarrival'],
};

/** The fields `setParam` accepts for this node (a source without interarrival is an unlimited supply: none). */
export function editableFields(node: ModelNode): readonly ParamField[] {
  if (node.type === 'source' && node.interarrival === undefined) return [];
  return FIELDS_BY_TYPE[node.type] ?? [];
}

/** One object schema per field, each with `base` added (the command's or the notice's own keys). */
export function paramVariants<B extends z.core.$ZodLooseShape>(base: B) {
  const variant = <F extends ParamField>(field: F) =>
    z.strictObject({ ...base, nodeId: NodeIdSchema, field: z.literal(field), value: PARAM_VALUES[field] as (typeof PARAM_VALUES)[F] });
  return [variant('servers'), variant('cycle'), variant('yield'), variant('capacity'), variant('interarrival'), variant('time')] as const;
}

export const ParamEditSchema = z.discriminatedUnion('field', [...paramVariants({})], { error: `must be one of ${PARAM_FIELDS.join(', ')}` });
export type ParamEdit = z.output<typeof ParamEditSchema>;

/** The model with `edit` applied: a new model object and node, the others shared. */
export function withParam(model: Model, edit: Pick<ParamEdit, 'nodeId' | 'field' | 'value'>): Model {
  if (!model.nodes.some((n) => n.id === edit.nodeId)) throw new Error(`nodeId: no node "${edit.nodeId}" in this model`);
  const nodes = model.nodes.map((n) => (n.id === edit.nodeId ? ({ ...n, [edit.field]: structuredClone(edit.value) } as typeof n) : n));
  return { ...model, nodes };
}
