import { useCallback } from 'react';
import { KPI_FIELDS } from '../../../server/protocol/messages.ts';
import { labelOf } from '../i18n/format.ts';
import { live } from '../state/live-frame.ts';
import { computeKpis, yieldFlow } from '../state/kpis.ts';
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

/** The executive view: headline KPIs, their trend and where yield is lost. */
export function KpiDashboard() {
  const f = useFormat();
  useTicker(500);
  const model = useUi((s) => s.model);
  const layout = useUi((s) => s.layout);
  const info = useUi((s) => s.nodeInfo);
  const rateData = useCallback(() => [live.kpi[col('simTimeS')], live.kpi[col('unitsPerHour')], live.kpi[col('wip')]], []);
  const utilData = useCallback(() => [live.kpi[col('simTimeS')], live.kpi[col('utilization')].map((u) => u * 100)], []);
  if (!model || !layout) return null;
  const k = computeKpis(model, info, live);
  const bottleneckNode = k.bottleneck ? model.nodes.find((n) => n.id === k.bottleneck!.id) : undefined;
  return (
    <section className="panel kpis">
      <h3>{f.t('kpis')}</h3>
      <div className="tiles">
        <Tile label={f.t('cellsPerDay')} value={f.num(k.cellsPerDay, 0)} />
        <Tile label={f.t('gwhPerYear')} value={f.num(k.gwhPerYear, 2)} />
        <Tile label={f.t('yieldTotal')} value={f.pct(k.yield, 1)} />
        <Tile label={f.t('oeeBottleneck')} value={f.pct(k.bottleneck?.oee, 1)} />
        <Tile label={f.t('wip')} value={f.num(k.wip, 0)} />
        <Tile label={f.t('leadTimeLittle')} value={f.duration(k.leadTimeS)} />
      </div>
      <div className="bottleneck">
        {f.t('bottleneck')}:{' '}
        {bottleneckNode ? (
          <button className="link" onClick={() => useUi.getState().select(bottleneckNode.id)}>
            {labelOf(bottleneckNode, f.locale)} · {f.pct(k.bottleneck!.utilization, 0)}
          </button>
        ) : (
          '—'
        )}
      </div>
      <UPlotChart
        series={[
          { label: f.t('chartThroughput'), color: '#4fb3ff' },
          { label: f.t('chartWip'), color: '#e8a23a', right: true },
        ]}
        data={rateData}
      />
      <UPlotChart series={[{ label: `${f.t('chartUtil')}, %`, color: '#2fa84f' }]} data={utilData} height={100} />
      <h4>{f.t('yieldLoss')}</h4>
      <YieldSankey data={yieldFlow(layout, model, live, k)} />
    </section>
  );
}
