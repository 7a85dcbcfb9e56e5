import { useEffect, useState } from 'react';
import { getJson } from '../net/api.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from '../ui/hooks.ts';
import { boundOf, flattenMetrics, resultOf, withDerived, type RunEntry } from './run-results.ts';

interface RunSummary {
  id: string;
  kind?: string;
  model: string;
  scenario: string | null;
  status?: string;
  startedAt?: string;
  params?: Record<string, unknown>;
}

function toSummaries(body: unknown): RunSummary[] {
  const list = Array.isArray(body) ? body : ((body as { runs?: unknown } | null)?.runs ?? []);
  return Array.isArray(list) ? (list as RunSummary[]).filter((r) => typeof r?.id === 'string') : [];
}

/** Batch runs stored on the server; picking one adds it to the comparison. */
export function RunHistory({ nonce, onPick }: { nonce: number; onPick: (run: RunEntry) => void }) {
  const f = useFormat();
  const [runs, setRuns] = useState<RunSummary[]>([]);
  useEffect(() => {
    getJson<unknown>('/api/runs')
      .then((body) => setRuns(toSummaries(body).filter((r) => r.kind !== 'session')))
      .catch((err: Error) => useUi.getState().pushError(`${f.t('history')}: ${err.message}`));
  }, [nonce, f]);

  const pick = async (r: RunSummary) => {
    try {
      const body = await getJson<unknown>(`/api/runs/${encodeURIComponent(r.id)}`);
      const q = new URLSearchParams({ model: r.model, ...(r.scenario ? { scenario: r.scenario } : {}) });
      const bound = await getJson<unknown>(`/api/capacity?${q}`).then(boundOf, () => null);
      onPick({ key: r.id, label: `${r.scenario ?? f.t('baseModel')} · ${r.id.slice(0, 6)}`, model: r.model, scenario: r.scenario, metrics: withDerived(flattenMetrics(resultOf(body))), bound });
    } catch (err) {
      useUi.getState().pushError((err as Error).message);
    }
  };

  if (runs.length === 0) return <p className="muted">{f.t('noData')}</p>;
  return (
    <ul className="runs-list">
      {runs.slice(0, 30).map((r) => (
        <li key={r.id}>
          <button onClick={() => pick(r)} title={r.status}>
            {r.model}
            {r.scenario ? ` + ${r.scenario}` : ''} · {r.startedAt ? new Date(r.startedAt).toLocaleString(f.locale === 'ru' ? 'ru-RU' : 'en-GB') : r.id}
          </button>
        </li>
      ))}
    </ul>
  );
}
