import { ExportButtons } from '../capacity/ExportButtons.tsx';
import { tableToPng } from '../capacity/export.ts';
import { usePlannerText } from '../capacity/planner-strings.ts';
import { kpiHeading, rowForPath } from '../capacity/result-rows.ts';
import { useFormat } from '../ui/hooks.ts';
import { labelsOf } from '../i18n/format.ts';
import { useOptimizeText, type OptimizeKey } from './optimize-strings.ts';
import type { Estimate, OptimizeOutcome } from './optimize-store.ts';
import { ParetoChart } from './ParetoChart.tsx';
import { optimizationPartial, optimizationPartialHeadline } from '../experiments/partial-text.ts';
import { pilotRunsText } from '../experiments/progress-text.ts';
import { warningsOf } from '../i18n/warning-text.ts';
import { WarningsBox } from '../capacity/WarningsBox.tsx';

/** Three significant digits, grouped by the locale. */
const digitsFor = (v: number) => Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(Math.abs(v) || 1))));
/** The mean's digits, or up to three more when the half-width would round to 0 ("± 0" reads as certainty). */
const halfWidthDigits = (ci: number, base: number) => {
  for (let d = base; d < base + 3; d++) if (ci === 0 || Math.round(ci * 10 ** d) !== 0) return d;
  return base + 3;
};

