import { useRef } from 'react';
import { inUnit } from '../i18n/units.ts';
import { useFormat } from '../ui/hooks.ts';
import { chartAxis } from './chart-ticks.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { svgToPng } from './export.ts';
import { usePlannerText } from './planner-strings.ts';
import type { ComparisonLine } from './result-rows.ts';
import { boundFor, type RunEntry } from './run-results.ts';

const W = 560;
const H = 220;
const PAD_L = 64;
const PAD_B = 48;

/** Bars of one KPI per run with 95 % CI whiskers, in the KPI's unit, and each run's static bound as a dashed tick. */
export function ComparisonChart({ runs, line, name }: { runs: RunEntry[]; line: ComparisonLine | undefined; name: string }) {
  const f = useFormat();
  const t = usePlannerText();
  const ref = useRef<SVGSVGElement>(null);
  if (!line) return null;
  const unit = line.row.unit;
  // A money KPI names the runs' currency (¤ when they differ; each bar's value then names its own).
  const currency = line.row.currency;
  const rows = runs.map((run, i) => ({ run, metric: line.cells[i]?.metric ?? null, own: line.cells[i]?.row.currency })).filter((r) => r.metric);
  if (rows.length === 0) return null;
  const bounds = rows.map((r) => boundFor(r.metric!, r.run.bound));
  const { top, ticks, digits } = chartAxis(Math.max(...rows.map((r) => r.metric!.value + (r.metric!.ci ?? 0)), ...bounds.map((b) => b ?? 0)), unit);
  const y = (v: number) => H - PAD_B - (v / top) * (H - PAD_B - 10);
  const slot = (W - PAD_L) / rows.length;
  const title = `${name}, ${f.unit(unit, currency)} · ${t('value')}`;
  return (
    <figure className="chart-figure">
      <svg ref={ref} viewBox={`0 0 ${W} ${H}`} width="100%" className="comparison-chart" role="img" aria-label={title} fontFamily="system-ui, sans-serif">
        <rect x={0} y={0} width={W} height={H} fill="#14191f" />
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD_L} x2={W} y1={y(v)} y2={y(v)} stroke="#2a323b" />
            <text x={PAD_L - 4} y={y(v) + 3} textAnchor="end" fill="#9aa6b2" fontSize={10}>
              {f.measure(v, unit, { bare: true, digits })}
            </text>
          </g>
        ))}
        {rows.map(({ run, metric, own }, i) => {
          const cx = PAD_L + slot * (i + 0.5);
          const bw = Math.min(60, slot * 0.5);
          const m = metric!;
          const bound = bounds[i];
          return (
            <g key={run.key}>
              <rect x={cx - bw / 2} y={y(m.value)} width={bw} height={H - PAD_B - y(m.value)} fill="#3f8fd2" />
              {m.ci !== null && (
                <g stroke="#e8eef4" strokeWidth={1.5}>
                  <line x1={cx} x2={cx} y1={y(m.value - m.ci)} y2={y(m.value + m.ci)} />
                  <line x1={cx - 6} x2={cx + 6} y1={y(m.value - m.ci)} y2={y(m.value - m.ci)} />
                  <line x1={cx - 6} x2={cx + 6} y1={y(m.value + m.ci)} y2={y(m.value + m.ci)} />
                </g>
              )}
              {bound !== undefined && <line x1={cx - bw} x2={cx + bw} y1={y(bound)} y2={y(bound)} stroke="#e8a23a" strokeWidth={2} strokeDasharray="5 3" />}
              <text x={cx} y={H - PAD_B + 14} textAnchor="middle" fill="#c7d2dd" fontSize={11}>
                {run.label.length > 22 ? `${run.label.slice(0, 21)}…` : run.label}
              </text>
              <text x={cx} y={H - PAD_B + 28} textAnchor="middle" fill="#9aa6b2" fontSize={10}>
                {f.estimate(m.value, m.ci, unit, { currency: own })}
              </text>
            </g>
          );
        })}
        <text x={PAD_L} y={H - 4} fill="#9aa6b2" fontSize={10}>
          {title} · <tspan fill="#e8a23a">- - {t('kpiStaticBound')}</tspan>
        </text>
      </svg>
      <ExportButtons
        name="capacity-chart"
        csv={() => [['run', `${name}, ${f.unit(unit, currency)}`, '±95%'], ...rows.map(({ run, metric }) => [run.label, String(inUnit(metric!.value, unit)), metric!.ci === null ? '' : String(inUnit(metric!.ci, unit))])]}
        png={() => svgToPng(ref.current!)}
      />
    </figure>
  );
}
