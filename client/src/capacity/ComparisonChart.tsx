import { useFormat } from '../ui/hooks.ts';
import { boundFor, primaryMetric, type RunEntry } from './run-results.ts';

const W = 560;
const H = 220;
const PAD_L = 60;
const PAD_B = 48;

/** Bars of the headline metric per run with 95 % CI whiskers, and each run's static bound as a dashed tick. */
export function ComparisonChart({ runs, path: chosen }: { runs: RunEntry[]; path?: string }) {
  const f = useFormat();
  const path = chosen ?? runs.map((r) => primaryMetric(r.metrics)?.path).find((p) => p !== undefined);
  const rows = runs.map((r) => ({ run: r, metric: r.metrics.find((m) => m.path === path) })).filter((r) => r.metric);
  if (rows.length === 0 || path === undefined) return null;
  const bounds = rows.map((r) => boundFor(r.metric, r.run.bound));
  const top = Math.max(...rows.map((r) => r.metric!.value + (r.metric!.ci ?? 0)), ...bounds.map((b) => b ?? 0)) * 1.1 || 1;
  const y = (v: number) => H - PAD_B - (v / top) * (H - PAD_B - 10);
  const slot = (W - PAD_L) / rows.length;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((k) => k * top);
  // GWh/yr and yields are small numbers: keep two decimals there, none for cells/day.
  const digits = top < 100 ? 2 : 0;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" className="comparison-chart" role="img" aria-label={path}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PAD_L} x2={W} y1={y(t)} y2={y(t)} stroke="#2a323b" />
          <text x={PAD_L - 4} y={y(t) + 3} textAnchor="end" fill="#9aa6b2" fontSize={10}>
            {f.num(t, digits)}
          </text>
        </g>
      ))}
      {rows.map(({ run, metric }, i) => {
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
              {f.num(m.value, digits)}
              {m.ci !== null ? ` ± ${f.num(m.ci, digits)}` : ''}
            </text>
          </g>
        );
      })}
      <text x={PAD_L} y={H - 4} fill="#9aa6b2" fontSize={10}>
        {path} · {f.t('ci95')} · <tspan fill="#e8a23a">- - {f.t('staticBound')}</tspan>
      </text>
    </svg>
  );
}
