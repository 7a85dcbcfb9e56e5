import { describe, expect, it } from 'vitest';
import { COMPARE_PATHS, compareMetrics } from '../../client/src/edit/compare-metrics.ts';
import { RESULT_ROWS } from '../../client/src/capacity/result-rows.ts';

// The shape POST /api/runs answers with: replication means and `<field>CI95` siblings (server/kpi/transport.ts).
const reply = {
  runId: 'r1',
  horizonS: 40 * 86400,
  kpis: {
    measuredS: 30 * 86400,
    cellsPerDay: 61000,
    cellsPerDayCI95: 4700,
    leadTimeS: { mean: 1.6e6, meanCI95: 22000 },
    transport: { totalTravelM: 1_020_000, totalTravelMCI95: 18_000, vehicleUtilization: 0.337, vehicleUtilizationCI95: 0.005, waitForTransportS: 210, waitForTransportSCI95: 9 },
  },
};

describe('layout comparison metrics', () => {
  it('reads throughput, lead time and transport KPIs with their CIs', () => {
    const m = compareMetrics(reply);
    expect(m.get('kpis.cellsPerDay')).toEqual({ path: 'kpis.cellsPerDay', value: 61000, ci: 4700 });
    expect(m.get('kpis.leadTimeS.mean')?.ci).toBe(22000);
    expect(m.get('kpis.transport.vehicleUtilization')?.value).toBe(0.337);
  });

  it('turns total travel into metres per measured day, CI scaled alike', () => {
    const t = compareMetrics(reply).get('kpis.transport.totalTravelMPerDay')!;
    expect(t.value).toBeCloseTo(34000, 6);
    expect(t.ci).toBeCloseTo(600, 6);
  });

  it('names every compared KPI from the one list of result rows', () => {
    for (const p of COMPARE_PATHS) expect(RESULT_ROWS.some((r) => r.path === p)).toBe(true);
  });
});
