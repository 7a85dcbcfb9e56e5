import { useCallback, useEffect, useState } from 'react';
import type { RunRequest } from '../../../server/protocol/messages.ts';
import { getJson, postJson } from '../net/api.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from '../ui/hooks.ts';
import { useCatalog } from '../ui/useCatalog.ts';
import { ComparisonChart } from './ComparisonChart.tsx';
import { ComparisonTable } from './ComparisonTable.tsx';
import { boundOf, flattenMetrics, headlineMetrics, primaryMetric, resultOf, withDerived, type RunEntry } from './run-results.ts';
import { RunHistory } from './RunHistory.tsx';
import { LayoutCompare } from '../edit/LayoutCompare.tsx';
import { ModelSelect } from '../ui/ModelSelect.tsx';

const DAY = 86400;

async function fetchBound(model: string, scenario: string | null): Promise<RunEntry['bound']> {
  const q = new URLSearchParams({ model, ...(scenario ? { scenario } : {}) });
  return boundOf(await getJson<unknown>(`/api/capacity?${q}`));
}

/** Capacity scenarios: run replications of a model under several scenarios on the server and compare them. */
export function CapacityPage() {
  const f = useFormat();
  const { models, scenarios } = useCatalog();
  const [model, setModel] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set(['']));
  const [horizonDays, setHorizonDays] = useState(60);
  // null: no warm-up given, so the server finds one (MSER-5, warmupS "auto").
  const [warmupDays, setWarmupDays] = useState<number | null>(null);
  const [replications, setReplications] = useState(3);
  const [runs, setRuns] = useState<RunEntry[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [historyNonce, setHistoryNonce] = useState(0);
  const [metricPath, setMetricPath] = useState('');
  const chosenModel = model || models[0]?.id || '';
  const fitting = scenarios.filter((s) => !s.model || s.model === chosenModel);
  useEffect(() => setPicked(new Set([''])), [chosenModel]);

  const toggle = (id: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // One scenario at a time: replications already use the server's cores.
  const runAll = async () => {
    const out: RunEntry[] = [];
    for (const id of picked) {
      const scenario = id || null;
      const label = scenario ? (fitting.find((s) => s.id === id)?.name ?? id) : f.t('baseModel');
      setBusy(label);
      const entry: RunEntry = { key: `${Date.now()}-${id}`, label, model: chosenModel, scenario, metrics: [], bound: null };
      try {
        const request: RunRequest = {
          model: chosenModel,
          ...(scenario ? { scenario } : {}),
          horizonS: horizonDays * DAY,
          warmupS: warmupDays === null ? 'auto' : warmupDays * DAY,
          replications,
          wait: true,
        };
        entry.metrics = withDerived(flattenMetrics(resultOf(await postJson<unknown>('/api/runs', request))));
      } catch (err) {
        entry.error = (err as Error).message;
        useUi.getState().pushError(`${label}: ${(err as Error).message}`, (err as { problems?: string[] }).problems);
      }
      entry.bound = await fetchBound(chosenModel, scenario).catch((err: Error) => {
        useUi.getState().pushError(`${f.t('staticBound')}: ${err.message}`);
        return null;
      });
      out.push(entry);
      setRuns((r) => [...r.filter((x) => x.model === chosenModel), entry]);
    }
    setBusy(null);
    setHistoryNonce((n) => n + 1);
  };

  const addFromHistory = useCallback((entry: RunEntry) => setRuns((r) => [...r.filter((x) => x.key !== entry.key), entry]), []);
  const valid = chosenModel !== '' && picked.size > 0 && horizonDays > (warmupDays ?? 0) && replications >= 2;

  return (
    <main className="capacity">
      <div className="panel">
        <h3>{f.t('capacity')}</h3>
        <label className="row">
          {f.t('model')}
          <ModelSelect models={models} value={chosenModel} onChange={setModel} />
        </label>
        <h4>{f.t('scenarios')}</h4>
        <div className="checks">
          {[{ id: '', name: f.t('baseModel'), question: undefined as string | undefined }, ...fitting].map((s) => (
            <label key={s.id} title={s.question}>
              <input type="checkbox" checked={picked.has(s.id)} onChange={() => toggle(s.id)} /> {s.name}
            </label>
          ))}
        </div>
        <label className="row">
          {f.t('horizonDays')}
          <input type="number" min={1} value={horizonDays} onChange={(e) => setHorizonDays(Number(e.target.value))} />
        </label>
        <label className="row">
          {f.t('warmupDays')}
          <input type="number" min={0} placeholder="auto" value={warmupDays ?? ''} onChange={(e) => setWarmupDays(e.target.value === '' ? null : Number(e.target.value))} />
        </label>
        <label className="row">
          {f.t('replications')}
          <input type="number" min={2} max={100} value={replications} onChange={(e) => setReplications(Number(e.target.value))} />
        </label>
        <button disabled={!valid || busy !== null} onClick={runAll}>
          {busy ? `${f.t('running')} ${busy}` : f.t('run')}
        </button>
        <h4>{f.t('history')}</h4>
        <RunHistory nonce={historyNonce} onPick={addFromHistory} />
      </div>
      <div className="panel">
        <h3>{f.t('comparison')}</h3>
        {runs.length > 0 && (
          <select value={metricPath} onChange={(e) => setMetricPath(e.target.value)} aria-label={f.t('comparison')}>
            <option value="">{primaryMetric(runs[0].metrics)?.path ?? '—'}</option>
            {[...new Set(runs.flatMap((r) => headlineMetrics(r.metrics).map((m) => m.path)))].map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        )}
        {runs.length === 0 ? <p className="muted">{f.t('noData')}</p> : <ComparisonChart runs={runs} path={metricPath || undefined} />}
        {runs.length > 0 && <ComparisonTable runs={runs} />}
      </div>
      {chosenModel && <LayoutCompare model={chosenModel} />}
    </main>
  );
}
