import { DebriefSchema, type TrainingKpis } from '../../../server/protocol/training-messages.ts';
import { useUi } from '../state/ui-store.ts';
import { trainingText, type TrainingKey } from './strings.ts';
import { useDebriefText } from './debrief-strings.ts';
import { trainingHash } from '../capacity/run-link.ts';
import { train, useTraining } from './training-store.ts';

const RUNS = [
  ['session', 'yourRun', '#2f80ed'],
  ['noActions', 'noActions', '#999'],
  ['reference', 'reference', '#27ae60'],
] as const;

const ROWS: [keyof TrainingKpis, TrainingKey, (x: number) => string][] = [
  ['goodUnits', 'goodUnits', (x) => x.toFixed(0)],
  ['unitsPerHour', 'unitsPerHour', (x) => x.toFixed(1)],
  ['meanWip', 'meanWip', (x) => x.toFixed(0)],
  ['downShare', 'downShare', (x) => `${(x * 100).toFixed(1)} %`],
  ['crewWaitMeanS', 'crewWait', (x) => (x / 60).toFixed(1)],
];

/**
 * The scoreboard so far (session vs no actions vs reference) in the sidebar; the full debrief
 * with charts is its own page (#/training/debrief/<runId>) once the exercise has ended.
 */
/** `runId`: the exercise's stored run for the full page link (default: the session's id, which it becomes). */
export function DebriefView({ runId }: { runId?: string } = {}) {
  const t = trainingText(useUi((s) => s.locale));
  const td = useDebriefText();
  const session = useUi((s) => s.session);
  const link = runId ?? session?.id;
  const debrief = useTraining((s) => s.debrief);
  const load = async () => useTraining.getState().setDebrief(await train({ type: 'debrief' }, false, DebriefSchema));
  return (
    <div className="debrief" data-testid="debrief">
      <h4>
        {t('debrief')} <button onClick={() => void load()}>{t('refresh')}</button>
      </h4>
      {link && (
        <a href={trainingHash(link)} data-testid="full-debrief-link">
          {td('openDebrief')}
        </a>
      )}
      {debrief && (
        <>
          <table>
            <thead>
              <tr>
                <th />
                {RUNS.map(([id, key]) => (
                  <th key={id}>{t(key)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map(([field, key, fmt]) => (
                <tr key={field}>
                  <td>{t(key)}</td>
                  {RUNS.map(([id]) => (
                    <td key={id}>{fmt(debrief.runs[id][field])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="trainees">
            {debrief.trainees.map((x) => (
              <li key={x.user}>
                {x.user}
                {x.team ? ` (${x.team})` : ''}: {x.actions}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
