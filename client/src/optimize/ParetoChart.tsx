import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { usePlannerText, type PlannerKey } from '../capacity/planner-strings.ts';
import { labelsOf, type Formatter } from '../i18n/format.ts';
import { kpiHeading } from '../capacity/result-rows.ts';
import { useFormat } from '../ui/hooks.ts';
import { useOptimizeText, type OptimizeKey } from './optimize-strings.ts';
import type { OptimizeOutcome } from './optimize-store.ts';

/** Output (x) and cost (y) of every simulated candidate, by the result's Pareto axes. */
export function paretoColumns(outcome: OptimizeOutcome): { x: number[]; all: (number | null)[]; front: (number | null)[]; best: (number | null)[] } | null {
  const axes = outcome.pareto?.axes;
  if (!axes) return null;
  const onFront = new Set(outcome.pareto!.points.map((p) => p.id));
  const bestKey = outcome.best ? JSON.stringify(outcome.best.values) : null;
  const rows = outcome.candidates.flatMap((c) => {
    const x = c.kpis[axes.output]?.mean;
    const y = axes.cost === 'objective' ? c.objective : c.kpis[axes.cost]?.mean;
    return x == null || y == null ? [] : [{ x, y, front: onFront.has(c.id), best: JSON.stringify(c.values) === bestKey }];
  });
  // uPlot wants x ascending; equal outputs keep one point per column (the cheapest draws on top).
  rows.sort((a, b) => a.x - b.x || b.y - a.y);
  return { x: rows.map((r) => r.x), all: rows.map((r) => r.y), front: rows.map((r) => (r.front ? r.y : null)), best: rows.map((r) => (r.best ? r.y : null)) };
}

/**
 * The axes' titles: each KPI's name and unit, the cost axis in the result's currency
 * ("Cost per kWh of A-grade cells, ₽/кВт·ч"); "Objective" when the front is drawn by it.
 * A sink's output (the first constraint's KPI may be one) is named by its label in `sinkLabels`.
 */
export function paretoAxisTitles(pareto: NonNullable<OptimizeOutcome['pareto']>, currency: string | null, f: Formatter, t: (key: OptimizeKey) => string, pt: (key: PlannerKey) => string, sinkLabels?: OptimizeOutcome['sinkLabels']): { x: string; y: string } {
  const heading = (path: string) => kpiHeading(path, currency, pt, (row) => f.unit(row.unit, row.currency), labelsOf(sinkLabels, f.locale));
  return { x: heading(pareto.axes.output), y: pareto.axes.cost === 'objective' ? t('objectiveValue') : heading(pareto.axes.cost) };
}

/** Cost against output of every candidate, the Pareto front joined, the best ringed (uPlot scatter). */
export function ParetoChart({ outcome }: { outcome: OptimizeOutcome }) {
  const box = useRef<HTMLDivElement>(null);
  const f = useFormat();
  const t = useOptimizeText();
  const pt = usePlannerText();
  useEffect(() => {
    const el = box.current;
    const cols = paretoColumns(outcome);
    if (!el || !cols || cols.x.length === 0) return;
    const titles = paretoAxisTitles(outcome.pareto!, outcome.currency ?? null, f, t, pt, outcome.sinkLabels);
    const dot = (size: number) => ({ show: true, size, width: 1 });
    const tick = (v: number) => (Math.abs(v) >= 10_000 ? `${f.num(v / 1000, 0)}k` : f.num(v, Math.abs(v) >= 100 ? 0 : 2));
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: 240,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [
        { stroke: '#9aa6b2', grid: { stroke: '#2a323b' }, label: titles.x, values: (_, ticks) => ticks.map(tick), size: 40 },
        { stroke: '#9aa6b2', grid: { stroke: '#2a323b' }, label: titles.y, values: (_, ticks) => ticks.map(tick), size: 60 },
      ],
      series: [
        {},
        { label: t('allCandidates'), stroke: '#7f8c99', paths: () => null, points: dot(6) },
        { label: t('front'), stroke: '#4fc3f7', width: 1.5, spanGaps: true, points: dot(7) },
        { label: `★ ${t('best')}`, stroke: '#ffd54f', paths: () => null, points: { show: true, size: 14, width: 2, fill: 'transparent' } },
      ],
    };
    const plot = new uPlot(opts, [cols.x, cols.all, cols.front, cols.best] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: 240 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
    // Rebuilt when the result or the language changes (t and f follow the locale).
  }, [outcome, f.locale]);
  if (!outcome.pareto) return null;
  return (
    <figure className="pareto" data-testid="pareto-chart">
      <figcaption>{t('pareto')}</figcaption>
      <div ref={box} className="chart" />
    </figure>
  );
}
