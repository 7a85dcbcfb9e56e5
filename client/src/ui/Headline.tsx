import { useCallback } from 'react';
import { labelOf } from '../i18n/format.ts';
import type { StringKey } from '../i18n/strings.ts';
import { live } from '../state/live-frame.ts';
import { headlineOf } from '../state/headline.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat, useTicker } from './hooks.ts';
import { UPlotChart } from './UPlotChart.tsx';

/** Days of daily output the trend shows: recent enough to read at a glance, long enough to see a dip. */
const TREND_DAYS = 10;

function Figure({ value, label, note, testId }: { value: string; label: string; note?: string; testId: string }) {
  return (
    <div className="hl-figure" data-testid={testId}>
      <div className="hl-value">{value}</div>
      <div className="hl-label">{label}</div>
      {note && <div className="hl-note">{note}</div>}
    </div>
  );
}

/**
 * The strip an executive reads in five seconds: energy per year and cells per day at
 * the last week's pace, yield, the bottleneck and why, and the daily output trend.
 * Every number is the server's (Frame.pk); nothing is estimated here.
 */
export function Headline() {
  const f = useFormat();
  useTicker(1000);
  const model = useUi((s) => s.model);
  const h = headlineOf(live.plantKpis);
  const trend = useCallback(() => {
    const daily = headlineOf(live.plantKpis).daily.slice(-TREND_DAYS);
    return [daily.map((d) => (d.day + 0.5) * 86400), daily.map((d) => d.cells)];
  }, []);
  if (!model) return null;
  const node = h.bottleneck ? model.nodes.find((n) => n.id === h.bottleneck!.id) : undefined;
  const whyKey = `why_${h.bottleneck?.measure ?? 'busy'}` as StringKey;
  const why = f.t(whyKey) ?? h.bottleneck?.measure ?? '';
  const pace = h.windowDays === null ? undefined : `${f.t('hlPaceOf')} ${f.count(Math.round(h.windowDays * 10) / 10, 'days', 1)}`;
  return (
    <section className="headline" aria-label={f.t('headline')} data-testid="headline">
      <Figure testId="hl-gwh" value={f.num(h.gwhPerYear, 2)} label={f.t('hlGwh')} note={pace} />
      <Figure testId="hl-cells" value={f.num(h.cellsPerDay, 0)} label={f.t('hlCells')} note={f.t('hlCellsNote')} />
      <Figure testId="hl-yield" value={f.pct(h.yield, 1)} label={f.t('hlYield')} note={f.t('hlYieldNote')} />
      <div className="hl-figure hl-bottleneck" data-testid="hl-bottleneck">
        <div className="hl-value">
          {node ? (
            <button className="link" onClick={() => useUi.getState().select(node.id)} title={live.plantKpis?.bottleneck?.method}>
              {labelOf(node, f.locale)}
            </button>
          ) : (
            '—'
          )}
        </div>
        <div className="hl-label">{f.t('hlBottleneck')}</div>
        {h.bottleneck && (
          <div className="hl-note">
            {why} {f.pct(h.bottleneck.share, 0)}
          </div>
        )}
      </div>
      <div className="hl-trend">
        <div className="hl-label">{f.t('hlTrend')}</div>
        <UPlotChart series={[{ label: f.t('hlTrend'), color: '#4fb3ff' }]} data={trend} height={78} refreshMs={5000} bars legend={false} xTick={(t) => `${f.t("unitD")} ${f.num(Math.floor(t / 86400), 0)}`} />
      </div>
    </section>
  );
}
