import { useEffect, useState } from 'react';
import { send } from '../net/connection.ts';
import { CreateResultSchema } from '../../../server/protocol/messages.ts';
import type { TrainingState } from '../../../server/protocol/training-messages.ts';
import { saveResume } from '../net/resume.ts';
import { nameOf } from '../i18n/format.ts';
import { useUi } from '../state/ui-store.ts';
import { trainingText } from './strings.ts';
import { listenTraining, refreshTraining, train, useTraining } from './training-store.ts';
import { TraineeActions } from './TraineeActions.tsx';
import { DebriefView } from './DebriefView.tsx';
import { ExerciseControls } from './ExerciseControls.tsx';
import { JoinExercise } from './JoinExercise.tsx';
import { EndedExercise } from './EndedExercise.tsx';
import { trainingLines } from './log-text.ts';

interface ScriptInfo {
  id: string;
  name?: string;
  nameRu?: string | null;
  error?: string;
}

/** Starts a script or a replay (the sender becomes the session's owner, i.e. the instructor) and joins it with the controller token. */
async function startOrReplay(cmd: Parameters<typeof train>[0]): Promise<void> {
  const started = await train(cmd, false, CreateResultSchema.pick({ sessionId: true, controllerToken: true }));
  if (!started) return;
  useTraining.getState().clearEnded();
  const joined = await send({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'instructor' });
  if (joined.ok) saveResume({ sessionId: started.sessionId, token: started.controllerToken });
  else useUi.getState().pushError(joined.error.message);
}

/**
 * Training: the instructor opens a script's lobby, trainees join by name and code;
 * then the instructor's desk or the trainee's actions; at the end, the debrief and a replay.
 */
export function TrainingPanel() {
  const locale = useUi((s) => s.locale);
  const t = trainingText(locale);
  const session = useUi((s) => s.session);
  const state = useTraining((s) => s.state);
  const endedRunId = useTraining((s) => s.endedRunId);
  const [scripts, setScripts] = useState<ScriptInfo[]>([]);
  const [script, setScript] = useState('');
  const [runId, setRunId] = useState('');
  const [instructorName, setInstructorName] = useState('');

  useEffect(() => {
    listenTraining();
    void fetch('/api/training/scripts')
      .then((r) => (r.ok ? (r.json() as Promise<ScriptInfo[]>) : []))
      .then(setScripts, () => setScripts([]));
  }, []);
  useEffect(() => {
    if (useTraining.getState().endedRunId === null) useTraining.getState().setDebrief(null);
    if (session) void refreshTraining();
    else useTraining.getState().setState(null);
  }, [session?.id]);

  const chosen = script || scripts.find((s) => !s.error)?.id || '';
  const inExercise = state !== null && state.phase !== 'ended';

  return (
    <section className="panel training" data-testid="training-panel">
      <h3>{t('training')}</h3>
      {endedRunId && <EndedExercise runId={endedRunId} replay={(id) => startOrReplay({ type: 'replay', runId: id })} />}
      {!inExercise && (
        <>
          <JoinExercise />
          <div className="row">
            <label className="wide">
              {t('script')}
              <select value={chosen} onChange={(e) => setScript(e.target.value)}>
                {scripts.map((s) => (
                  <option key={s.id} value={s.id} disabled={s.error !== undefined} title={s.error}>
                    {nameOf(s, locale)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('yourName')}
              <input value={instructorName} onChange={(e) => setInstructorName(e.target.value)} size={10} maxLength={40} name="instructor-name" />
            </label>
            <button disabled={!chosen} onClick={() => void startOrReplay({ type: 'startTraining', script: chosen, ...(instructorName.trim() ? { user: instructorName.trim() } : {}) })}>
              {t('openLobby')}
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
        </>
      )}
      {session && !state && !endedRunId && <p className="muted">{t('notTraining')}</p>}
      {state && <Exercise state={state} />}
    </section>
  );
}

function Exercise({ state }: { state: TrainingState }) {
  const locale = useUi((s) => s.locale);
  const t = trainingText(locale);
  const instructor = state.you?.role === 'instructor';
  const nodes = useUi((s) => s.model)?.nodes ?? [];
  const lines = trainingLines(locale, nodes, state.script.events);
  return (
    <div className="exercise" data-testid="exercise" data-phase={state.phase}>
      <h4 data-testid="exercise-title">{(locale === 'ru' && state.titleRu) || state.title}</h4>
      <p>
        <span className={`phase phase-${state.phase}`} data-testid="exercise-phase">
          {t(state.phase)}
        </span>{' '}
        · {t('pace')} {state.clock.pace}×{state.clock.held && !instructor ? ` · ${t('heldOnPrompt')} ${new Date(state.clock.held.resumesAt).toLocaleTimeString(locale)}` : ''}
      </p>
      {instructor ? (
        <ExerciseControls state={state} />
      ) : (
        <p className="muted" data-testid="you">
          {state.you ? `${t('you')}: ${state.you.name}${state.you.team ? ` · ${state.you.team}` : ''}${state.you.granted ? ` (${t('granted')})` : ''}` : t('watching')}
          {state.phase === 'lobby' && <> · {t('waitingStart')}</>}
        </p>
      )}
      {state.phase === 'running' && (instructor || state.you !== null) && <TraineeActions />}
      <h4>{t('log')}</h4>
      <ul className="training-log">
        {state.log.slice(-8).map((e) => (
          <li key={e.seq}>
            {lines.log(e)}
          </li>
        ))}
      </ul>
      {instructor && <DebriefView />}
    </div>
  );
}
