import { useState } from 'react';
import type { Speed } from '../../../server/protocol/messages.ts';
import type { ExerciseSummary } from '../../../server/protocol/training-exercises.ts';
import { trainingHash } from '../capacity/run-link.ts';
import { useFormat } from '../ui/hooks.ts';
import { RefusalBox } from '../ui/RefusalBox.tsx';
import { useDebriefText, type DebriefKey } from './debrief-strings.ts';
import { useExercises } from './exercises-store.ts';
import { replayExercise } from './replay.ts';
import { ReplaySpeedOptions, speedOfChoice } from './ReplaySpeed.tsx';

/** Every finished exercise with a link to its debrief and a replay button (the stored log at the chosen speed). */
export function ExercisesList() {
  const t = useDebriefText();
  const f = useFormat();
  const { list, error } = useExercises();
  const [speed, setSpeed] = useState<Speed>(60);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(f.locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : t('none'));
  const title = (e: ExerciseSummary) => (f.locale === 'ru' && e.titleRu) || e.title;
  return (
    <section className="panel exercises" data-testid="exercises">
      <div className="panel-head">
        <h3>{t('exercises')}</h3>
        <label>
          {t('replaySpeed')}{' '}
          <select value={String(speed)} onChange={(e) => setSpeed(speedOfChoice(e.target.value))} data-testid="replay-speed-choice">
            <ReplaySpeedOptions />
          </select>
        </label>
      </div>
      {error && <RefusalBox error={{ message: error }} testId="exercises-error" />}
      {list?.length === 0 && <p className="muted">{t('noExercises')}</p>}
      {list && list.length > 0 && (
        <div className="table-scroll">
          <table className="exercise-table">
            <thead>
              <tr>
                <th>{t('exercise')}</th>
                <th>{t('instructor')}</th>
                <th>{t('started')}</th>
                <th>{t('ended')}</th>
                <th>{t('trainees')}</th>
                <th>{t('state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id} data-testid="exercise-row" data-run-id={e.id}>
                  <td>
                    <a href={trainingHash(e.id)}>{title(e)}</a>
                    <div className="muted">
                      {t('simTime')}: {f.duration(e.simTimeS)}
                    </div>
                  </td>
                  <td>{e.instructor ?? t('none')}</td>
                  <td>{when(e.startedAt)}</td>
                  <td>{when(e.endedAt)}</td>
                  <td>{e.trainees.length === 0 ? t('none') : e.trainees.map((p) => (p.team ? `${p.user} (${p.team})` : p.user)).join(', ')}</td>
                  <td>{e.state === 'finished' || e.state === 'stopped' ? t(`state_${e.state}` as DebriefKey) : e.state}</td>
                  <td className="actions">
                    <a href={trainingHash(e.id)}>{t('debrief')}</a>{' '}
                    <button data-testid="replay" onClick={() => void replayExercise(e.id, speed)}>
                      {t('replay')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
