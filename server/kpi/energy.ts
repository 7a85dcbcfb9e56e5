import { powerIn } from '../protocol/economics.ts';
import { SERVER_STATES } from '../protocol/server-states.ts';
import { MACHINE_LIKE, type Model, type StationNode } from '../protocol/model.ts';

export interface EnergyKpi {
  /** Electricity of the plant in the measured window: stations plus the halls' base loads. */
  kwh: number;
  /** Per station (stations without `power` are left out). */
  byNode: Record<string, number>;
  /** Per area: its stations plus its base load. */
  byArea: Record<string, number>;
  /** Base load per area (`baseKw` × window), the part of byArea that does not depend on output. */
  baseByArea: Record<string, number>;
  /** Electricity per kWh of A-grade cells made in the window; null before the first good cell. */
  kwhPerKwhCell: number | null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * kWh of one station over `measuredS`: each state's share of server-time (the
 * report's `states`, exact time integrals kept by the station, not samples)
 * × servers × window hours × the server's power in that state.
 */
export function stationKwh(node: StationNode, states: Record<string, unknown>, measuredS: number): number {
  if (node.power === undefined) return 0;
  const hours = (node.servers * measuredS) / 3600;
  let kwh = 0;
  for (const state of SERVER_STATES) kwh += num(states[state]) * hours * powerIn(node.power, state);
  return kwh;
}

/** Whether the model says anything about electricity. */
export function hasEnergyData(model: Model): boolean {
  return model.areas.some((a) => a.baseKw !== undefined) || model.nodes.some((n) => MACHINE_LIKE.has(n.type) && (n as StationNode).power !== undefined);
}

/** Energy KPIs of one run window; null when the model has no power data. */
export function energyKpis(model: Model, nodes: Record<string, Record<string, unknown>>, measuredS: number, aGradeKwh: number | null): EnergyKpi | null {
  if (!hasEnergyData(model) || !(measuredS > 0)) return null;
  const byNode: Record<string, number> = {};
  const byArea: Record<string, number> = {};
  const baseByArea: Record<string, number> = {};
  let kwh = 0;
  for (const area of model.areas) {
    const base = ((area.baseKw ?? 0) * measuredS) / 3600;
    baseByArea[area.id] = base;
    byArea[area.id] = base;
    kwh += base;
  }
  for (const n of model.nodes) {
    if (!MACHINE_LIKE.has(n.type)) continue;
    const station = n as StationNode;
    if (station.power === undefined) continue;
    const e = stationKwh(station, (nodes[n.id]?.states ?? {}) as Record<string, unknown>, measuredS);
    byNode[n.id] = e;
    const area = n.area ?? '(none)';
    byArea[area] = (byArea[area] ?? 0) + e;
    kwh += e;
  }
  return { kwh, byNode, byArea, baseByArea, kwhPerKwhCell: aGradeKwh !== null && aGradeKwh > 0 ? kwh / aGradeKwh : null };
}
