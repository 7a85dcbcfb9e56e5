import { useCallback } from 'react';
import { KPI_FIELDS } from '../../../server/protocol/messages.ts';
import { labelOf } from '../i18n/format.ts';
import { live } from '../state/live-frame.ts';
import { kpiView, yieldFlow } from '../state/kpi-view.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat, useTicker } from './hooks.ts';
import { UPlotChart } from './UPlotChart.tsx';
import { YieldSankey } from './YieldSankey.tsx';

const col = (name: (typeof KPI_FIELDS)[number]) => KPI_FIELDS.indexOf(name);

function Tile({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="tile" title={hint}>
      <div className="tile-value">{value}</div>
      <div className="tile-label">{label}</div>
    </div>
  );
}

/** Sim time of day as hh:mm: the charts hold minutes to hours, where "30 d" on every tick says nothing. */
function clockTick(t: number): string {
  const s = Math.max(0, Math.floor(t)) % 86400;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}`;
}

/** The plant KPIs behind the headline (which shows output, yield and the bottleneck): OEE, WIP, lead time, trends and where yield is lost. */
export function KpiDashboard() {
  const f = useFormat();
  useTicker(500);
  const model = useUi((s) => s.model);
  const layout = useUi((s) => s.layout);
  const rateData = useCallback(() => [live.kpi[col('simTimeS')], live.kpi[col('unitsPerHour')], live.kpi[col('wip')]], []);
  const utilData = useCallback(() => [live.kpi[col('simTimeS')], live.kpi[col('utilization')].map((u) => u * 100)], []);
  if (!model || !layout) return null;
  const k = kpiView(model, live);
  const pk = k.plant;
  const areaLabel = (id: string) => labelOf(model.areas.find((a) => a.id === id) ?? { id }, f.locale);
  const wipAreas = pk?.wipByArea ? Object.entries(pk.wipByArea.cellEquivalents).filter(([, v]) => v > 0) : [];
  return (
    <section className="panel kpis">
      <h3>{f.t('kpis')}</h3>
      <div className="tiles">
        <Tile label={f.t('oeeBottleneck')} value={f.pct(k.bottleneck?.oee, 1)} />
        <Tile label={f.t('wipCells')} value={f.num(k.wipCells, 0)} hint={`${f.t('wip')}: ${f.num(k.wip, 0)}`} />
        <Tile label={f.t('leadTimeMeanP95')} value={`${f.duration(pk?.leadTimeS.mean)} / ${f.duration(pk?.leadTimeS.p95)}`} />
      </div>
      {wipAreas.length > 0 && (
        <div className="muted wip-areas">
          {f.t('wipByArea')}: {wipAreas.map(([id, v]) => `${areaLabel(id)} ${f.num(v, 0)}`).join(' · ')}
        </div>
      )}
      {pk?.energy && pk.measuredS > 0 && (
        <div className="muted" data-testid="energy-now">
          {f.t('energyNow')}: {f.num((pk.energy.kwh * 86400) / pk.measuredS / 1000, 1)} {f.t('mwhPerDay')}
          {pk.energy.kwhPerKwhCell !== null && ` · ${f.num(pk.energy.kwhPerKwhCell, 1)} ${f.t('kwhPerKwhCell')}`}
        </div>
      )}
      <UPlotChart
        series={[
          { label: f.t('chartThroughput'), color: '#4fb3ff' },
          { label: f.t('chartWip'), color: '#e8a23a', right: true },
        ]}
        data={rateData}
        xTick={clockTick}
      />
      <UPlotChart series={[{ label: `${f.t('chartUtil')}, %`, color: '#2fa84f' }]} data={utilData} height={100} xTick={clockTick} />
      <h4>{f.t('yieldLoss')}</h4>
      <YieldSankey data={yieldFlow(model, pk)} />
    </section>
  );
}
