import { useFormat } from '../ui/hooks.ts';
import { usePlannerText, type PlannerKey } from './planner-strings.ts';
import type { RunEntry } from './run-results.ts';
import { WarningsBox } from './WarningsBox.tsx';

/**
 * How a run's warm-up was chosen, in the page's language: the server writes `fixed` for a warm-up
 * as given (FIXED_WARMUP_METHOD in server/experiments/warmup.ts) and MSER-5's name when it chose
 * one; any other method is shown by its name.
 */
export function warmupMethodText(method: string | undefined, t: (key: PlannerKey) => string): string {
  if (method === undefined || method === 'fixed') return t('warmupFixed');
  return /mser/i.test(method) ? t('warmupAuto') : method;
}

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
          {r.warmupS !== null && `, ${t('warmup').toLowerCase()} ${f.measure(r.warmupS, 'days')} (${warmupMethodText(r.warmupMethod, t)})`}
          {r.error && <div className="field-error">{r.error}</div>}
          <WarningsBox warnings={r.warnings} testId="run-warnings" />
        </li>
      ))}
    </ul>
  );
}
