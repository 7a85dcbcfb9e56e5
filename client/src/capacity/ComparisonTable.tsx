import { Fragment } from 'react';
import { labelOf, type Formatter } from '../i18n/format.ts';
import { differenceDigits, differenceUnit } from '../i18n/units.ts';
import { useFormat } from '../ui/hooks.ts';
import { useCapacity } from './capacity-store.ts';
import type { Difference } from './difference.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { tableToPng } from './export.ts';
import { usePlannerText, type PlannerKey } from './planner-strings.ts';
import { comparisonCsv, comparisonLines, rowTitle, type ResultRow } from './result-rows.ts';
import type { Metric, RunEntry } from './run-results.ts';
import { RunNotes } from './RunNotes.tsx';

/** A difference in the row's unit: "+1 234 cells/day", "[+512; +1 956]", "★" when significant. */
export function diffParts(f: Formatter, d: Difference | null, row: ResultRow): { main: string; interval: string; mark: string } {
  if (!d) return { main: '—', interval: '', mark: '' };
  const u = differenceUnit(row.unit);
  const digits = differenceDigits(u, d.mean);
  const main = f.measure(d.mean, u, { signed: true, digits, currency: row.currency });
  if (d.lo === null || d.hi === null) return { main, interval: '', mark: '' };
  return { main, interval: `[${f.measure(d.lo, u, { signed: true, bare: true, digits })}; ${f.measure(d.hi, u, { signed: true, bare: true, digits })}]`, mark: d.significant ? ' ★' : '' };
}

/** "+1 234 cells/day [+512; +1 956] ★" on one line (PNG export, CSV-free text). */
export function diffText(f: Formatter, d: Difference | null, row: ResultRow): string {
  const p = diffParts(f, d, row);
  return p.interval ? `${p.main} ${p.interval}${p.mark}` : p.main;
}

/** The difference in a table cell, the interval on its own line so columns stay narrow. */
export function DiffCell({ text }: { text: ReturnType<typeof diffParts> }) {
  return (
    <>
      {text.main}
      {text.interval && ' '}
      {text.interval && <small className="interval">{text.interval}</small>}
      {text.mark}
    </>
  );
}

export function valueText(f: Formatter, m: Metric | null, row: ResultRow): string {
  if (!m) return '—';
  return f.estimate(m.value, m.ci, row.unit, { currency: row.currency });
}

/**
 * KPIs down, runs across, each with a human name and unit; every run after the first
 * has a column with its difference to the first (the base) and its 95 % interval.
 */
export function ComparisonTable({ runs, paths, exportName = 'capacity-comparison', testId = 'capacity-table' }: { runs: RunEntry[]; paths?: readonly string[]; exportName?: string; testId?: string }) {
  const f = useFormat();
  const t = usePlannerText();
  const labels = useCapacity((s) => s.labels);
  // A caller may show a subset (the layout comparison: output, lead time, transport), in its order.
  const all = comparisonLines(runs);
  const lines = paths ? paths.flatMap((p) => all.filter((l) => l.row.path === p)) : all;
  const nodeName = (model: string, id: string | null | undefined) => (id ? labelOf({ id, ...labels[model]?.[id] }, f.locale) : '—');
  const rowName = (row: ResultRow) => rowTitle(row, t, (id) => nodeName(runs[0].model, id));
  const bottleneck = (r: RunEntry) => {
    const share = r.metrics.find((m) => m.path === 'kpis.bottleneck.activeShare')?.value;
    return r.bottleneckId ? `${nodeName(r.model, r.bottleneckId)}${share === undefined ? '' : ` — ${t('working')} ${f.measure(share, 'percent')}`}` : '—';
  };
  const textRows: { key: PlannerKey; cells: string[] }[] = [{ key: 'kpiBottleneck', cells: runs.map(bottleneck) }];
  if (runs.some((r) => r.bound)) textRows.push(
    { key: 'kpiStaticBound', cells: runs.map((r) => (r.bound?.gwhPerYear !== undefined ? `${f.measure(r.bound.cellsPerDay, 'cellsPerDay')} · ${f.measure(r.bound.gwhPerYear, 'gwhPerYear')}` : f.measure(r.bound?.cellsPerDay, 'cellsPerDay'))) },
    { key: 'kpiStaticBottleneck', cells: runs.map((r) => nodeName(r.model, r.bound?.bottleneck)) },
  );
  const diffHead = (r: RunEntry) => `Δ ${r.label}`;
  const asText = (): string[][] => [
    [t('kpi'), ...runs.flatMap((r, i) => (i === 0 ? [`${r.label} (${t('base')})`] : [r.label, diffHead(r)]))],
    ...lines.map((l) => [`${rowName(l.row)}, ${f.unit(l.row.unit, l.row.currency)}`, ...l.cells.flatMap((c, i) => (i === 0 ? [valueText(f, c.metric, c.row)] : [valueText(f, c.metric, c.row), diffText(f, c.diff, c.row)]))]),
    ...textRows.map((tr) => [t(tr.key), ...tr.cells.flatMap((c, i) => (i === 0 ? [c] : [c, '']))]),
  ];
  const csv = () => {
    const rows = comparisonCsv(runs, lines, rowName, (row) => f.unit(row.unit, row.currency));
    const width = rows[0].length;
    const pad = (cells: string[]) => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')];
    return [...rows, pad([t('kpiBottleneck'), '', ...runs.flatMap((r, i) => (i === 0 ? [nodeName(r.model, r.bottleneckId), ''] : [nodeName(r.model, r.bottleneckId), '', '', '', '', '']))])];
  };
  const method = runs.length > 1 ? t('methodWelch') : null;

  return (
    <div className="result-table">
      <div className="table-tools">
        <ExportButtons name={exportName} csv={csv} png={() => tableToPng(asText(), t('kpi'))} />
      </div>
      <div className="table-scroll">
        <table data-testid={testId}>
          <thead>
            <tr>
              <th>{t('kpi')}</th>
              {runs.map((r, i) => (
                <Fragment key={r.key}>
                  <th title={t('value')}>
                    {r.label}
                    {i === 0 && <small className="muted"> ({t('base')})</small>}
                  </th>
                  {i > 0 && (
                    <th title={t('diffVsBase')}>
                      {t('diffVsBase')}
                    </th>
                  )}
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map(({ row, cells }) => (
              <tr key={row.path} data-path={row.path}>
                <td>
                  {rowName(row)} <small className="muted">{f.unit(row.unit, row.currency)}</small>
                </td>
                {cells.map((c, i) => (
                  <Fragment key={i}>
                    <td className="value" data-value={c.metric?.value ?? ''}>
                      {valueText(f, c.metric, c.row)}
                    </td>
                    {i > 0 && (
                      <td className={c.diff?.significant ? 'diff significant' : 'diff'} title={c.diff ? (c.diff.significant ? t('significant') : t('notSignificant')) : undefined}>
                        <DiffCell text={diffParts(f, c.diff, c.row)} />
                      </td>
                    )}
                  </Fragment>
                ))}
              </tr>
            ))}
            {textRows.map((tr) => (
              <tr key={tr.key} data-path={tr.key}>
                <td>{t(tr.key)}</td>
                {tr.cells.map((c, i) => (
                  <Fragment key={i}>
                    <td className="text">{c}</td>
                    {i > 0 && <td />}
                  </Fragment>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {method && (
        <p className="muted small footnote">
          {t('markLegend')}. {method}
        </p>
      )}
      <RunNotes runs={runs} />
    </div>
  );
}
