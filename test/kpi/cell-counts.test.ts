/**
 * What the headline numbers count: A-grade cells (GWh/yr in the bound and in
 * the run alike), pack energy, and WIP in cell-equivalents that obeys Little's law.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../server/experiments/runner.ts';
import { computeKpis } from '../../server/kpi/kpis.ts';
import { staticCapacity } from '../../server/kpi/capacity.ts';
import { cellsPerPart } from '../../server/kpi/cell-equivalents.ts';
import { buildModel, constant, exponential } from '../validation/helpers.ts';
import { estimate } from '../validation/statistics.ts';

const DAY = 86400;

describe('GWh/yr counts A-grade cells, in the bound and in the run', () => {
  // Unlimited rolls of 10 cells; eol 36 s per tray, on shift 16 h of 24; 10 % of trays graded B (to their own sink);
  // A-grade trays go to modules of 20 cells, 2 modules per pack.
  const model = buildModel(
    [
      { id: 'raw', type: 'source', qty: 10, to: 'eol' },
      { id: 'eol', type: 'machine', cycle: constant(36), calendar: 'two-shift', to: [{ id: 'store', p: 0.9 }, { id: 'grade-b', p: 0.1 }] },
      { id: 'grade-b', type: 'sink' },
      { id: 'store', type: 'buffer', capacity: null, to: 'modules' },
      { id: 'modules', type: 'assembly', inputs: { store: 20 }, countUnits: true, qty: 1, cycle: constant(1), to: 'packs' },
      { id: 'packs', type: 'assembly', inputs: { modules: 2 }, qty: 1, cycle: constant(1), to: 'out' },
      { id: 'out', type: 'sink' },
    ],
    {
      product: { whPerCell: 100, cellsFrom: 'eol', modulesFrom: 'modules', packsFrom: 'packs', cellsPerModule: 20, modulesPerPack: 2 },
      calendars: { 'two-shift': { periodS: DAY, shifts: [{ startS: 0, endS: 16 * 3600 }] } },
    },
  );
  // Bound by hand: 100 trays/h x 10 cells x 0.9 A grade x 2/3 on shift = 600 A cells/h;
  // x 8,760 h x 100 Wh = 0.5256 GWh/yr.
  const boundGwh = (600 * 8760 * 100) / 1e9;

  it('capacity.gwhPerYear = 600 A-grade cells/h x 8,760 h x 100 Wh', () => {
    const cap = staticCapacity(model);
    expect(cap.cellsPerHour).toBeCloseTo(600, 9);
    expect(cap.gwhPerYear).toBeCloseTo(boundGwh, 12);
  });

  it('kpis count the same A-grade cells, annualised the same way; grade B and pack energy beside them', () => {
    const days = 20;
    const T = days * DAY;
    const r = runReplication(model, { horizonS: T, warmupS: 0, seed: 3 }, 0).report;
    const k = computeKpis(model, { ...r, horizonS: T, warmupS: 0 });
    // Deterministic eol: 1,600 trays a day (16 h / 36 s), every one passes; the split A/B is exact from the sinks.
    expect(r.nodes.eol.completed).toBe(days * 1600);
    const gradeB = r.sinks['grade-b'].units;
    expect(k.cellsPerDay! * days).toBe(days * 16_000 - gradeB);
    expect(k.gradeBCellsPerDay! * days).toBe(gradeB);
    // Measured over whole days the run's on-shift share is the calendar's, so GWh/yr = cells/day x 365 x Wh;
    // it matches the bound within the binomial noise of the 10 % grade-B share over 32,000 trays (4σ).
    expect(k.gwhPerYear!).toBeCloseTo((k.cellsPerDay! * 365 * 100) / 1e9, 12);
    const trays = days * 1600;
    const tol = 4 * Math.sqrt((0.9 * 0.1) / trays) / 0.9;
    expect(Math.abs(k.gwhPerYear! / boundGwh - 1)).toBeLessThan(tol);
    // Packs: 40 cells each; the last kit in progress (< 40 cells) is all they may lag behind the cells.
    expect(k.packGwhPerYear!).toBeCloseTo((k.packsPerDay! * 40 * 365 * 100) / 1e9, 12);
    expect(k.gwhPerYear! - k.packGwhPerYear!).toBeGreaterThanOrEqual(0);
    expect(((k.gwhPerYear! - k.packGwhPerYear!) * 1e9) / (365 * 100)).toBeLessThan(40 / days);
  });
});

describe("WIP in cell-equivalents obeys Little's law", () => {
  // Cathode and anode rolls arrive together every 59.3 s (not a divisor of the 600 s WIP sampling grid) and are cut into 4 lots each; a stack of 1 + 1 lots is a
  // tray of 4 cells, so one roll pair makes 16 cells: one pack (2 modules of 8). All stations are single FIFO
  // servers, so the cells of a pack come from one roll pair created at one instant: the pack's lead time is
  // every one of its cells' time in the plant, and L (cell-equivalents) = λ (cells/s) x W (lead time to pack).
  const model = buildModel(
    [
      { id: 'cat', type: 'source', interarrival: constant(59.3), to: 'cat-cut' },
      { id: 'an', type: 'source', interarrival: constant(59.3), to: 'an-cut' },
      { id: 'cat-cut', type: 'split', k: 4, to: 'cat-lots' },
      { id: 'an-cut', type: 'split', k: 4, to: 'an-lots' },
      { id: 'cat-lots', type: 'buffer', capacity: null, to: 'cat-press' },
      { id: 'an-lots', type: 'buffer', capacity: null, to: 'an-press' },
      { id: 'cat-press', type: 'machine', cycle: exponential(10), to: 'cat-store' },
      { id: 'an-press', type: 'machine', cycle: exponential(12), to: 'an-store' },
      { id: 'cat-store', type: 'buffer', capacity: null, to: 'stack' },
      { id: 'an-store', type: 'buffer', capacity: null, to: 'stack' },
      { id: 'stack', type: 'assembly', inputs: { 'cat-store': 1, 'an-store': 1 }, qty: 4, cycle: exponential(10), to: 'age' },
      { id: 'age', type: 'delay', time: constant(600), to: 'eol' },
      { id: 'eol', type: 'machine', cycle: exponential(10), to: 'cell-store' },
      // Kits are collected only by a free server, so the waiting trays and modules need stores of their own.
      { id: 'cell-store', type: 'buffer', capacity: null, to: 'modules' },
      { id: 'modules', type: 'assembly', inputs: { 'cell-store': 8 }, countUnits: true, qty: 1, cycle: constant(20), to: 'module-store' },
      { id: 'module-store', type: 'buffer', capacity: null, to: 'packs' },
      { id: 'packs', type: 'assembly', inputs: { 'module-store': 2 }, qty: 1, cycle: constant(10), to: 'out' },
      { id: 'out', type: 'sink' },
    ],
    { product: { whPerCell: 100, cellsFrom: 'eol', modulesFrom: 'modules', packsFrom: 'packs', cellsPerModule: 8, modulesPerPack: 2 } },
  );

  it('prices each part as the cells it becomes, counting a cell once', () => {
    const per = cellsPerPart(model);
    // A lot is half of a 4-cell tray; a tray 4, a module 8, a pack 16; a lot held in a split is a lot.
    expect(per.get('cat-press')).toBeCloseTo(2, 12);
    expect(per.get('an-store')).toBeCloseTo(2, 12);
    expect(per.get('cat-cut')).toBeCloseTo(2, 12);
    expect(per.get('stack')).toBeCloseTo(4, 12);
    expect(per.get('modules')).toBeCloseTo(8, 12);
    expect(per.get('packs')).toBeCloseTo(16, 12);
  });

  it('L = λW within 4 standard errors over 12 replications, and the band is narrow enough to see a double count', () => {
    const horizonS = 6 * DAY;
    const warmupS = DAY;
    const d: number[] = [];
    const L: number[] = [];
    const upstream: number[] = [];
    for (let rep = 0; rep < 12; rep++) {
      const r = runReplication(model, { horizonS, warmupS, seed: 11 }, rep).report;
      const k = computeKpis(model, { ...r, horizonS, warmupS });
      const wip = k.wipByArea!.totalCellEquivalents;
      d.push(wip - (k.cellsPerDay! / DAY) * k.leadTimeS.mean);
      L.push(wip);
      const per = cellsPerPart(model);
      upstream.push(['cat-cut', 'an-cut', 'cat-lots', 'an-lots', 'cat-press', 'an-press', 'cat-store', 'an-store'].reduce((a, id) => a + r.monitor.wipByNode[id] * per.get(id)!, 0));
    }
    const e = estimate(d);
    const l = estimate(L);
    const detail = `L = ${l.mean.toFixed(1)} cells, mean(L − λW) = ${e.mean.toFixed(2)} ± ${e.half.toFixed(2)}`;
    expect(Math.abs(e.mean), detail).toBeLessThanOrEqual(e.half);
    // Power: counting cathode and anode lots as whole trays would add the upstream lots' value again;
    // that is more than the 4σ band, so the check would catch it.
    const up = estimate(upstream);
    expect(up.mean - up.half, detail).toBeGreaterThan(2 * e.half);
  });
});
