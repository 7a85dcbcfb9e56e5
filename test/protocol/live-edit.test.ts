import { describe, expect, it } from 'vitest';
import { applyParam, CommandError } from '../../server/live/live-edits.ts';
import { Plant } from '../../server/plant/plant.ts';
import type { SetParamCommand } from '../../server/protocol/commands.ts';
import { editableFields, PARAM_FIELDS, ParamEditSchema, withParam, type ParamField } from '../../server/protocol/live-edit.ts';
import type { Model } from '../../server/protocol/model.ts';
import { testModel } from '../client/fixtures.ts';

describe('withParam: the one patch of a live edit', () => {
  it('replaces one field of one node in a new model, sharing the untouched nodes', () => {
    const model: Model = testModel();
    const id = model.nodes.find((n) => n.type === 'machine')!.id;
    const value = { dist: 'constant' as const, value: 7 };
    const next = withParam(model, { nodeId: id, field: 'cycle', value });
    expect(next).not.toBe(model);
    const before = model.nodes.find((n) => n.id === id)!;
    const after = next.nodes.find((n) => n.id === id)!;
    expect('cycle' in after && after.cycle).toEqual(value);
    expect('cycle' in before && before.cycle).not.toEqual(value); // the old model is untouched
    value.value = 8; // the patch holds a copy, not the caller's object
    expect('cycle' in after && after.cycle).toEqual({ dist: 'constant', value: 7 });
    next.nodes.forEach((n, i) => (n.id === id ? expect(n).not.toBe(model.nodes[i]) : expect(n).toBe(model.nodes[i])));
  });

  it('refuses a node the model does not have', () => {
    expect(() => withParam(testModel(), { nodeId: 'nope', field: 'yield', value: 0.9 })).toThrow('nodeId: no node "nope"');
  });

  it('validates the value per field', () => {
    expect(ParamEditSchema.safeParse({ nodeId: 'm', field: 'yield', value: 1.5 }).success).toBe(false);
    expect(ParamEditSchema.safeParse({ nodeId: 'm', field: 'capacity', value: null }).success).toBe(true);
    expect(ParamEditSchema.safeParse({ nodeId: 'm', field: 'colour', value: 1 }).success).toBe(false);
  });
});

describe('editableFields: one list for the client editor and the server', () => {
  it('offers exactly the fields the server applies to each node of a plant', () => {
    const model = testModel();
    const plant = new Plant(model, 1, 0);
    const sample: Record<ParamField, unknown> = { servers: 2, cycle: { dist: 'constant', value: 30 }, yield: 0.9, capacity: 5, interarrival: { dist: 'constant', value: 30 }, time: { dist: 'constant', value: 30 } };
    for (const node of model.nodes) {
      const accepted = PARAM_FIELDS.filter((field) => {
        try {
          applyParam(plant, { type: 'setParam', nodeId: node.id, field, value: sample[field] } as SetParamCommand);
          return true;
        } catch (err) {
          if (!(err instanceof CommandError)) throw err;
          return false;
        }
      });
      expect([...editableFields(node)].sort(), node.id).toEqual(accepted.sort());
    }
  });
});
