import { useCallback } from 'react';
import { KPI_FIELDS, SERVER_STATES } from '../../../server/protocol/messages.ts';
import { labelOf } from '../i18n/format.ts';
import { command } from '../net/connection.ts';
import { live, stateShares } from '../state/live-frame.ts';
import { distributionMean } from '../../../server/protocol/distribution-mean.ts';
import { canControl, useUi } from '../state/ui-store.ts';
import { STATE_COLORS } from '../scene/palette.ts';
import { useFormat, useTicker } from './hooks.ts';
import { ratePerHour } from './node-rates.ts';
import { ParamEditor } from './ParamEditor.tsx';
import { useInspectText } from './inspect-strings.ts';
import { UPlotChart } from './UPlotChart.tsx';
import { isMachineLike } from '../../../server/protocol/node-kinds.ts';

const T = KPI_FIELDS.indexOf('simTimeS');

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** Everything about the clicked node: parameters, live state, state shares, a chart; edits for controllers. */
export function InspectPanel({ nodeId }: { nodeId: string }) {
  const f = useFormat();
  const it = useInspectText();
  useTicker(500);
  const model = useUi((s) => s.model);
  const info = useUi((s) => s.nodeInfo);
  const allowed = useUi(canControl);
  const injected = useUi((s) => s.breakdowns[nodeId] ?? 0);
  const index = model?.nodes.findIndex((n) => n.id === nodeId) ?? -1;
  const chartData = useCallback(() => {
    const t = live.kpi[T] ?? [];
    const ct = live.nodeCt[index] ?? [];
    const lv = live.nodeLv[index] ?? [];
    const n = Math.min(t.length, ct.length, lv.length);
    const times = t.slice(t.length - n);
    return [times, ratePerHour(times, ct.slice(ct.length - n)), lv.slice(lv.length - n)];
  }, [index]);
  if (!model || index < 0) return null;
  const node = model.nodes[index];
  const ni = info[index];
  const area = model.areas.find((a) => a.id === node.area);
  const isStation = isMachineLike(node);
  const shares = stateShares(live, index);
  const code = live.st[index] ?? -1;
  const rates = chartData()[1];
  // The model copy follows live edits (the server's param broadcast); NodeInfo is from the last snapshot.
  const own = (node as { capacity?: number | null }).capacity;
  const capacity = own !== undefined ? own : (ni?.capacity ?? null);
  const done = live.ct[index];
  // The server counts a batch station's completions in parts; a planner thinks in batches (racks, oven loads).
  const completedText =
    node.type === 'batch' && done !== undefined
      ? `${f.num(done, 0)} ${it('parts')} ≈ ${f.num(Math.floor(done / node.batch.size), 0)} ${it('batches')} (${it('approxBatches')} ${f.num(node.batch.size, 0)})`
      : `${f.num(done, 0)} ${it('parts')}${'qty' in node && typeof node.qty === 'number' && node.qty > 1 ? ` (${f.num(node.qty, 0)} ${it('unitsEach')})` : ''}`;

  return (
    <section className="panel inspect">
      <div className="panel-head">
        <h3>{labelOf(node, f.locale)}</h3>
        <button onClick={() => useUi.getState().select(null)} aria-label={f.t('close')}>
          ✕
        </button>
      </div>
      <dl className="facts">
        <Fact label={f.t('type')} value={f.t(`type_${node.type}`)} />
        {area && <Fact label={f.t('area')} value={labelOf(area, f.locale)} />}
        {isStation && <Fact label={it('servers')} value={f.num(node.servers, 0)} />}
        {'cycle' in node && <Fact label={f.t('cycleMean')} value={f.duration(distributionMean(node.cycle))} />}
        {'nominalCycleS' in node && node.nominalCycleS !== undefined && <Fact label={f.t('nominalCycle')} value={f.duration(node.nominalCycleS)} />}
        {'yield' in node && typeof node.yield === 'number' && <Fact label={f.t('yieldLabel')} value={f.pct(node.yield, 1)} />}
        {node.type === 'batch' && <Fact label={f.t('batchSize')} value={`${f.num(node.batch.size, 0)} ${it('parts')}`} />}
        {(node.type === 'buffer' || node.type === 'delay' || node.type === 'conveyor') && (
          <Fact label={it('levelOfCapacity')} value={`${f.num(live.lv[index], 0)} / ${capacity == null ? it('unbounded') : f.num(capacity, 0)} ${it('parts')}`} />
        )}
        {node.type === 'vehicles' && <Fact label={it('vehiclesBusy')} value={`${f.num(live.ws[index], 0)} / ${f.num(node.count, 0)}`} />}
        {node.type === 'vehicles' && <Fact label={it('loadOnFleet')} value={`${f.num(live.lv[index], 0)} ${it('parts')}`} />}
        {isStation && <Fact label={it('serversWorking')} value={`${f.num(live.ws[index], 0)} / ${f.num(ni?.servers, 0)}`} />}
        {isStation && <Fact label={f.t('utilization')} value={f.pct((live.ut[index] ?? 0) / 1000, 1)} />}
        <Fact label={node.type === 'vehicles' ? it('delivered') : it('completedParts')} value={completedText} />
        <Fact label={f.t('throughput')} value={`${f.num(rates[rates.length - 1], 1)} ${it('parts')} ${f.t('perHour')}`} />
        {isStation && <Fact label={it('scrappedUnits')} value={`${f.num(live.sc[index], 0)} ${it('units')}`} />}
      </dl>
      {isStation && (
        <>
          <h4>
            {f.t('stateShares')} <small className="muted">({f.t('stateSharesNote')})</small>
          </h4>
          <div className="share-bar" aria-label={f.t('stateShares')}>
            {SERVER_STATES.map((s, i) =>
              shares[i] > 0 ? <span key={s} style={{ width: `${shares[i] * 100}%`, background: STATE_COLORS[s] }} title={`${f.t(`state_${s}`)} ${f.pct(shares[i], 1)}`} /> : null,
            )}
          </div>
          <ul className="share-list">
            {SERVER_STATES.map((s, i) => (
              <li key={s} className={code === i ? 'now' : ''}>
                <span className="swatch" style={{ background: STATE_COLORS[s] }} /> {f.t(`state_${s}`)} {f.pct(shares[i], 1)}
              </li>
            ))}
          </ul>
        </>
      )}
      <UPlotChart
        key={nodeId}
        series={[
          { label: f.t('chartNodeRate'), color: '#4fb3ff' },
          { label: f.t('chartNodeLevel'), color: '#e8a23a', right: true },
        ]}
        data={chartData}
        height={110}
      />
      <h4>{f.t('parameters')}</h4>
      <ParamEditor node={node} readOnly={!allowed} />
      {isStation && allowed && (
        <div className="row">
          <button className="danger" onClick={() => command({ type: 'injectBreakdown', nodeId })}>
            {f.t('injectBreakdown')}
          </button>
          {injected > 0 && <button onClick={() => command({ type: 'clearBreakdown', nodeId })}>{f.t('clearBreakdown')}</button>}
        </div>
      )}
      {isStation && <p className="muted small">{it('liveServersNote')}</p>}
      {!allowed && <p className="muted small">{f.t('readOnlyHint')}</p>}
    </section>
  );
}
