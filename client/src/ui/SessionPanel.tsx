import { useEffect, useState } from 'react';
import { createSession, joinSession, leaveSession, refreshSessions } from '../net/connection.ts';
import { useUi } from '../state/ui-store.ts';
import { nameOf } from '../i18n/format.ts';
import { useFormat } from './hooks.ts';
import { useCatalog } from './useCatalog.ts';
import { ModelSelect } from './ModelSelect.tsx';
import { trainingText } from '../training/strings.ts';
import { useCan } from '../net/account.ts';

/** Create a session on a model + scenario, or join a running one as a viewer. */
export function SessionPanel() {
  const f = useFormat();
  const tt = trainingText(f.locale);
  const sessions = useUi((s) => s.sessions);
  const current = useUi((s) => s.session);
  const connected = useUi((s) => s.connection === 'connected');
  const { models, scenarios } = useCatalog();
  const [model, setModel] = useState('');
  const [scenario, setScenario] = useState('');
  const [busy, setBusy] = useState(false);
  const canCreate = useCan('planner');
  const chosenModel = model || models[0]?.id || '';
  // Sim clocks and viewer counts in the list go stale; a slow poll keeps them roughly current.
  useEffect(() => {
    if (!connected) return;
    const id = setInterval(() => void refreshSessions(), 10_000);
    return () => clearInterval(id);
  }, [connected]);
  const fitting = scenarios.filter((s) => !s.model || s.model === chosenModel);
  const question = (s: (typeof scenarios)[number] | undefined) => (s ? (f.locale === 'ru' && s.questionRu) || s.question : undefined);
  const scenarioName = (id: string) => {
    const s = scenarios.find((x) => x.id === id);
    return s ? nameOf(s, f.locale) : id;
  };

  const act = (fn: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel sessions">
      <h3>{f.t('sessions')}</h3>
      <div className="row">
        <label>
          {f.t('model')}
          <ModelSelect models={models} value={chosenModel} onChange={setModel} />
        </label>
        <label>
          {f.t('scenario')}
          <select value={scenario} onChange={(e) => setScenario(e.target.value)} title={question(fitting.find((s) => s.id === scenario))}>
            <option value="">{f.t('baseModel')}</option>
            {fitting.map((s) => (
              <option key={s.id} value={s.id} title={question(s)}>
                {nameOf(s, f.locale)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <button disabled={!connected || busy || !canCreate} title={canCreate ? undefined : f.t('needsPlanner')} onClick={act(() => createSession({ model: chosenModel || undefined, scenario: scenario || undefined }))}>
          {f.t('newSession')}
        </button>
        <button disabled={!connected || busy} onClick={act(refreshSessions)}>
          {f.t('refresh')}
        </button>
        {current && (
          <button disabled={busy} onClick={act(leaveSession)}>
            {f.t('leave')}
          </button>
        )}
      </div>
      {sessions.length === 0 ? (
        <p className="muted">{f.t('noSessions')}</p>
      ) : (
        <ul className="session-list">
          {sessions.map((s) => {
            const modelName = nameOf({ id: s.modelId, name: s.modelName, nameRu: s.modelNameRu }, f.locale);
            const what = `${modelName}${s.scenario ? ` + ${scenarioName(s.scenario)}` : ''}`;
            return (
            <li key={s.id} className={current?.id === s.id ? 'current' : ''}>
              <span className="grow" title={what}>
                {s.public ? f.t('publicPlant') : (f.locale === 'ru' && s.nameRu) || s.name || s.id}
                <small>
                  {' '}
                  {what} · {f.clock(s.simTimeS)} · {f.count(s.viewers, 'viewers')}
                  {s.training && (
                    <span data-testid="session-training">
                      {' '}
                      · {tt(s.training.phase)} · {tt('trainees')}: {s.training.trainees}
                    </span>
                  )}
                </small>
              </span>
              {current?.id !== s.id && (
                <button disabled={!connected || busy} onClick={act(() => joinSession(s.id))}>
                  {f.t('joinAsViewer')}
                </button>
              )}
            </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
