import { useEffect, useState } from 'react';
import { getJson } from '../net/api.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from '../ui/hooks.ts';

interface RunSummary {
  id: string;
  kind?: string;
  model: string;
  scenario: string | null;
  status?: string;
  startedAt?: string;
}

function toSummaries(body: unknown): RunSummary[] {
  const list = Array.isArray(body) ? body : ((body as { runs?: unknown } | null)?.runs ?? []);
  return Array.isArray(list) ? (list as RunSummary[]).filter((r) => typeof r?.id === 'string') : [];
}

/** Batch runs stored on the server; picking one adds it to the comparison. */
export function RunHistory({ nonce, onPick, labelOf }: { nonce: number; onPick: (runId: string) => void; labelOf: (scenario: string | null) => string }) {
  const f = useFormat();
  const [runs, setRuns] = useState<RunSummary[]>([]);
  useEffect(() => {
    getJson<unknown>('/api/runs?kind=batch')
      .then((body) => setRuns(toSummaries(body).filter((r) => r.status !== 'running')))
      .catch((err: Error) => useUi.getState().pushError(`${f.t('history')}: ${err.message}`));
  }, [nonce, f]);

  if (runs.length === 0) return <p className="muted">{f.t('noData')}</p>;
  return (
    <ul className="runs-list" data-testid="run-history">
      {runs.slice(0, 30).map((r) => (
        <li key={r.id}>
          <button onClick={() => onPick(r.id)} title={`${r.id} · ${r.status ?? ''}`}>
            {labelOf(r.scenario)} · {r.startedAt ? new Date(r.startedAt).toLocaleString(f.locale === 'ru' ? 'ru-RU' : 'en-GB') : r.id}
          </button>
        </li>
      ))}
    </ul>
  );
}
