import { trainingHash } from '../capacity/run-link.ts';
import { useDebriefText } from './debrief-strings.ts';
import { ReplaySpeed } from './ReplaySpeed.tsx';
import { useTraining } from './training-store.ts';

/**
 * Under the training panel: the way to the finished exercises (their debriefs and replays),
 * and while a replay plays, its speed and the debrief of the exercise it replays.
 */
export function ExercisesLink() {
  const t = useDebriefText();
  const replayOf = useTraining((s) => s.state?.replayOf ?? null);
  return (
    <section className="panel exercises-link">
      <a href={trainingHash(null)} data-testid="exercises-link">
        {t('exercises')}
      </a>
      {replayOf && (
        <div className="row">
          <a href={trainingHash(replayOf)}>{t('debrief')}</a>
          <ReplaySpeed />
        </div>
      )}
    </section>
  );
}
