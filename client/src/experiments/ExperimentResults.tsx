import { Fragment } from 'react';
import { differenceDigits, differenceUnit, inUnit } from '../i18n/units.ts';
import { useFormat } from '../ui/hooks.ts';
import { DiffCell, diffParts, diffText, valueText } from '../capacity/ComparisonTable.tsx';
import { ExportButtons } from '../capacity/ExportButtons.tsx';
import { tableToPng } from '../capacity/export.ts';
import { usePlannerText } from '../capacity/planner-strings.ts';
import { rowForPath, rowTitle, type ResultRow } from '../capacity/result-rows.ts';
import { labelsOf } from '../i18n/format.ts';
import { alternativeName, experimentLines, warmupVerdict, type ExperimentOutcome } from './experiment-result.ts';
import { warningsOf } from '../i18n/warning-text.ts';
import { WarningsBox } from '../capacity/WarningsBox.tsx';
import { experimentPartial, experimentPartialHeadline, missingIntervalNote, replicationsLine } from './partial-text.ts';

/** An experiment's answer: per alternative the mean and 95 % CI of each KPI, the paired difference to the base, the best alternative, and the warm-up check. */
export function ExperimentResults({ outcome }: { outcome: ExperimentOutcome }) {
  const f = useFormat();
  const t = usePlannerText();
  const lines = experimentLines(outcome);
  // Money KPIs are in the result's currency; a result stored before it was recorded names none (¤).
  const rows: ResultRow[] = outcome.kpis.map((k) => rowForPath(k, outcome.currency ?? null) ?? { path: k, key: 'kpi', unit: 'number' });
  // A sink is named by its label (results stored before they carried labels name it by id); an alternative by its name in the page's language.
  const sinkName = labelsOf(outcome.sinkLabels, f.locale);
  const kpiName = (r: ResultRow) => (r.key === 'kpi' ? r.path : rowTitle(r, t, sinkName));
  const alt = (name: string) => alternativeName(outcome, name, f.locale);
  const warm = warmupVerdict(outcome);
  const best = outcome.best;
  const bestRow = best ? rows[outcome.kpis.indexOf(best.kpi)] : undefined;
  // A stopped experiment: each alternative says how many of its replications finished, and why a value is missing.
  const partial = experimentPartial(outcome);
  const planned = (i: number, finished: number) => partial?.planned[i] ?? finished;
  const countText = (i: number, finished: number) => (partial ? `${finished} / ${planned(i, finished)}` : String(finished));
  const partialNote = (i: number, finished: number) => {
    if (!partial) return null;
    const note = missingIntervalNote(f.locale, finished);
    return `${replicationsLine(f.locale, partial.stoppedBy, finished, planned(i, finished))}${note ? `; ${note}` : ''}`;
  };

  const asText = (): string[][] => [
    [t('alternative'), 'n', ...rows.flatMap((r) => [`${kpiName(r)}, ${f.unit(r.unit, r.currency)}`, `Δ ${t('baseAlternative')}`])],
    ...lines.map((l, i) => [`${l.best ? '★ ' : ''}${alt(l.name)}${partial ? ` (${partialNote(i, l.replications)})` : ''}`, countText(i, l.replications), ...l.cells.flatMap((c, j) => [valueText(f, c.mean === null ? null : { path: c.kpi, value: c.mean, ci: c.ci }, rows[j]), i === 0 ? '' : diffText(f, c.diff, rows[j])])]),
  ];
  const csv = (): string[][] => {
    const n = (v: number | null | undefined, r: ResultRow, diffMean?: number) =>
      v == null ? '' : diffMean === undefined ? String(inUnit(v, r.unit)) : String(inUnit(v, differenceUnit(r.unit), differenceDigits(differenceUnit(r.unit), diffMean)));
    return [
      ['alternative', 'replications', ...rows.flatMap((r) => { const u = f.unit(r.unit, r.currency); return [`${r.path} (${u})`, `${r.path} ±95%`, `Δ ${r.path}`, `Δ ${r.path} lo95`, `Δ ${r.path} hi95`, `Δ ${r.path} significant`]; })],
      ...lines.map((l) => [l.name, String(l.replications), ...l.cells.flatMap((c, j) => [n(c.mean, rows[j]), n(c.ci, rows[j]), n(c.diff?.mean, rows[j], c.diff?.mean), n(c.diff?.lo, rows[j], c.diff?.mean), n(c.diff?.hi, rows[j], c.diff?.mean), c.diff ? (c.diff.significant ? 'yes' : 'no') : ''])]),
    ];
  };

  return (
    <div className="result-table" data-testid="experiment-results">
      <h4>
        {outcome.experiment} <small className="muted">{outcome.question}</small>
      </h4>
      {partial && (
        <p className="planner-warning" role="status" data-testid="partial-result">
          {experimentPartialHeadline(f.locale, partial)}
        </p>
      )}
      {warm && (
        <p className={warm.tooShort ? 'planner-warning' : 'muted small'} role={warm.tooShort ? 'alert' : undefined} data-testid="warmup-verdict">
          {warm.tooShort ? '⚠ ' : ''}
          {warm.suggestedS === null ? t('warmupNever') : `${warm.tooShort ? t('warmupTooShort') : t('warmupEnough')} ${f.measure(warm.suggestedS, 'days')}`}; {t('configured')} {f.measure(warm.configuredS, 'days')}.
        </p>
      )}
      <WarningsBox warnings={warningsOf(outcome)} testId="experiment-warnings" nameOf={alt} />
      {outcome.precision && <p className={outcome.precision.reached ? 'muted small' : 'planner-warning'}>{outcome.precision.reached ? t('precisionReached') : t('precisionMissed')}</p>}
      {best && bestRow && (
        <p data-testid="best-alternative">
          <strong>
            {t('bestAlternative')}: ★ {alt(best.name)}
          </strong>{' '}
          — {kpiName(bestRow)} {f.estimate(best.mean, best.ci95, bestRow.unit, { currency: bestRow.currency })}
          {/* A single alternative has nothing to be better than. */}
          {best.runnerUp !== null && `; ${best.clearlyBest ? t('clearlyBest') : `${t('notClearlyBest')} ${alt(best.runnerUp)}`}`}
        </p>
      )}
      <div className="table-tools">
        <ExportButtons name="experiment-results" csv={csv} png={() => tableToPng(asText(), outcome.experiment)} />
      </div>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{t('alternative')}</th>
              <th>n</th>
              {rows.map((r) => (
                <Fragment key={r.path}>
                  <th title={t('value')}>
                    {kpiName(r)} <small className="muted">{f.unit(r.unit, r.currency)}</small>
                  </th>
                  <th title={t('diffVsBase')}>Δ {t('baseAlternative')}</th>
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.name} className={l.best ? 'best' : undefined}>
                <td>
                  {l.best ? '★ ' : ''}
                  {alt(l.name)}
                  {i === 0 && <small className="muted"> ({t('baseAlternative')})</small>}
                  {partial && (
                    <small className="muted partial-count" data-testid="partial-count">
                      {' '}
                      ({partialNote(i, l.replications)})
                    </small>
                  )}
                </td>
                <td>{countText(i, l.replications)}</td>
                {l.cells.map((c, j) => (
                  <Fragment key={c.kpi}>
                    <td>{valueText(f, c.mean === null ? null : { path: c.kpi, value: c.mean, ci: c.ci }, rows[j])}</td>
                    <td className={c.diff?.significant ? 'diff significant' : 'diff'} title={c.diff ? (c.diff.significant ? t('significant') : t('notSignificant')) : undefined}>
                      {i === 0 ? '' : <DiffCell text={diffParts(f, c.diff, rows[j])} />}
                    </td>
                  </Fragment>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small footnote">
        {t('markLegend')}. {t('methodPaired')}
      </p>
    </div>
  );
}
