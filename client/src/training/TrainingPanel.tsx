import { useEffect, useState } from 'react';
import { send } from '../net/connection.ts';
import { CreateResultSchema } from '../../../server/protocol/messages.ts';
import { saveResume } from '../net/resume.ts';
import { useUi } from '../state/ui-store.ts';
import { trainingText } from './strings.ts';
import { listenTraining, refreshTraining, train, useTraining } from './training-store.ts';
import { TraineeActions } from './TraineeActions.tsx';
import { DebriefView } from './DebriefView.tsx';

interface ScriptInfo {
  id: string;
  name?: string;
  nameRu?: string | null;
  error?: string;
}

/** Instructor: start a script, see trainees, grant actions, fire events. Everyone: actions, debrief, replay. */
export function TrainingPanel() {
  const locale = useUi((s) => s.locale);
  const t = trainingText(locale);
  const session = useUi((s) => s.session);
  const role = useUi((s) => s.role);
  const state = useTraining((s) => s.state);
  const [scripts, setScripts] = useState<ScriptInfo[]>([]);
  const [script, setScript] = useState('');
  const [teams, setTeams] = useState<Record<string, string>>({});
  const [runId, setRunId] = useState('');

  useEffect(() => {
    listenTraining();
    void fetch('/api/training/scripts')
      .then((r) => (r.ok ? (r.json() as Promise<ScriptInfo[]>) : []))
      .then(setScripts, () => setScripts([]));
  }, []);
  useEffect(() => {
    useTraining.getState().setDebrief(null);
    if (session) void refreshTraining();
    else useTraining.getState().setState(null);
  }, [session?.id]);

  const startOrReplay = async (cmd: Parameters<typeof train>[0]) => {
    const started = await train(cmd, false, CreateResultSchema.pick({ sessionId: true, controllerToken: true }));
    if (!started) return;
    const joined = await send({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'instructor' });
    if (joined.ok) saveResume({ sessionId: started.sessionId, token: started.controllerToken });
    else useUi.getState().pushError(joined.error.message);
  };
  const chosen = script || scripts.find((s) => !s.error)?.id || '';
  const isOwner = role === 'owner';

  return (
    <section className="panel training" data-testid="training-panel">
      <h3>{t('training')}</h3>
      <div className="row">
        <label>
          {t('script')}
          <select value={chosen} onChange={(e) => setScript(e.target.value)}>
            {scripts.map((s) => (
              <option key={s.id} value={s.id} disabled={s.error !== undefined} title={s.error}>
                {(locale === 'ru' && s.nameRu) || s.name || s.id}
              </option>
            ))}
          </select>
        </label>
        <button disabled={!chosen} onClick={() => void startOrReplay({ type: 'startTraining', script: chosen, user: 'instructor' })}>
          {t('startPaused')}
        </button>
      </div>
      <div className="row">
        <label>
          {t('replay')}
          <input value={runId} onChange={(e) => setRunId(e.target.value.trim())} size={10} />
        </label>
        <button disabled={!runId} onClick={() => void startOrReplay({ type: 'replay', runId })}>
          {t('replayGo')}
        </button>
      </div>
      {session && !state && <p className="muted">{t('notTraining')}</p>}
      {state && (
        <>
          <h4>{locale === 'ru' && state.script.nameRu ? state.script.nameRu : state.script.name}</h4>
          {isOwner && (
            <>
              <h4>{t('trainees')}</h4>
              <ul className="trainees">
                {state.trainees
                  .filter((c) => c.role !== 'owner')
                  .map((c) => (
                    <li key={c.clientId}>
                      {c.user} {c.granted ? `(${t('granted')}${c.team ? `, ${c.team}` : ''})` : ''}
                      <input placeholder={t('team')} size={6} value={teams[c.clientId] ?? ''} onChange={(e) => setTeams({ ...teams, [c.clientId]: e.target.value })} />
                      <button onClick={() => void train({ type: 'grantActions', clientId: c.clientId, grant: !c.granted, ...(teams[c.clientId] ? { team: teams[c.clientId] } : {}) }).then(refreshTraining)}>
                        {c.granted ? t('revoke') : t('grant')}
                      </button>
                    </li>
                  ))}
              </ul>
              <button onClick={() => void refreshTraining()}>{t('refresh')}</button>
              <h4>{t('events')}</h4>
              <ol start={0} className="script-events">
                {state.script.events.map((e, i) => {
                  const done = state.fired.some((r) => r.index === i && !r.ended);
                  return (
                    <li key={i}>
                      {Math.round(e.at / 60)} min · {e.kind} {'nodeId' in e ? e.nodeId : ''} {done ? `✓ ${t('fired')}` : <button onClick={() => void train({ type: 'fireEvent', index: i })}>{t('fire')}</button>}
                    </li>
                  );
                })}
              </ol>
            </>
          )}
          <TraineeActions />
          <h4>{t('log')}</h4>
          <ul className="training-log">
            {state.log.slice(-8).map((e) => (
              <li key={e.seq}>
                {Math.round(e.at / 60)} min · {e.by}: {e.item.op === 'action' ? `${e.item.act.action} ${e.item.act.nodeId}` : e.item.op}
              </li>
            ))}
          </ul>
          <DebriefView />
        </>
      )}
    </section>
  );
}
