import { useEffect, useState } from 'react';
import type { ParamField } from '../../../server/protocol/messages.ts';
import type { ModelNode } from '../../../server/protocol/model.ts';
import type { Distribution } from '../../../server/protocol/distribution.ts';
import { command } from '../net/connection.ts';
import { distributionMean as distMean } from '../../../server/protocol/distribution-mean.ts';
import { useFormat } from './hooks.ts';
import { useInspectText } from './inspect-strings.ts';
import { DIST_ARGS, DIST_KINDS, TIME_UNITS, distributionFromForm, editableFields, isTimeArg, parseTypedNumber, switchKind, timeUnitFor, type DistKind, type TimeUnit } from './param-input.ts';

const TIME_UNIT_KEYS: Record<TimeUnit, 'unitS' | 'unitMin' | 'unitH' | 'unitD'> = { s: 'unitS', min: 'unitMin', h: 'unitH', d: 'unitD' };

type Dist = Distribution;
const arg = (d: Dist, a: string) => (d as unknown as Record<string, number>)[a];

/** Sends one change; the server validates it and applies it to the session or says why not (shown as a toast). */
async function apply(nodeId: string, field: ParamField, value: unknown): Promise<void> {
  await command({ type: 'setParam', nodeId, field, value } as Parameters<typeof command>[0]);
}

/** A parameter as typed back into a field: 6 significant digits, the language's decimal mark (parseTypedNumber reads both). */
const trim = (v: number, locale: string) => {
  const text = String(Number(v.toPrecision(6)));
  return locale === 'ru' ? text.replace('.', ',') : text;
};

/** A distribution: its kind from a list, its arguments as numbers in a time unit. */
function DistributionField({ node, field, readOnly }: { node: ModelNode; field: ParamField; readOnly: boolean }) {
  const f = useFormat();
  const t = useInspectText();
  const current = (node as unknown as Record<string, Dist | undefined>)[field];
  const [kind, setKind] = useState<DistKind>('constant');
  const [unit, setUnit] = useState<TimeUnit>('s');
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const load = (d: Dist, u: TimeUnit) => {
    setKind(d.dist as DistKind);
    setUnit(u);
    setTyped(Object.fromEntries(DIST_ARGS[d.dist as DistKind].map((a) => [a, trim(isTimeArg(a) ? arg(d, a) / TIME_UNITS[u] : arg(d, a), f.locale)])));
  };
  useEffect(() => {
    if (current && current.dist in DIST_ARGS) load(current, timeUnitFor(distMean(current)));
  }, [current]);
  if (!current) return null;
  if (!(current.dist in DIST_ARGS)) return <p className="muted small">{t('empiricalReadOnly')}</p>;
  const mean = () => {
    try {
      return distMean(distributionFromForm(kind, typed, unit));
    } catch {
      return distMean(current);
    }
  };
  const submit = () => {
    try {
      const value = distributionFromForm(kind, typed, unit);
      setError(null);
      void apply(node.id, field, value);
    } catch (err) {
      setError(`${(err as Error).message} ${t('badNumber')}`);
    }
  };
  return (
    <div className="param-row" data-testid={`param-${field}`}>
      <strong>{t(`param_${field}` as 'param_cycle')}</strong>
      <select value={kind} disabled={readOnly} aria-label={`${t(`param_${field}` as 'param_cycle')}: ${t('distribution')}`} onChange={(e) => load(switchKind(mean(), e.target.value as DistKind), unit)}>
        {DIST_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`dist_${k}`)}
          </option>
        ))}
      </select>
      <div className="dist-fields">
        {DIST_ARGS[kind].map((a) => (
          <label key={a}>
            {t(`arg_${a}`)}
            <input inputMode="decimal" value={typed[a] ?? ''} readOnly={readOnly} data-testid={`param-${field}-${a}`} onChange={(e) => setTyped({ ...typed, [a]: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && !readOnly && submit()} />
          </label>
        ))}
        <select value={unit} disabled={readOnly} aria-label="unit" onChange={(e) => load(distributionFromForm(kind, typed, unit), e.target.value as TimeUnit)}>
          {(Object.keys(TIME_UNITS) as TimeUnit[]).map((u) => (
            <option key={u} value={u}>
              {f.t(TIME_UNIT_KEYS[u])}
            </option>
          ))}
        </select>
        {!readOnly && (
          <button type="button" onClick={submit} data-testid={`param-${field}-apply`}>
            {f.t('apply')}
          </button>
        )}
      </div>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/** A plain number: a yield typed in per cent, a capacity in places (or unbounded), parallel stations as a whole number. */
function NumberField({ node, field, readOnly }: { node: ModelNode; field: 'yield' | 'capacity' | 'servers'; readOnly: boolean }) {
  const f = useFormat();
  const t = useInspectText();
  const raw = (node as unknown as Record<string, number | null | undefined>)[field];
  const shown = (v: number | null | undefined) => (v == null ? '' : field === 'yield' ? trim(v * 100, f.locale) : String(v));
  const [text, setText] = useState(shown(raw));
  const [unbounded, setUnbounded] = useState(field === 'capacity' && raw == null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(shown(raw));
    setUnbounded(field === 'capacity' && raw == null);
  }, [raw]);
  const submit = () => {
    if (unbounded) return void apply(node.id, field, null);
    const n = parseTypedNumber(text);
    if (!Number.isFinite(n)) return setError(`"${text}" ${t('badNumber')}`);
    setError(null);
    void apply(node.id, field, field === 'yield' ? n / 100 : n);
  };
  return (
    <div className="param-row" data-testid={`param-${field}`}>
      <label>
        <strong>{t(`param_${field}`)}</strong>{' '}
        <input inputMode="decimal" value={unbounded ? '' : text} readOnly={readOnly} disabled={unbounded} data-testid={`param-${field}-input`} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && !readOnly && submit()} />{' '}
        {field === 'yield' ? '%' : field === 'servers' ? '' : t('places')}
      </label>
      <span className="row">
        {field === 'capacity' && (
          <label>
            <input type="checkbox" checked={unbounded} disabled={readOnly} onChange={(e) => setUnbounded(e.target.checked)} /> {t('unbounded')}
          </label>
        )}
        {!readOnly && (
          <button type="button" onClick={submit} data-testid={`param-${field}-apply`}>
            {f.t('apply')}
          </button>
        )}
      </span>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/** The node's live-editable parameters as a form: numbers typed in their units, distributions picked from a list. */
export function ParamEditor({ node, readOnly }: { node: ModelNode; readOnly: boolean }) {
  const fields = editableFields(node);
  if (fields.length === 0) return null;
  return (
    <div className="params param-form">
      {fields.map((field) =>
        field === 'yield' || field === 'capacity' || field === 'servers' ? (
          <NumberField key={`${node.id}.${field}`} node={node} field={field} readOnly={readOnly} />
        ) : (
          <DistributionField key={`${node.id}.${field}`} node={node} field={field} readOnly={readOnly} />
        ),
      )}
    </div>
  );
}
