import { useCallback, useEffect } from 'react';
import { labelOf, nameOf } from '../i18n/format.ts';
import type { CatalogEntry } from '../net/catalog.ts';
import { useFormat } from '../ui/hooks.ts';
import { useCatalog } from '../ui/useCatalog.ts';
import { ModelSelect } from '../ui/ModelSelect.tsx';
import { LayoutCompare } from '../edit/LayoutCompare.tsx';
import { useCapacity } from './capacity-store.ts';
import { ComparisonChart } from './ComparisonChart.tsx';
import { EnergySankey } from './EnergySankey.tsx';
import { ComparisonTable } from './ComparisonTable.tsx';
import { usePlannerText } from './planner-strings.ts';
import { comparisonLines, rowTitle } from './result-rows.ts';
import { runHeading } from './run-headings.ts';
import { capacityHash, showRoute } from './run-link.ts';
import { RunHistory } from './RunHistory.tsx';
import './planner.css';

/** Capacity scenarios: run replications of a model under several scenarios on the server and compare them. */
export function CapacityPage() {
  const f = useFormat();
  const t = usePlannerText();
  const { models, scenarios, loaded } = useCatalog();
  const s = useCapacity();
  const chosenModel = s.model || models[0]?.id || '';
  const fitting = scenarios.filter((x) => !x.model || x.model === chosenModel);
  // A scenario is named in the page's language (its nameRu on the Russian page), else by its id when the catalog does not have it.
  const scenarioLabel = useCallback((id: string | null) => runHeading({ scenario: id, label: id ?? '' }, scenarios, f.locale, f.t('baseModel')) ?? '', [scenarios, f]);
  const labels = useCapacity((st) => st.labels);
  const runIds = s.runs.flatMap((r) => (r.runId ? [r.runId] : []));
  // The address bar names the runs shown, so the page reopens by link.
  useEffect(() => showRoute(capacityHash(runIds)), [runIds.join(',')]);

  const toggle = (id: string) => s.set({ picked: s.picked.includes(id) ? s.picked.filter((x) => x !== id) : [...s.picked, id] });
  const pickModel = (id: string) => s.set({ model: id, picked: [''] });
  const valid = chosenModel !== '' && s.picked.length > 0 && s.horizonDays > (s.warmupDays ?? 0) && s.replications >= 2;
  // Headings follow the catalog and the language, also for runs opened by link (which know only the scenario id);
  // until the scenario list has arrived the comparison waits, rather than show ids that names replace.
  const headed = s.runs.map((r) => ({ ...r, label: runHeading(r, loaded ? scenarios : null, f.locale, f.t('baseModel')) }));
  const named = headed.every((r) => r.label !== null);
  const runs = named ? headed.map((r) => ({ ...r, label: r.label! })) : [];
  const lines = comparisonLines(runs);
  const chartLine = lines.find((l) => l.row.path === s.metricPath) ?? lines[0];
  const rowName = (path: string) => {
    const l = lines.find((x) => x.row.path === path);
    return l ? rowTitle(l.row, t, (id) => labelOf({ id, ...labels[runs[0]?.model ?? '']?.[id] }, f.locale)) : path;
  };

  return (
    <main className="capacity">
      <div className="panel">
        <h3>{f.t('capacity')}</h3>
        <label className="row">
          {f.t('model')}
          <ModelSelect models={models} value={chosenModel} onChange={pickModel} />
        </label>
        <h4>{f.t('scenarios')}</h4>
        <div className="checks">
          {[{ id: '', name: f.t('baseModel') } as CatalogEntry, ...fitting].map((x) => (
            <label key={x.id} title={(f.locale === 'ru' && x.questionRu) || x.question}>
              <input type="checkbox" checked={s.picked.includes(x.id)} onChange={() => toggle(x.id)} /> {nameOf(x, f.locale)}
            </label>
          ))}
        </div>
        <label className="row">
          {f.t('horizonDays')}
          <input type="number" min={1} value={s.horizonDays} onChange={(e) => s.set({ horizonDays: Number(e.target.value) })} />
        </label>
        <label className="row">
          {f.t('warmupDays')}
          <input type="number" min={0} placeholder="auto" value={s.warmupDays ?? ''} onChange={(e) => s.set({ warmupDays: e.target.value === '' ? null : Number(e.target.value) })} />
        </label>
        <label className="row">
          {f.t('replications')}
          <input type="number" min={2} max={100} value={s.replications} onChange={(e) => s.set({ replications: Number(e.target.value) })} />
        </label>
        <button disabled={!valid || s.busy !== null} onClick={() => void s.runPicked(chosenModel, scenarioLabel)} data-testid="capacity-run">
          {s.busy ? `${f.t('running')} ${s.busy}` : f.t('run')}
        </button>
        <h4>{f.t('history')}</h4>
        <RunHistory nonce={s.historyNonce} onPick={(id) => void s.openRuns([id], scenarioLabel)} labelOf={scenarioLabel} />
      </div>
      <div className="panel">
        <div className="panel-head">
          <h3>{f.t('comparison')}</h3>
          {s.runs.length > 0 && (
            <span className="row">
              <a href={capacityHash(runIds)} title={t('link')} data-testid="run-link">
                {t('link')}
              </a>
              <button onClick={s.clearRuns}>{t('clearRuns')}</button>
            </span>
          )}
        </div>
        {runs.length > 0 && lines.length > 0 && (
          <select value={chartLine?.row.path ?? ''} onChange={(e) => s.set({ metricPath: e.target.value })} aria-label={f.t('comparison')}>
            {lines.map((l) => (
              <option key={l.row.path} value={l.row.path}>
                {rowName(l.row.path)}
              </option>
            ))}
          </select>
        )}
        {s.runs.length === 0 ? (
          <p className="muted">{s.busy ? `${f.t('running')} ${s.busy}` : f.t('noData')}</p>
        ) : runs.length === 0 ? (
          <p className="muted" data-testid="comparison-waiting">{f.t('loading')}</p>
        ) : (
          <ComparisonChart runs={runs} line={chartLine} name={rowName(chartLine?.row.path ?? '')} />
        )}
        {runs.length > 0 && <ComparisonTable runs={runs} />}
        {runs.length > 0 && <EnergySankey metrics={runs[0].metrics} modelId={runs[0].model} title={runs[0].label} />}
      </div>
      {chosenModel && <LayoutCompare model={chosenModel} />}
    </main>
  );
}
