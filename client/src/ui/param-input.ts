import type { ParamField } from '../../../server/protocol/messages.ts';

/** The live-editable fields of a node, as the protocol's setParam allows them (one list, in protocol/live-edit.ts). */
export { editableFields } from '../../../server/protocol/live-edit.ts';

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
