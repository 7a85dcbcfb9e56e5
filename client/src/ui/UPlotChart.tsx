import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useUi } from '../state/ui-store.ts';
import { formatter } from '../i18n/format.ts';

export interface ChartSeries {
  label: string;
  color: string;
  /** Right-hand axis, for a second quantity with another scale. */
  right?: boolean;
  /** Line width in CSS pixels (default 1.5). */
  width?: number;
}

interface Props {
  series: ChartSeries[];
  /** Columns: x (sim seconds) then one per series; called on a timer, never per frame. */
  data: () => number[][];
  height?: number;
  refreshMs?: number;
  /** Bars instead of lines, the value axis from zero (a daily count), x ticks written by `xTick`, no legend. */
  bars?: boolean;
  xTick?: (x: number) => string;
  legend?: boolean;
  /** Vertical lines at x values (decisions on a timeline), numbered at the top so a list can refer to them. */
  marks?: ChartMark[];
  /** Axis titles drawn by uPlot beside the tick values. */
  xLabel?: string;
  yLabel?: string;
}

export interface ChartMark {
  x: number;
  color: string;
  /** Short text drawn at the top of the line (a number). */
  tag?: string;
}

/** uPlot draw hook: the marks as dashed vertical lines across the plot area. */
function drawMarks(marks: readonly ChartMark[]) {
  return (u: uPlot) => {
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    ctx.save();
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.font = `${10 * devicePixelRatio}px sans-serif`;
    ctx.textAlign = 'center';
    for (const m of marks) {
      const x = u.valToPos(m.x, 'x', true);
      ctx.strokeStyle = m.color;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      if (m.tag) {
        ctx.fillStyle = m.color;
        ctx.fillText(m.tag, x, top + 10 * devicePixelRatio);
      }
    }
    ctx.restore();
  };
}

/**
 * A small uPlot chart. uPlot owns its canvas; React only mounts it and the timer feeds
 * it new columns, so the chart never re-renders React. `refreshMs` 0: static data, no timer.
 */
export function UPlotChart({ series, data, height = 120, refreshMs = 1000, bars = false, xTick, legend = true, marks = [], xLabel, yLabel }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  const locale = useUi((s) => s.locale);
  const key = series.map((s) => `${s.label}${s.color}${s.right ? 'r' : ''}${s.width ?? ''}`).join('|');
  const marksKey = JSON.stringify(marks);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const f = formatter(locale);
    const hasRight = series.some((s) => s.right);
    const opts: uPlot.Options = {
      width: Math.max(100, el.clientWidth),
      height,
      legend: { show: legend, live: false },
      cursor: { show: false },
      scales: { x: { time: false, ...(bars ? { range: (_u, min, max) => [min - 43200, max + 43200] as [number, number] } : {}) }, y: bars ? { range: (_u, _min, max) => [0, max * 1.1 || 1] as [number, number] } : {}, ...(hasRight ? { r: {} } : {}) },
      axes: [
        { stroke: '#9aa6b2', grid: { stroke: '#2a323b' }, values: (_, ticks) => ticks.map((t) => (xTick ? xTick(t) : f.duration(t))), size: 28, ...(xLabel ? { label: xLabel, labelSize: 18 } : {}), ...(bars ? { incrs: [86400, 2 * 86400, 5 * 86400] } : {}) },
        { stroke: '#9aa6b2', grid: { stroke: '#2a323b' }, values: (_, ticks) => ticks.map((t) => (Math.abs(t) >= 10_000 ? `${f.num(t / 1000, 0)}k` : f.num(t, 1))), size: 48, ...(yLabel ? { label: yLabel, labelSize: 18 } : {}), ...(bars ? { space: 16 } : {}) },
        ...(hasRight ? [{ side: 1 as const, scale: 'r', stroke: '#9aa6b2', grid: { show: false }, values: (_: uPlot, ticks: number[]) => ticks.map((t) => f.num(t, 2)), size: 54 }] : []),
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 1.5,
          scale: s.right ? 'r' : 'y',
          points: { show: false },
          ...(bars ? { fill: `${s.color}99`, paths: uPlot.paths.bars!({ size: [0.7, 40] }) } : {}),
        })),
      ],
    };
    if (marks.length > 0) opts.hooks = { draw: [drawMarks(marks)] };
    const plot = new uPlot(opts, dataRef.current() as uPlot.AlignedData, el);
    const timer = refreshMs > 0 ? setInterval(() => plot.setData(dataRef.current() as uPlot.AlignedData), refreshMs) : undefined;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(100, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      clearInterval(timer);
      resize.disconnect();
      plot.destroy();
    };
    // The chart is rebuilt only when its series (key), size, refresh rate, form or language change: the
    // series/colour props are captured by `key`, and the data flows through dataRef, not the deps.
  }, [key, height, refreshMs, locale, bars, legend, marksKey, xLabel, yLabel]);

  return <div ref={box} className="chart" />;
}
