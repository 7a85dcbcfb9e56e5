import { labelOf } from '../i18n/format.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from '../ui/hooks.ts';
import { useEdit } from './edit-store.ts';
import { useEditText } from './edit-strings.ts';
import { SaveScenarioForm } from './SaveScenarioForm.tsx';
import { totalLegMetres } from './transport-legs.ts';
import { isMachineLike } from '../../../server/protocol/node-kinds.ts';
import { useEffect, useState } from 'react';
import { parseTypedNumber } from '../ui/param-input.ts';
import { RefusalBox } from '../ui/RefusalBox.tsx';

/** The parallel machines typed as a number (208 → 312 racks in one step); refusals show in the panel's problem list. */
function ServersInput({ id, servers }: { id: string; servers: number }) {
  const f = useFormat();
  const t = useEditText();
  const [text, setText] = useState(String(servers));
  useEffect(() => setText(String(servers)), [servers]);
  const submit = () => useEdit.getState().setServers(id, parseTypedNumber(text));
  return (
    <span className="row">
      <input inputMode="numeric" size={6} aria-label={t('servers')} value={text} data-testid="edit-servers-input" onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && submit()} />
      <button type="button" onClick={submit} data-testid="edit-servers-apply">
        {f.t('apply')}
      </button>
    </span>
  );
}

/** The right-hand panel while editing: the selected node's edits, refusals, transport distances, save. */
export function EditPanel() {
  const t = useEditText();
  const f = useFormat();
  const locale = useUi((s) => s.locale);
  const selectedId = useUi((s) => s.selectedId);
  const model = useEdit((s) => s.model);
  const legs = useEdit((s) => s.legs);
  const problems = useEdit((s) => s.problems);
  const overlay = useEdit((s) => s.overlay);
  // While a path is drawn, clicks in the scene may select other nodes; the panel stays on the conveyor being drawn.
  const drawing = useEdit((s) => s.drawing);
  const focusId = drawing ?? selectedId;
  const node = focusId ? model?.nodes.find((n) => n.id === focusId) : undefined;
  const edit = useEdit.getState();
  const changed = Object.keys(overlay);
  const nameOf = (id: string) => {
    const n = model?.nodes.find((x) => x.id === id);
    return n ? labelOf(n, locale) : id;
  };

  return (
    <div className="panel edit-panel" data-testid="edit-panel">
      <h3>{t('editTitle')}</h3>
      <p className="muted">{t('editHint')}</p>
      {problems.length > 0 && <RefusalBox error={{ problems }} testId="edit-problems" title={<strong>{t('refused')}:</strong>} />}
      {node === undefined ? (
        <p className="muted">{t('selectNode')}</p>
      ) : (
        <div className="edit-node" data-testid="edit-node">
          <h4>{labelOf(node, locale)}</h4>
          {node.layout && (
            <div className="row">
              {t('position')}: x {f.num(node.layout.x, 1)} m, z {f.num(node.layout.z, 1)} m, {f.num(node.layout.rotation, 0)}°
              <button onClick={() => edit.rotate(node.id)}>{t('rotate')}</button>
            </div>
          )}
          {isMachineLike(node) && (
            <div className="row">
              {t('servers')}: <button onClick={() => edit.servers(node.id, -1)}>−</button> <strong data-testid="edit-servers">{node.servers}</strong>{' '}
              <button onClick={() => edit.servers(node.id, 1)}>+</button> <ServersInput id={node.id} servers={node.servers} />
            </div>
          )}
          {node.type === 'buffer' && (
            <div className="row">
              {t('capacity')}: <button onClick={() => edit.capacity(node.id, -1)}>−</button> <strong>{node.capacity === null ? t('unbounded') : node.capacity}</strong>{' '}
              <button onClick={() => edit.capacity(node.id, 1)}>+</button>
            </div>
          )}
          {node.type === 'conveyor' && <PathTools id={node.id} points={node.path?.length ?? 0} />}
        </div>
      )}
      <h4>{t('transport')}</h4>
      <table className="edit-legs">
        <thead>
          <tr>
            <th>{t('from')}</th>
            <th>{t('to')}</th>
            <th>{t('distance')}</th>
            <th>{t('travel')}</th>
          </tr>
        </thead>
        <tbody>
          {legs.map((l) => (
            <tr key={l.key} title={nameOf(l.nodeId)}>
              <td>{nameOf(l.from)}</td>
              <td>{nameOf(l.to)}</td>
              <td data-testid={`leg-distance-${l.key}`}>{f.num(l.distanceM, 1)} m</td>
              <td>{f.duration(l.travelS)}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={2}>{t('total')}</td>
            <td>{f.num(totalLegMetres(legs), 1)} m</td>
            <td />
          </tr>
        </tbody>
      </table>
      <p>
        {t('changes')}: {changed.length === 0 ? '—' : changed.map(nameOf).join(', ')}{' '}
        {changed.length > 0 && <button onClick={() => edit.reset()}>{t('reset')}</button>}
      </p>
      <SaveScenarioForm />
    </div>
  );
}

function PathTools({ id, points }: { id: string; points: number }) {
  const t = useEditText();
  const drawing = useEdit((s) => s.drawing);
  const draft = useEdit((s) => s.draft);
  const edit = useEdit.getState();
  return (
    <div className="row">
      {t('conveyorPath')}: {points > 0 ? `${points} ${t('points')}` : '—'}
      {drawing === id ? (
        <>
          <span className="muted">
            {t('drawHint')} ({draft.length} {t('points')})
          </span>
          <button data-testid="finish-path" onClick={() => edit.finishPath()}>{t('finishPath')}</button>
          <button onClick={() => edit.cancelPath()}>{t('cancel')}</button>
        </>
      ) : (
        <>
          <button data-testid="draw-path" onClick={() => edit.startPath(id)}>{t('drawPath')}</button>
          {points > 0 && <button onClick={() => edit.clearPath(id)}>{t('clearPath')}</button>}
        </>
      )}
    </div>
  );
}
