import type { ParamField } from '../../../server/protocol/messages.ts';
import type { ModelNode } from '../../../server/protocol/model.ts';

/** The live-editable fields of a node type, as the protocol's setParam allows them. */
export function editableFields(node: ModelNode): ParamField[] {
  switch (node.type) {
    case 'machine':
    case 'batch':
    case 'assembly':
      return ['cycle', 'yield'];
    case 'buffer':
      return ['capacity'];
    case 'delay':
      return ['time', 'capacity'];
    case 'source':
      return 'interarrival' in node && node.interarrival ? ['interarrival'] : [];
    default:
      return [];
  }
}

/**
 * Turns what the user typed into a setParam value: JSON for distributions, a number for
 * yield, a whole number or empty (unbounded) for capacity. Throws with a readable message.
 */
export function parseParamInput(field: ParamField, text: string): unknown {
  const t = text.trim();
  if (field === 'capacity') {
    if (t === '' || t === 'null') return null;
    const n = Number(t.replace(',', '.'));
    if (!Number.isInteger(n)) throw new Error(`capacity: "${text}" is not a whole number`);
    return n;
  }
  if (field === 'yield') {
    const n = Number(t.replace(',', '.'));
    if (!Number.isFinite(n)) throw new Error(`yield: "${text}" is not a number`);
    return n;
  }
  try {
    return JSON.parse(t);
  } catch {
    throw new Error(`${field}: not valid JSON, e.g. {"dist":"constant","value":60}`);
  }
}
