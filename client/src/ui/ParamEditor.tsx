import { useEffect, useState } from 'react';
import type { ParamField } from '../../../server/protocol/messages.ts';
import type { ModelNode } from '../../../server/protocol/model.ts';
import { editableFields, parseParamInput } from './param-input.ts';
import { command } from '../net/connection.ts';
import { useFormat } from './hooks.ts';

function initialText(node: ModelNode, field: ParamField): string {
  const v = (node as Record<string, unknown>)[field];
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** One editable parameter: the server validates and either applies it to the session or says why not. */
function FieldEditor({ node, field, readOnly }: { node: ModelNode; field: ParamField; readOnly: boolean }) {
  const f = useFormat();
  const [text, setText] = useState(() => initialText(node, field));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(initialText(node, field)), [node, field]);
  const apply = async () => {
    let value: unknown;
    try {
      value = parseParamInput(field, text);
    } catch (err) {
      setError((err as Error).message);
      return;
    }
    setError(null);
    await command({ type: 'setParam', nodeId: node.id, field, value } as Parameters<typeof command>[0]);
  };
  return (
    <div className="param">
      <label>
        <span className="muted">{field}</span>
        <input value={text} readOnly={readOnly} onChange={(e) => setText(e.target.value)} placeholder={field === 'capacity' ? f.t('unbounded') : ''} />
      </label>
      {!readOnly && <button onClick={apply}>{f.t('apply')}</button>}
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

export function ParamEditor({ node, readOnly }: { node: ModelNode; readOnly: boolean }) {
  const fields = editableFields(node);
  if (fields.length === 0) return null;
  return (
    <div className="params">
      {fields.map((field) => (
        <FieldEditor key={`${node.id}.${field}`} node={node} field={field} readOnly={readOnly} />
      ))}
    </div>
  );
}
