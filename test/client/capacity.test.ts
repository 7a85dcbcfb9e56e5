import { describe, expect, it } from 'vitest';
import { boundFor, boundOf, flattenMetrics, headlineMetrics, primaryMetric, resultOf, withDerived } from '../../client/src/capacity/run-results.ts';
import { errorFromBody } from '../../client/src/net/api.ts';
import { toCatalog } from '../../client/src/net/catalog.ts';
import { editableFields, parseParamInput } from '../../client/src/ui/param-input.ts';
import { ratePerHour } from '../../client/src/ui/node-rates.ts';
import { testModel } from './fixtures.ts';

const result = {
  sinks: { out: { count: 100, countCI95: 4, units: 1000, perHour: 12.5, perHourCI95: 0.5 } },
  nodes: { coater: { utilization: 0.8, utilizationCI95: 0.01 } },
  system: { avgWip: 30, avgWipCI95: 2, leadTimeP95S: 7200 },
  cellsPerDay: 3000,
  cellsPerDayCI95: 120,
};

describe('capacity run results', () => {
  it('pairs every number with its CI95 sibling', () => {
    const m = flattenMetrics(result);
    expect(m.find((x) => x.path === 'sinks.out.perHour')).toEqual({ path: 'sinks.out.perHour', value: 12.5, ci: 0.5 });
    expect(m.find((x) => x.path === 'system.leadTimeP95S')).toEqual({ path: 'system.leadTimeP95S', value: 7200, ci: null });
    expect(m.some((x) => x.path.endsWith('CI95'))).toBe(false);
  });

  it('puts plant KPIs first and leaves per-node detail out of the headline', () => {
    const h = headlineMetrics(flattenMetrics(result)).map((m) => m.path);
    expect(h[0]).toBe('cellsPerDay');
    expect(h[1]).toBe('sinks.out.perHour');
    expect(h).not.toContain('nodes.coater.utilization');
    expect(primaryMetric(flattenMetrics(result))?.value).toBe(3000);
  });

  it('derives cells/day from sink units over the measured span, scaling the CI with it', () => {
    const batch = { horizonS: 11 * 86400, warmupS: 86400, replications: 5, sinks: { out: { units: 50000, unitsCI95: 1000, perHour: 8, perHourCI95: 0.2 } } };
    const m = withDerived(flattenMetrics(batch));
    expect(m.find((x) => x.path === 'cellsPerDay')).toEqual({ path: 'cellsPerDay', value: 5000, ci: 100 });
    const h = headlineMetrics(m).map((x) => x.path);
    expect(h[0]).toBe('cellsPerDay');
    // several sinks: no total is claimed, the busiest sink is compared
    const two = withDerived(flattenMetrics({ ...batch, sinks: { 'grade-b': { units: 900000 }, packs: { units: 86400, unitsCI95: 864 } } }));
    expect(two.some((x) => x.path === 'cellsPerDay')).toBe(false);
    expect(primaryMetric(two)).toEqual({ path: 'sinks.packs.unitsPerDay', value: 8640, ci: 86.4 });
    // run settings are not KPIs
    expect(h).not.toContain('horizonS');
    expect(h).not.toContain('replications');
  });

  it("compares the server's plant KPIs with their CI and the static bound, ahead of anything derived", () => {
    const posted = {
      runId: 'r9',
      horizonS: 11 * 86400,
      warmupS: 86400,
      sinks: { shipping: { units: 50000, unitsCI95: 1000 } },
      kpis: {
        cellsPerDay: 4800,
        cellsPerDayCI95: 90,
        gwhPerYear: 0.35,
        gwhPerYearCI95: 0.01,
        yield: { overall: 0.95, overallCI95: 0.004 },
        oee: { stacker: { oee: 0.7, oeeCI95: 0.02 } },
      },
    };
    expect(resultOf(posted)).toBe(posted); // the POST answer is the document itself, kpis included
    const m = withDerived(flattenMetrics(resultOf(posted)));
    expect(m.some((x) => x.path === 'cellsPerDay')).toBe(false); // no sink-based estimate next to the server's count
    expect(primaryMetric(m)).toEqual({ path: 'kpis.cellsPerDay', value: 4800, ci: 90 });
    const h = headlineMetrics(m).map((x) => x.path);
    expect(h.slice(0, 2)).toEqual(['kpis.cellsPerDay', 'kpis.gwhPerYear']);
    expect(h).toContain('kpis.yield.overall');
    expect(h).not.toContain('kpis.oee.stacker.oee');
    const bound = boundOf({ capacity: { cellsPerHour: 250, cellsPerDay: 6000, gwhPerYear: 0.44, bottleneck: { id: 'stacker' } } });
    expect(boundFor(m.find((x) => x.path === 'kpis.gwhPerYear'), bound)).toBe(0.44);
    expect(boundFor(primaryMetric(m), bound)).toBe(6000);
  });

  it('unwraps run replies and capacity reports', () => {
    expect(resultOf({ id: 'r1', result })).toBe(result);
    const bound = boundOf({ cellsPerHour: 150, cellsPerDay: 3600, bottleneck: { id: 'formation', cellsPerHour: 150 } });
    expect(bound).toEqual({ cellsPerHour: 150, cellsPerDay: 3600, bottleneck: 'formation' });
    expect(boundFor({ path: 'cellsPerDay', value: 1, ci: null }, bound)).toBe(3600);
    expect(boundFor({ path: 'sinks.out.perHour', value: 1, ci: null }, bound)).toBeUndefined();
  });
});

