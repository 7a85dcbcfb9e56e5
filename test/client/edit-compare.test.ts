import { describe, expect, it } from 'vitest';
import { clearlyDifferent, compareMetrics } from '../../client/src/edit/compare-metrics.ts';

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

  it('calls a difference clear only when the 95 % intervals do not overlap', () => {
    const a = { path: 'x', value: 0.337, ci: 0.005 };
    expect(clearlyDifferent(a, { path: 'x', value: 0.352, ci: 0.004 })).toBe(true);
    expect(clearlyDifferent(a, { path: 'x', value: 0.34, ci: 0.004 })).toBe(false);
    expect(clearlyDifferent(a, { path: 'x', value: 0.9, ci: null })).toBe(false);
  });
});
