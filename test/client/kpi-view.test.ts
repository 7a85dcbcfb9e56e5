import { describe, expect, it } from 'vitest';
import { kpiView, yieldFlow } from '../../client/src/state/kpi-view.ts';
import { applyFrame, applySnapshot, createLiveData } from '../../client/src/state/live-frame.ts';
import { livePlantKpis } from '../../server/live/plant-kpis.ts';
import { Plant } from '../../server/plant/plant.ts';
import { PlantKpisSchema } from '../../server/protocol/messages.ts';
import { frame, plantKpis, snapshot, testModel } from './fixtures.ts';

describe('KPIs', () => {
  it("keeps the server's plant KPIs from the latest frame that carried them, and forgets them with a new snapshot", () => {
    const model = testModel();
    const data = createLiveData();
    const a = plantKpis({ simTimeS: 100, gwhPerYear: 1.5 });
    applySnapshot(data, snapshot(model, frame({ n: 10, t: 100, pk: a })), 0);
    expect(kpiView(model, data).plant?.gwhPerYear).toBe(1.5);
    applyFrame(data, frame({ n: 11, k: 0, t: 110, st: [], ws: [], ut: [], lv: [], ct: [], sc: [] }), 50, null);
    expect(data.plantKpis).toBe(a); // a frame without pk keeps the last ones
    const b = plantKpis({ simTimeS: 120, gwhPerYear: 2 });
    applyFrame(data, frame({ n: 12, k: 0, t: 120, st: [], ws: [], ut: [], lv: [], ct: [], sc: [], pk: b }), 100, null);
    expect(kpiView(model, data).plant?.gwhPerYear).toBe(2);
    applySnapshot(data, snapshot(model, frame({ n: 1, t: 0 })), 200);
    expect(kpiView(model, data).plant).toBeNull();
    expect(kpiView(model, data).bottleneck).toBeNull();
  });

  it("takes the bottleneck's OEE from the per-node array at its index and sums WIP over areas", () => {
    const model = testModel();
    const data = createLiveData();
    const pk = plantKpis({
      bottleneck: { id: 'stacker', method: 'active-period', activeShare: 0.93, ranking: [], shifts: [] },
      wipByArea: { parts: { electrode: 3, finishing: 9 }, cellEquivalents: { electrode: 30, finishing: 85.5 } },
    });
    pk.nodes.oee[3] = 0.42;
    pk.nodes.oee[1] = 0.9; // another station's OEE must not be taken
    applySnapshot(data, snapshot(model, frame({ n: 10, pk })), 0);
    const k = kpiView(model, data);
    expect(k.bottleneck).toEqual({ id: 'stacker', activeShare: 0.93, method: 'active-period', oee: 0.42 });
    expect(k.wipCells).toBeCloseTo(115.5);
  });

  it('draws the yield loss area by area, each losing its share of what reaches it', () => {
    const model = testModel();
    const pk = plantKpis({ yieldByArea: [{ area: 'electrode', yield: 0.9 }, { area: 'cell-assembly', yield: 1 }, { area: 'finishing', yield: 0.95 }] });
    const flow = yieldFlow(model, pk);
    expect(flow.stages.map((s) => [s.id, s.stage, s.label])).toEqual([
      ['electrode', 'electrode', 'Electrode shop'],
      ['cell-assembly', 'assembly', 'Cell assembly'],
      ['finishing', 'finishing', 'Formation and test'],
    ]);
    expect(flow.stages.map((s) => [s.in, s.scrap].map((x) => Number(x.toFixed(6))))).toEqual([
      [1, 0.1],
      [0.9, 0],
      [0.9, 0.045],
    ]);
    expect(flow.good).toBeCloseTo(0.855);
    expect(yieldFlow(model, null)).toEqual({ stages: [], good: 0 });
  });

  it("ends the Sankey at the server's overall yield for a simulated single-input line", () => {
    const model = testModel();
    const plant = new Plant(model, 3, 0);
    plant.start();
    plant.runUntil(2 * 86400);
    const pk = PlantKpisSchema.parse(livePlantKpis(model, plant));
    const coater = model.nodes.findIndex((n) => n.id === 'coater');
    expect(pk.nodes.scrapped[coater]).toBeGreaterThan(0);
    const flow = yieldFlow(model, pk);
    expect(flow.stages[0]).toMatchObject({ id: 'electrode', in: 1 });
    expect(flow.stages[0].scrap).toBeCloseTo(1 - pk.nodes.yield[coater]!, 12);
    // One input line: the server's overall yield is the product of the station yields, as is the Sankey's good share.
    expect(flow.good).toBeCloseTo(pk.yield.overall, 12);
    expect(pk.yield.overall).toBeLessThan(1);
  });
});
