import { DEBRIEF_RUNS, type Debrief, type TrainingKpis } from '../../../server/protocol/training-messages.ts';
import { trainingHash } from '../capacity/run-link.ts';
import type { Formatter } from '../i18n/format.ts';
import { useFormat } from '../ui/hooks.ts';
import { RefusalBox } from '../ui/RefusalBox.tsx';
import type { ChartMark } from '../ui/UPlotChart.tsx';
import { DebriefCharts, inCurrency, RUN_COLOURS } from './DebriefCharts.tsx';
import { useDebriefText, type DebriefKey } from './debrief-strings.ts';
import { useExercises } from './exercises-store.ts';
import { replayExercise } from './replay.ts';

/** Rows of the totals table: the KPI, its label and how it is written (scrapCost is money: its label names the currency). */
const TOTALS: [keyof TrainingKpis, DebriefKey, (f: Formatter, v: number) => string][] = [
  ['goodUnits', 'goodUnits', (f, v) => f.num(v, 0)],
  ['unitsPerHour', 'unitsPerHour', (f, v) => f.num(v, 1)],
  ['downHours', 'downHours', (f, v) => f.num(v, 1)],
  ['downShare', 'downShare', (f, v) => f.pct(v, 1)],
  ['scrapCost', 'scrapCost', (f, v) => f.num(v, 0)],
  ['meanWip', 'meanWip', (f, v) => f.num(v, 0)],
  ['crewWaitMeanS', 'crewWait', (f, v) => f.num(v / 60, 1)],
];

/** Team colours for the decision marks (decisions without a team use the trainees' run colour). */
const TEAM_COLOURS = ['#ffb74d', '#ba68c8', '#4dd0e1', '#f06292', '#aed581'];

/** Log entries of the debrief's timeline: the trainees' and instructor's decisions (script events carry no `by`). */
function decisions(debrief: Debrief) {
  return debrief.timeline.filter((e) => e.by !== undefined);
}

/** The debrief of a finished exercise: charts, totals, each decision on the timeline, per-team KPIs. */
export function DebriefPage({ runId }: { runId: string }) {
  const t = useDebriefText();
  const f = useFormat();
  const { debrief: loaded, pending, error } = useExercises();
  const ready = loaded?.runId === runId ? loaded : null;
  return (
    <section className="panel debrief-page" data-testid="debrief-page">
      <div className="panel-head">
        <a href={trainingHash(null)}>{t('backToList')}</a>
      </div>
      {error && <RefusalBox error={{ message: error }} testId="debrief-error" />}
      {!ready && !error && <p className="muted" data-testid="debrief-pending">{pending === 'queued' ? t('queued') : t('computing')}</p>}
      {ready && <DebriefBody exercise={ready.exercise} debrief={ready.debrief} f={f} />}
    </section>
  );
}

/** The debrief once computed (exported for the test that renders it on the server). */
export function DebriefBody({ exercise, debrief, f }: { exercise: NonNullable<ReturnType<typeof useExercises.getState>['debrief']>['exercise']; debrief: Debrief; f: Formatter }) {
  const t = useDebriefText();
  const teams = [...new Set(debrief.trainees.map((p) => p.team).filter((x): x is string => x !== null))].sort();
  const colour = (team: string | null | undefined) => (team ? TEAM_COLOURS[teams.indexOf(team) % TEAM_COLOURS.length] : RUN_COLOURS.session);
  const list = decisions(debrief);
  const marks: ChartMark[] = list.map((e, i) => ({ x: e.at, color: colour(e.team), tag: String(i + 1) }));
  const title = (f.locale === 'ru' && exercise.titleRu) || exercise.title;
  // Scrap costs are counted in the model's currency; a debrief stored before it was recorded names none.
  const currency = debrief.currency === undefined ? null : f.currency(debrief.currency);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(f.locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : t('none'));
  return (
    <>
      <h3 data-testid="debrief-title">
        {t('debrief')}: {title}
      </h3>
      <p className="muted">
        {t('instructor')}: {exercise.instructor ?? t('none')} · {when(exercise.startedAt)} – {when(exercise.endedAt)} · {t('simTime')}: {f.duration(debrief.untilS)} ·{' '}
        <button onClick={() => void replayExercise(exercise.id, 60)}>{t('replay')}</button>
      </p>
      <DebriefCharts debrief={debrief} marks={marks} currency={currency} />
      <div className="debrief-tables">
        <div>
          <h4>{t('totals')}</h4>
          <table className="debrief-totals" data-testid="debrief-totals">
            <thead>
              <tr>
                <th>{t('kpi')}</th>
                {DEBRIEF_RUNS.map((run) => (
                  <th key={run} style={{ color: RUN_COLOURS[run] }}>
                    {t(run)}
                  </th>
                ))}
                <th>{t('vsNoAction')}</th>
              </tr>
            </thead>
            <tbody>
              {TOTALS.map(([field, label, fmt]) => {
                const diff = debrief.runs.session[field] - debrief.runs.noActions[field];
                return (
                  <tr key={field}>
                    <td>{field === 'scrapCost' ? inCurrency(t(label), currency) : t(label)}</td>
                    {DEBRIEF_RUNS.map((run) => (
                      <td key={run}>{fmt(f, debrief.runs[run][field])}</td>
                    ))}
                    <td>{`${diff > 0 ? '+' : ''}${fmt(f, diff)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div>
          <h4>{t('decisions')}</h4>
          {list.length === 0 ? (
            <p className="muted">{t('noDecisions')}</p>
          ) : (
            <table data-testid="debrief-decisions">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('when')}</th>
                  <th>{t('who')}</th>
                  <th>{t('what')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((e, i) => (
                  <tr key={i}>
                    <td style={{ color: colour(e.team) }}>{i + 1}</td>
                    <td>{f.clock(e.at)}</td>
                    <td>{e.team ? `${e.by} (${e.team})` : e.by}</td>
                    <td>{e.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {debrief.teams.length > 0 && (
          <div>
            <h4>{t('teams')}</h4>
            <table data-testid="debrief-teams">
              <thead>
                <tr>
                  <th>{t('team')}</th>
                  <th>{t('members')}</th>
                  <th>{t('actions')}</th>
                  <th>{t('goodUnits')}</th>
                  <th>{t('downHours')}</th>
                  <th>{inCurrency(t('scrapCost'), currency)}</th>
                </tr>
              </thead>
              <tbody>
                {debrief.teams.map((team) => (
                  <tr key={team.team}>
                    <td style={{ color: colour(team.team) }}>{team.team}</td>
                    <td>{team.members.join(', ')}</td>
                    <td>{team.actions}</td>
                    <td>{f.num(team.kpis.goodUnits, 0)}</td>
                    <td>{f.num(team.kpis.downHours, 1)}</td>
                    <td>{f.num(team.kpis.scrapCost, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
