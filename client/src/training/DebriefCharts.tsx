import { CURVE_COLUMNS, DEBRIEF_RUNS, type Debrief } from '../../../server/protocol/training-messages.ts';
import { UPlotChart, type ChartMark, type ChartSeries } from '../ui/UPlotChart.tsx';
import { useDebriefText, type DebriefKey } from './debrief-strings.ts';

/** Colours of the three runs, in the order of DEBRIEF_RUNS (the trainees' run stands out). */
export const RUN_COLOURS: Record<(typeof DEBRIEF_RUNS)[number], string> = { session: '#4ea3ff', reference: '#3ecf8e', noActions: '#b0b7bf' };

/** The three quantities charted over time: output, downtime, scrap cost. */
const CHARTS: { column: keyof typeof CURVE_COLUMNS; title: DebriefKey; axis: DebriefKey }[] = [
  { column: 'output', title: 'output', axis: 'outputAxis' },
  { column: 'downHours', title: 'downtime', axis: 'downAxis' },
  { column: 'scrapCost', title: 'scrapCost', axis: 'scrapAxis' },
];

/**
 * Output, downtime and scrap cost over simulated time for the trainees' run, the
 * reference actions and no action; each decision a numbered dashed line (the
 * numbers are the rows of the decisions table).
 */
export function DebriefCharts({ debrief, marks, currency }: { debrief: Debrief; marks: ChartMark[]; currency: string | null }) {
  const t = useDebriefText();
  // The trainees' run is drawn first and wider, so where it equals another run (the trainees did
  // what the reference does) its colour still shows beside that run's line.
  const series: ChartSeries[] = DEBRIEF_RUNS.map((run) => ({ label: t(run), color: RUN_COLOURS[run], width: run === 'session' ? 4 : 1.5 }));
  // Every run is sampled at the same times (the debrief's fixed grid), so one x column serves all.
  const x = debrief.curves.session.map((p) => p[0]);
  return (
    <div className="debrief-charts">
      {CHARTS.map(({ column, title, axis }) => {
        const col = CURVE_COLUMNS[column];
        const data = () => [x, ...DEBRIEF_RUNS.map((run) => debrief.curves[run].map((p) => p[col]))];
        return (
          <figure key={column} className="debrief-chart" data-testid={`debrief-chart-${column}`}>
            <figcaption>{t(title)}</figcaption>
            <UPlotChart series={series} data={data} height={220} refreshMs={0} marks={marks} xLabel={t('timeAxis')} yLabel={column === 'scrapCost' ? inCurrency(t(axis), currency) : t(axis)} />
          </figure>
        );
      })}
    </div>
  );
}

/** A money label with its currency ("scrap cost, ₽"); without a known currency, the label alone. */
export function inCurrency(label: string, currency: string | null): string {
  return currency === null ? label : `${label}, ${currency}`;
}
