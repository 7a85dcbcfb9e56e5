import { describe, expect, it } from 'vitest';
import { KPI_FIELDS } from '../../server/protocol/messages.ts';
import { buildLayout } from '../../client/src/scene/layout.ts';
import { computeKpis, distMean, performance, yieldFlow } from '../../client/src/state/kpis.ts';
import { applyFrame, applySnapshot, createLiveData } from '../../client/src/state/live-frame.ts';
import { frame, nodeInfo, snapshot, testModel } from './fixtures.ts';

function liveWith(values: Record<string, number>, perNode: { ct?: number[]; sc?: number[]; ut?: number[] }) {
  const model = testModel();
  const data = createLiveData();
  applySnapshot(data, snapshot(model), 0);
  const kp = KPI_FIELDS.map((f) => values[f] ?? 0);
  applyFrame(data, frame({ n: 11, t: values.simTimeS ?? 3600, kp, ...perNode }), 1000, null);
  return { model, data };
}

describe('KPIs', () => {
  it('computes means of model distributions', () => {
    expect(distMean({ dist: 'uniform', min: 40, max: 60 })).toBe(50);
    expect(distMean({ dist: 'triangular', min: 50, mode: 60, max: 80 })).toBeCloseTo(63.333, 3);
    expect(distMean({ dist: 'empirical', values: [10, 20], probs: [0.25, 0.75] })).toBe(17.5);
    expect(distMean({ dist: 'weibull', shape: 1, scale: 30 })).toBeCloseTo(30, 6); // shape 1 is exponential
    expect(distMean({ dist: 'gamma', shape: 2, scale: 5 })).toBe(10);
  });

  it('states the rate as cells/day and GWh/yr from units per hour and Wh per cell', () => {
    const { model, data } = liveWith({ simTimeS: 3600, throughputPerHour: 10, unitsPerHour: 1000, wip: 50 }, {});
    const k = computeKpis(model, nodeInfo(model), data);
    expect(k.cellsPerDay).toBe(24000);
    expect(k.gwhPerYear).toBeCloseTo((1000 * 8760 * 200) / 1e9);
    // Little: 50 parts / (10 parts/h) = 5 h
    expect(k.leadTimeS).toBeCloseTo(5 * 3600);
  });

  it('measures yield as good units out against units scrapped anywhere', () => {
    // 4 parts reached the sink at 100 units/part (1000 units/h over 10 parts/h); 100 units scrapped
    const ct = [0, 0, 0, 0, 0, 0, 0, 4];
    const sc = [0, 60, 0, 0, 0, 0, 40, 0];
    const { model, data } = liveWith({ throughputPerHour: 10, unitsPerHour: 1000 }, { ct, sc });
    expect(computeKpis(model, nodeInfo(model), data).yield).toBeCloseTo(400 / 500);
  });

  it('states no yield before the first good unit leaves the plant', () => {
    const { model, data } = liveWith({ throughputPerHour: 0, unitsPerHour: 0 }, { sc: [0, 60, 0, 0, 0, 0, 0, 0] });
    expect(computeKpis(model, nodeInfo(model), data).yield).toBeNaN();
  });

  it('names the busiest station as bottleneck with its OEE', () => {
    const ut = [0, 900, 0, 500, 300, 0, 200, 0];
    const { model, data } = liveWith({ throughputPerHour: 1, unitsPerHour: 1 }, { ut });
    const b = computeKpis(model, nodeInfo(model), data).bottleneck!;
    expect(b.id).toBe('coater');
    // availability 0.9 × performance 40/50 × quality 0.9
    expect(b.oee).toBeCloseTo(0.9 * 0.8 * 0.9);
    expect(performance(model.nodes[3])).toBe(1);
  });

  it('splits yield loss by stage, electrode first, ending in the good units', () => {
    const ct = [0, 0, 0, 0, 0, 0, 0, 4];
    const sc = [0, 60, 0, 0, 0, 0, 40, 0];
    const { model, data } = liveWith({ throughputPerHour: 10, unitsPerHour: 1000 }, { ct, sc });
    const k = computeKpis(model, nodeInfo(model), data);
    const flow = yieldFlow(buildLayout(model), model, data, k);
    expect(flow.stages.map((s) => [s.id, s.in, s.scrap])).toEqual([
      ['electrode', 500, 60],
      ['assembly', 440, 0],
      ['finishing', 440, 40],
    ]);
    expect(flow.good).toBeCloseTo(400);
  });
});