/** An optimisation's answer: the best candidate, every simulated candidate with its replications, and the Pareto chart. */
export function OptimizeResults({ outcome }: { outcome: OptimizeOutcome }) {
  const f = useFormat();
  const t = useOptimizeText();
  const vars = Object.keys(outcome.candidates[0]?.values ?? outcome.best?.values ?? {});
  const kpis = Object.keys(outcome.candidates[0]?.kpis ?? {});
  const bestKey = outcome.best ? JSON.stringify(outcome.best.values) : null;
  // Best first, then feasible by objective, then the rest.
  const rank = { holds: 0, uncertain: 1, fails: 2 } as const;
  const rows = [...outcome.candidates].sort((a, b) => rank[a.status] - rank[b.status] || (a.objective ?? Infinity) - (b.objective ?? Infinity));
  const isBest = (values: Record<string, number>) => JSON.stringify(values) === bestKey;
  const n = (v: number | null | undefined) => (v == null ? '—' : f.num(v, digitsFor(v)));
  // KPI columns are named with their unit; money in the result's currency (¤ in a result stored before it was recorded).
  const pt = usePlannerText();
  // A sink is named by its label (results stored before they carried labels name it by id).
  const heading = (path: string) => kpiHeading(path, outcome.currency ?? null, pt, (row) => f.unit(row.unit, row.currency), labelsOf(outcome.sinkLabels, f.locale));
  const objectiveHeading = outcome.objective?.kpi ? `${t('objectiveValue')}: ${heading(outcome.objective.kpi)}` : t('objectiveValue');
  const objectiveRow = outcome.objective?.kpi ? rowForPath(outcome.objective.kpi, outcome.currency ?? null) : undefined;
  const objectiveText = (v: number | null) => (objectiveRow && v !== null ? f.measure(v, objectiveRow.unit, { currency: objectiveRow.currency }) : n(v));
  const csvUnit = (path: string) => {
    const row = rowForPath(path, outcome.currency ?? null);
    return row ? ` (${f.unit(row.unit, row.currency)})` : '';
  };
  // A stopped search: the table holds the candidates fully evaluated by then, and the best is the best of those.
  const partial = optimizationPartial(outcome);
  const est = (e: Estimate | null | undefined) => {
    if (e == null) return '—';
    if (e.ci95 == null) return n(e.mean);
    const digits = halfWidthDigits(e.ci95, digitsFor(e.mean));
    return `${f.num(e.mean, digits)} ± ${f.num(e.ci95, digits)}`;
  };

  const asText = (): string[][] => [
    [t('candidate'), ...vars, t('replicationsShort'), t('statusCol'), objectiveHeading, ...kpis.map(heading)],
    ...rows.map((c) => [`${isBest(c.values) ? '★ ' : ''}${c.id}`, ...vars.map((v) => n(c.values[v])), String(c.replications), t(c.status as OptimizeKey), n(c.objective), ...kpis.map((k) => est(c.kpis[k]))]),
  ];
  const csv = (): string[][] => [
    ['candidate', ...vars, 'replications', 'constraints', 'objective', ...kpis.flatMap((k) => [`${k}${csvUnit(k)}`, `${k} ±95%`]), 'best'],
    ...rows.map((c) => [String(c.id), ...vars.map((v) => String(c.values[v])), String(c.replications), c.status, c.objective == null ? '' : String(c.objective), ...kpis.flatMap((k) => [String(c.kpis[k]?.mean ?? ''), String(c.kpis[k]?.ci95 ?? '')]), isBest(c.values) ? 'yes' : 'no']),
  ];

  return (
    <div className="result-table" data-testid="optimize-results">
      <h4>
        {outcome.name} <small className="muted">{outcome.question}</small>
      </h4>
      {partial && (
        <p className="planner-warning" role="status" data-testid="optimize-partial">
          {optimizationPartialHeadline(f.locale, partial)}
        </p>
      )}
      <WarningsBox warnings={warningsOf(outcome)} testId="optimize-warnings" nameOf={candidateName} />
      <p className="muted small">
        {t('method')}: {t(outcome.method)} · {outcome.evaluated} {t('evaluatedOf')} {outcome.gridSize} · {outcome.runs} {t('runs')}{outcome.pilotRuns ? ` · ${pilotRunsText(f.locale, outcome.pilotRuns)}` : ''} · {t('wallTime')} {f.duration(outcome.engine.wallSeconds)}
      </p>
      {outcome.best ? (
        <p data-testid="optimize-best">
          <strong>★ {t('best')}:</strong> {vars.map((v) => `${v} = ${n(outcome.best!.values[v])}`).join(', ')} — {t('objectiveValue')} {objectiveText(outcome.best.objective)} (n = {outcome.best.replications})
        </p>
      ) : partial && outcome.evaluated === 0 ? null : (
        <p className="planner-warning" role="alert" data-testid="optimize-best">
          {t('noFeasible')}
        </p>
      )}
      <ParetoChart outcome={outcome} />
      <div className="table-tools">
        <ExportButtons name="optimization-candidates" csv={csv} png={() => tableToPng(asText(), outcome.name)} />
      </div>
      <div className="table-scroll">
        <table data-testid="optimize-table">
          <thead>
            <tr>
              <th>{t('candidate')}</th>
              {vars.map((v) => (
                <th key={v}>{v}</th>
              ))}
              <th title={t('replications')}>{t('replicationsShort')}</th>
              <th>{t('statusCol')}</th>
              <th>{objectiveHeading}</th>
              {kpis.map((k) => (
                <th key={k} title={k}>
                  {heading(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className={isBest(c.values) ? 'best' : undefined}>
                <td>
                  {isBest(c.values) ? '★ ' : ''}
                  {c.id}
                </td>
                {vars.map((v) => (
                  <td key={v}>{n(c.values[v])}</td>
                ))}
                <td>{c.replications}</td>
                <td className={`status-${c.status}`}>{t(c.status as OptimizeKey)}</td>
                <td>{n(c.objective)}</td>
                {kpis.map((k) => (
                  <td key={k}>{est(c.kpis[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small footnote">{t('bestLegend')}</p>
    </div>
  );
}

/** A warning's candidate, sent as its variables in JSON ({"formation.servers":3}), as the table names them: formation.servers = 3. */
function candidateName(of: string): string {
  try {
    const values = JSON.parse(of) as unknown;
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return of;
    return Object.entries(values).map(([path, v]) => `${path} = ${String(v)}`).join(', ');
  } catch {
    return of;
  }
}