describe('server replies', () => {
  it('reads the error message and problems the server sent', () => {
    const e = errorFromBody(400, JSON.stringify({ error: { message: 'invalid run', problems: ['horizon: must be > 0'] } }));
    expect(e.message).toBe('invalid run');
    expect(e.problems).toEqual(['horizon: must be > 0']);
    expect(errorFromBody(404, JSON.stringify({ error: 'no such model' })).message).toBe('no such model');
    expect(errorFromBody(502, 'Bad gateway\n').message).toBe('Bad gateway');
    expect(errorFromBody(500, '').message).toBe('HTTP 500');
  });

  it('reads model and scenario lists in the shapes the server may send', () => {
    expect(toCatalog(['a', 'b'])).toEqual([{ id: 'a', name: 'a' }, { id: 'b', name: 'b' }]);
    expect(toCatalog({ models: [{ id: 'demo-line', name: 'Demo cell line' }] })[0]).toMatchObject({ id: 'demo-line', name: 'Demo cell line' });
    expect(toCatalog({ scenarios: [{ id: 's', model: 'demo-line', question: 'why?' }] })[0]).toMatchObject({ id: 's', name: 's', model: 'demo-line', question: 'why?' });
    expect(() => toCatalog({ nope: 1 })).toThrow(/unknown shape/);
  });
});

describe('parameter input', () => {
  it('offers the fields setParam accepts for each node type', () => {
    const model = testModel();
    const by = (id: string) => editableFields(model.nodes.find((n) => n.id === id)!);
    expect(by('coater')).toEqual(['servers', 'cycle', 'yield']);
    expect(by('buf')).toEqual(['capacity']);
    expect(by('aging')).toEqual(['time', 'capacity']);
    expect(by('coils')).toEqual(['interarrival']);
    expect(by('out')).toEqual([]);
  });

  it('parses what the user typed, accepting a decimal comma', () => {
    expect(parseParamInput('yield', '0,95')).toBe(0.95);
    expect(parseParamInput('capacity', '')).toBeNull();
    expect(parseParamInput('capacity', '12')).toBe(12);
    expect(() => parseParamInput('capacity', '1.5')).toThrow(/whole number/);
    expect(parseParamInput('cycle', '{"dist":"constant","value":60}')).toEqual({ dist: 'constant', value: 60 });
    expect(() => parseParamInput('cycle', '{dist')).toThrow(/JSON/);
  });
});

describe('node throughput', () => {
  it('is the slope of the cumulative count, never negative after a reset', () => {
    expect(ratePerHour([0, 3600, 7200], [0, 10, 30], 1)).toEqual([0, 10, 20]);
    expect(ratePerHour([0, 3600, 7200], [0, 10, 2], 1)).toEqual([0, 10, 0]);
  });
});
