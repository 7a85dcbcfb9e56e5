import { useFormat } from '../ui/hooks.ts';
import { usePlannerText } from './planner-strings.ts';
import type { RunEntry } from './run-results.ts';

/** Per run: replications, seed, the warm-up and how it was chosen, and the server's warnings, shown, not hidden. */
export function RunNotes({ runs }: { runs: RunEntry[] }) {
  const f = useFormat();
  const t = usePlannerText();
  return (
    <ul className="run-notes" data-testid="run-notes">
      {runs.map((r) => (
        <li key={r.key}>
          <strong>{r.label}</strong>: {r.replications} {t('replicationsShort')}
          {r.seed !== null && `, ${t('seed')} ${r.seed}`}
          {r.warmupS !== null && `, ${t('warmup').toLowerCase()} ${f.measure(r.warmupS, 'days')} (${r.warmupMethod ? (/mser/i.test(r.warmupMethod) ? t('warmupAuto') : r.warmupMethod) : t('warmupFixed')})`}
          {r.error && <div className="field-error">{r.error}</div>}
          {r.warnings.length > 0 && (
            <div className="run-warnings" role="alert" data-testid="run-warnings">
              ⚠ {t('warnings')}:
              <ul>
                {r.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
