import { describe, expect, it } from 'vitest';
import { formatter } from '../../client/src/i18n/format.ts';
import { headlineOf } from '../../client/src/state/headline.ts';
import type { PlantKpis } from '../../server/protocol/messages.ts';

describe('counts with their nouns', () => {
  it('Russian takes one/few/many forms by the last digits (1 … 21, 2–4 … 22–24, else many; 11–14 many)', () => {
    const f = formatter('ru');
    const cases: [number, string][] = [
      [1, 'наблюдатель'], [2, 'наблюдателя'], [4, 'наблюдателя'], [5, 'наблюдателей'], [11, 'наблюдателей'],
      [12, 'наблюдателей'], [14, 'наблюдателей'], [21, 'наблюдатель'], [22, 'наблюдателя'], [25, 'наблюдателей'], [0, 'наблюдателей'],
    ];
    for (const [n, noun] of cases) expect(f.count(n, 'viewers')).toBe(`${n} ${noun}`);
    expect(f.count(7, 'days')).toBe('7 суток');
    expect(f.count(1, 'days')).toBe('1 сутки');
  });

  it('English has one and other', () => {
    const f = formatter('en');
    expect(f.count(1, 'viewers')).toBe('1 viewer');
    expect(f.count(0, 'viewers')).toBe('0 viewers');
    expect(f.count(2, 'viewers')).toBe('2 viewers');
  });
});

describe('headline figures', () => {
  const base = {
    simTimeS: 30 * 86400,
    yield: { overall: 0.88, cell: 0.9, inputs: {} },
    bottleneck: { id: 'stacker', method: 'active-period', activeShare: 0.94, ranking: [], shifts: [] },
    output: { windowS: 7 * 86400, cells: 7000, cellsPerDay: 1000, windowOnShare: 1, yearOnShare: 1, gwhPerYear: 0.0584, daily: [{ dayStartS: 86400, cells: 990 }] },
  } as unknown as PlantKpis;

  it('reads the 7-day output and falls back to the active share for why the bottleneck is one', () => {
    const h = headlineOf(base);
    expect(h).toMatchObject({ cellsPerDay: 1000, gwhPerYear: 0.0584, windowDays: 7, yield: 0.88, bottleneck: { id: 'stacker', measure: null, share: 0.94 } });
    expect(h.daily).toEqual([{ day: 1, cells: 990 }]);
  });

  it('uses the bottleneck analysis’ own measure and share when the server sends them', () => {
    const pk = { ...base, bottleneck: { ...base.bottleneck!, kind: 'station', measure: 'working', share: 0.97 } } as unknown as PlantKpis;
    expect(headlineOf(pk).bottleneck).toEqual({ id: 'stacker', measure: 'working', share: 0.97 });
  });

  it('shows nothing rather than zeros before the first KPIs', () => {
    expect(headlineOf(null)).toMatchObject({ cellsPerDay: null, gwhPerYear: null, yield: null, bottleneck: null, daily: [] });
  });
});
