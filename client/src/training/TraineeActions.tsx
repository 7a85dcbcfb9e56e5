import { useState } from 'react';
import type { TraineeAction } from '../../../server/protocol/training.ts';
import { useUi } from '../state/ui-store.ts';
import { trainingText } from './strings.ts';
import { train, useTraining } from './training-store.ts';
import { isMachineLike } from '../../../server/protocol/node-kinds.ts';
import { labelOf } from '../i18n/format.ts';

type Kind = TraineeAction['action'];

/** The trainee actions (sendQualityTeam only when the script has a quality team); the server refuses them unless the instructor granted this client. */
export function TraineeActions() {
  const locale = useUi((s) => s.locale);
  const t = trainingText(locale);
  const model = useUi((s) => s.model);
  const role = useUi((s) => s.role);
  const state = useTraining((s) => s.state);
  const [kind, setKind] = useState<Kind>('dispatchCrew');
  const [nodeId, setNodeId] = useState('');
  const [value, setValue] = useState('');
  const [setup, setSetup] = useState('600');
  const granted = role === 'owner' || state?.you?.granted === true;
  const nodes = (model?.nodes ?? []).filter((n) => {
    if (kind === 'setBufferCapacity') return n.type === 'buffer';
    if (kind === 'setRoute') return 'to' in n && Array.isArray(n.to);
    return isMachineLike(n);
  });
  const node = nodeId && nodes.some((n) => n.id === nodeId) ? nodeId : (nodes[0]?.id ?? '');

  const build = (): TraineeAction | string => {
    switch (kind) {
      case 'dispatchCrew':
        return { action: kind, nodeId: node };
      case 'setBufferCapacity': {
        const capacity = value === '' ? null : Number(value);
        return capacity === null || (Number.isInteger(capacity) && capacity >= 1) ? { action: kind, nodeId: node, capacity } : `${t('capacity')}: ≥ 1`;
      }
      case 'switchRecipe': {
        const mean = Number(value);
        const setupS = Number(setup);
        if (!(mean > 0) || !(setupS >= 0)) return `${t('cycleMean')} > 0, ${t('setupS')} ≥ 0`;
        return { action: kind, nodeId: node, cycle: { dist: 'lognormal', mean, sd: mean * 0.1 }, setupS };
      }
      case 'setRoute': {
        const route = value.split(',').map((part) => {
          const [id, p] = part.split(':').map((x) => x.trim());
          return { id, p: Number(p) };
        });
        return { action: kind, nodeId: node, route };
      }
      case 'sendQualityTeam':
        return { action: kind, nodeId: node };
    }
  };

  const submit = async () => {
    const act = build();
    if (typeof act === 'string') return useUi.getState().pushError(act);
    await train({ type: 'act', act });
  };

  return (
    <div className="trainee-actions" data-testid="trainee-actions">
      <h4>{t('actions')}</h4>
      {!granted && <p className="muted">{t('notGranted')}</p>}
      <div className="row">
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="dispatchCrew">{t('dispatchCrew')}</option>
          <option value="setBufferCapacity">{t('setBuffer')}</option>
          <option value="switchRecipe">{t('switchRecipe')}</option>
          <option value="setRoute">{t('setRoute')}</option>
          {state?.script.qualityTeam && <option value="sendQualityTeam">{t('sendQualityTeam')}</option>}
        </select>
        <select value={node} onChange={(e) => setNodeId(e.target.value)} aria-label={t('node')}>
          {nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {labelOf(n, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="row">
        {kind === 'setBufferCapacity' && <input placeholder={t('capacity')} value={value} onChange={(e) => setValue(e.target.value)} size={6} />}
        {kind === 'switchRecipe' && (
          <>
            <input placeholder={t('cycleMean')} value={value} onChange={(e) => setValue(e.target.value)} size={6} />
            <input placeholder={t('setupS')} value={setup} onChange={(e) => setSetup(e.target.value)} size={5} />
          </>
        )}
        {kind === 'setRoute' && <input placeholder={t('routeHint')} value={value} onChange={(e) => setValue(e.target.value)} />}
        <button disabled={!granted || !node} onClick={() => void submit()}>
          {kind === 'dispatchCrew' ? t('dispatchCrew') : kind === 'sendQualityTeam' ? t('sendQualityTeam') : t('apply')}
        </button>
      </div>
    </div>
  );
}
