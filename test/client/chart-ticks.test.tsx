import { describe, expect, it } from 'vitest';
import { pageText as text, renderIn as render } from './render-in-locale.ts';
import { chartAxis } from '../../client/src/capacity/chart-ticks.ts';
import { runEntry } from './result-fixtures.ts';

/**
 * The capacity chart's axis reads in round numbers of the unit shown: it used to mark quarters
 * of 1.1 × the largest bar (0 · 20 251 · 40 501 · 60 752 · 81 002 cells/day), numbers nobody
 * reads off an axis. Ticks are 1, 2, 2.5 or 5 × 10ⁿ, about four steps, the top at or above the
 * largest bar with its CI.
 */
describe('round ticks on the comparison chart', () => {
  it('steps in the unit shown, the top covering the largest value', () => {
    expect(chartAxis(74_800, 'cellsPerDay')).toEqual({ top: 80_000, ticks: [0, 20_000, 40_000, 60_000, 80_000], digits: 0 });
    // A share shown in %: 0.98 → 0 … 100 % by 25.
    expect(chartAxis(0.98, 'percent')).toEqual({ top: 1, ticks: [0, 0.25, 0.5, 0.75, 1], digits: 0 });
    // Seconds shown in days: 20.8 d → 0 · 10 · 20 · 30 d.
    expect(chartAxis(20.8 * 86_400, 'days').ticks.map((s) => s / 86_400)).toEqual([0, 10, 20, 30]);
    // A step below 1 needs its decimals (0.25 → 2).
    expect(chartAxis(0.9, 'packsPerDay').digits).toBe(2);
    expect(chartAxis(0, 'count')).toEqual({ top: 1, ticks: [0, 1], digits: 0 });
  });

  it('the chart of cells per day labels 0, 20 000 … 80 000', async () => {
    const runs = [runEntry('base', [{ path: 'kpis.cellsPerDay', value: 67_992, ci: 1_528 }], null), runEntry('more racks', [{ path: 'kpis.cellsPerDay', value: 67_980, ci: 1_456 }], null)];
    const svg = await render('ru', async () => {
      const { ComparisonChart } = await import('../../client/src/capacity/ComparisonChart.tsx');
      const { comparisonLines } = await import('../../client/src/capacity/result-rows.ts');
      const line = comparisonLines(runs).find((l) => l.row.path === 'kpis.cellsPerDay');
      return <ComparisonChart runs={runs} line={line} name="Годных ячеек в сутки" />;
    });
    const ticks = [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>(.*?)<\/text>/g)].map((m) => text(m[1]));
    expect(ticks).toEqual(['0', '20 000', '40 000', '60 000', '80 000']);
  });
});
