import { useState } from 'react';
import type { TrainingState } from '../../../server/protocol/training-messages.ts';
import { MAX_TRAINING_PACE } from '../../../server/protocol/training.ts';
import { useUi } from '../state/ui-store.ts';
import { trainingText } from './strings.ts';
import { train } from './training-store.ts';
import { trainingLines } from './log-text.ts';

/** Paces the instructor may pick: real time up to ten simulated minutes per second. */
const PACES = [1, 10, 30, 60, 120, 300, MAX_TRAINING_PACE];
const DELAY_MINUTES = 60;

/** The instructor's desk: join code, start/end, pace, resume after a prompt, the script's events, the live roster. */
export function ExerciseControls({ state }: { state: TrainingState }) {
  const locale = useUi((s) => s.locale);
  const t = trainingText(locale);
  const { phase, clock } = state;
  return (
    <div className="exercise-controls" data-testid="exercise-controls">
      {state.code && (
        <p className="join-code">
          {t('code')}: <strong data-testid="join-code">{state.code}</strong>
          <br />
          <small className="muted">{t('codeHint')}</small>
        </p>
      )}
      <div className="row">
        {phase === 'lobby' && <button onClick={() => void train({ type: 'beginExercise' })}>{t('begin')}</button>}
        {phase !== 'ended' && <button onClick={() => void train({ type: 'endExercise' })}>{t('end')}</button>}
        <label>
          {t('pace')}
          <select value={clock.pace} onChange={(e) => void train({ type: 'setPace', pace: Number(e.target.value) })} aria-label={t('pace')}>
            {[...new Set([...PACES, clock.pace])].sort((a, b) => a - b).map((p) => (
              <option key={p} value={p}>
                {p}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {clock.held && (
        <p className="held" data-testid="held">
          {t('heldOnPrompt')} {new Date(clock.held.resumesAt).toLocaleTimeString(locale)}{' '}
          <button onClick={() => void train({ type: 'resume' })}>{t('resume')}</button>
        </p>
      )}
      <Roster state={state} />
      <ScriptEvents state={state} />
    </div>
  );
}

function Roster({ state }: { state: TrainingState }) {
  const t = trainingText(useUi((s) => s.locale));
  return (
    <>
      <h4>
        {t('trainees')} ({state.trainees.length})
      </h4>
      {state.trainees.length === 0 && <p className="muted">{t('noTrainees')}</p>}
      <ul className="trainees" data-testid="roster">
        {state.trainees.map((c) => (
          <li key={c.clientId}>
            {c.user}
            {c.team ? ` · ${c.team}` : ''} {c.granted ? `(${t('granted')})` : ''}{' '}
            <button onClick={() => void train({ type: 'grantActions', clientId: c.clientId, grant: !c.granted })}>{c.granted ? t('revoke') : t('grant')}</button>
          </li>
        ))}
      </ul>
      {state.teams && state.teams.length > 0 && (
        <table className="team-kpis">
          <thead>
            <tr>
              <th>{t('team')}</th>
              <th>{t('members')}</th>
              <th>{t('actions')}</th>
              <th>{t('refused')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {state.teams.map((k) => (
              <tr key={k.team}>
                <td>{k.team}</td>
                <td>{k.members}</td>
                <td>{k.actions}</td>
                <td>{k.refused}</td>
                <td>
                  <button onClick={() => void train({ type: 'grantActions', team: k.team, grant: k.granted < k.members })}>{k.granted < k.members ? t('grantTeam') : t('revokeTeam')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ScriptEvents({ state }: { state: TrainingState }) {
  const locale = useUi((s) => s.locale);
  const t = trainingText(locale);
  const nodes = useUi((s) => s.model)?.nodes ?? [];
  const lines = trainingLines(locale, nodes, state.script.events);
  const [delayMin, setDelayMin] = useState(String(DELAY_MINUTES));
  return (
    <>
      <h4>{t('events')}</h4>
      <label className="muted">
        {t('delay')}, {t('minutes')} <input value={delayMin} onChange={(e) => setDelayMin(e.target.value)} size={4} />
      </label>
      <ol start={0} className="script-events">
        {state.script.events.map((e, i) => {
          const plan = state.plan?.[i];
          const at = plan?.at ?? e.at;
          // The plan comes with the instructor's own fire/skip/delay; events the script fires arrive as notices.
          const fired = plan?.status === 'fired' || state.fired.some((r) => r.index === i && !r.ended);
          return (
            <li key={i}>
              {lines.minutes(at)} · {lines.event(e)}{' '}
              {fired ? (
                `✓ ${t('fired')}`
              ) : plan?.status === 'skipped' ? (
                t('skipped')
              ) : (
                <>
                  <button onClick={() => void train({ type: 'fireEvent', index: i })}>{t('fire')}</button>
                  <button onClick={() => void train({ type: 'skipEvent', index: i })}>{t('skip')}</button>
                  <button disabled={!(Number(delayMin) > 0)} onClick={() => void train({ type: 'delayEvent', index: i, byS: Number(delayMin) * 60 })}>
                    {t('delay')}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
