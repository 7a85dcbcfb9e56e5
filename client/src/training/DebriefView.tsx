import { DebriefSchema, type Debrief, type TrainingKpis } from '../../../server/protocol/training-messages.ts';
import { useUi } from '../state/ui-store.ts';
import { trainingText, type TrainingKey } from './strings.ts';
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

/** Scoreboard (session vs no actions vs reference) and the throughput curves with events and actions marked. */
export function DebriefView() {
  const t = trainingText(useUi((s) => s.locale));
  const debrief = useTraining((s) => s.debrief);
  const load = async () => useTraining.getState().setDebrief(await train({ type: 'debrief' }, false, DebriefSchema));
  return (
    <div className="debrief" data-testid="debrief">
      <h4>
        {t('debrief')} <button onClick={() => void load()}>{t('refresh')}</button>
      </h4>
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
          <Curves debrief={debrief} />
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

/** Cumulative good units over sim time; ticks mark script events (red) and actions (blue). */
function Curves({ debrief }: { debrief: Debrief }) {
  const W = 300;
  const H = 120;
  const maxY = Math.max(1, ...RUNS.flatMap(([id]) => debrief.curves[id].map((p) => p[1])));
  const x = (s: number) => (s / debrief.untilS) * W;
  const y = (v: number) => H - (v / maxY) * (H - 4);
  return (
    <svg width={W} height={H + 8} className="debrief-curves" role="img">
      {debrief.timeline.map((e, i) => (
        <line key={i} x1={x(e.at)} x2={x(e.at)} y1={0} y2={H} stroke={e.by ? '#2f80ed' : '#eb5757'} strokeOpacity={0.4}>
          <title>{`${Math.round(e.at / 60)} min ${e.label}${e.by ? ` (${e.by})` : ''}`}</title>
        </line>
      ))}
      {RUNS.map(([id, , colour]) => (
        <polyline key={id} fill="none" stroke={colour} strokeWidth={1.5} points={debrief.curves[id].map((p) => `${x(p[0])},${y(p[1])}`).join(' ')} />
      ))}
    </svg>
  );
}
