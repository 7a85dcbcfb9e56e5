import { useFormat } from '../ui/hooks.ts';
import { headlineMetrics, type RunEntry } from './run-results.ts';

/** Metrics down, runs across: mean ± 95 % CI half-width, and the static bound of each run. */
export function ComparisonTable({ runs }: { runs: RunEntry[] }) {
  const f = useFormat();
  const paths = [...new Set(runs.flatMap((r) => headlineMetrics(r.metrics).map((m) => m.path)))];
  const cell = (r: RunEntry, path: string) => {
    const m = r.metrics.find((x) => x.path === path);
    if (!m) return '—';
    return (
      <>
        {f.num(m.value, 2)}
        {m.ci !== null && <span className="ci"> ± {f.num(m.ci, 2)}</span>}
      </>
    );
  };
  return (
    <table>
      <thead>
        <tr>
          <th />
          {runs.map((r) => (
            <th key={r.key}>{r.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {paths.map((p) => (
          <tr key={p}>
            <td>{p}</td>
            {runs.map((r) => (
              <td key={r.key}>{cell(r, p)}</td>
            ))}
          </tr>
        ))}
        <tr>
          <td>{f.t('staticBound')}, {f.t('cellsPerDay')}</td>
          {runs.map((r) => (
            <td key={r.key}>{f.num(r.bound?.cellsPerDay, 0)}</td>
          ))}
        </tr>
        {runs.some((r) => r.bound?.gwhPerYear !== undefined) && (
          <tr>
            <td>{f.t('staticBound')}, {f.t('unitGwh')}{f.t('unitPerYear')}</td>
            {runs.map((r) => (
              <td key={r.key}>{f.num(r.bound?.gwhPerYear, 2)}</td>
            ))}
          </tr>
        )}
        <tr>
          <td>{f.t('bottleneckStatic')}</td>
          {runs.map((r) => (
            <td key={r.key}>{r.bound?.bottleneck ?? '—'}</td>
          ))}
        </tr>
        {runs.some((r) => r.error) && (
          <tr>
            <td>{f.t('errors')}</td>
            {runs.map((r) => (
              <td key={r.key} className="field-error">
                {r.error ?? ''}
              </td>
            ))}
          </tr>
        )}
      </tbody>
    </table>
  );
}
