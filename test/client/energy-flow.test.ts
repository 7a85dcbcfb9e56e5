import { describe, expect, it } from 'vitest';
import { energyFlow } from '../../client/src/capacity/EnergySankey.tsx';

const m = (path: string, value: number) => ({ path, value, ci: null });

describe('energy flow of a run for the Sankey', () => {
  it('splits each area into stations and base load, per day of the measured window', () => {
    // Measured window 2 d − 1 d = 86,400 s, so kWh in the window = kWh per day; /1000 → MWh/day.
    // Area "dry": 2,000 kWh of which 500 base → 1.5 MWh/day stations + 0.5 base; "cell": 1,000 kWh, no base.
    const flow = energyFlow([
      m('horizonS', 172800), m('warmupS', 86400), m('kpis.energy.kwh', 3000), m('kpis.energy.kwhPerKwhCell', 42),
      m('kpis.energy.byArea.cell', 1000), m('kpis.energy.byArea.dry', 2000), m('kpis.energy.baseByArea.dry', 500), m('kpis.energy.baseByArea.cell', 0),
    ]);
    expect(flow).toEqual({ areas: [{ id: 'dry', stations: 1.5, base: 0.5 }, { id: 'cell', stations: 1, base: 0 }], total: 3, kwhPerKwhCell: 42 });
  });
  it('is null without energy figures or a window', () => {
    expect(energyFlow([m('horizonS', 10)])).toBeNull();
    expect(energyFlow([m('kpis.energy.kwh', 5), m('horizonS', 10), m('warmupS', 10)])).toBeNull();
  });
});
