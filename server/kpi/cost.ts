import { annuityFactor } from '../protocol/economics.ts';
import { currencyOf, MACHINE_LIKE, type Model, type StationNode } from '../protocol/model.ts';
import { calendarOnShare } from './calendar-share.ts';

const HOURS_PER_YEAR = 8760;

export interface CostKpi {
  currency: string;
  /** Investment: per-server capex × servers, halls and plantCapex. */
  capex: number;
  /** Per year, in the currency. `scrap` is shown but not in `total` (see costKpis). */
  perYear: { capex: number; energy: number; labour: number; materials: number; scrap: number; total: number };
  /** Operator positions staffed while on shift (stations and halls). */
  operators: number;
  /** Cost of one kWh of A-grade cells: perYear.total / A-grade kWh per year; null before the first good cell. */
  eurPerKwh: number | null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** What the cost terms need from the rest of the KPIs of one window. */
export interface CostInputs {
  nodes: Record<string, Record<string, unknown>>;
  /** Converts a count in the window into a count per year (the same scale as gwhPerYear). */
  flowPerYear: number;
  /** kWh of electricity in the window (0 without power data). */
  energyKwh: number;
  /** kWh of A-grade cells made in the window. */
  aGradeKwh: number;
  /** Σ scrapCost × scrapped units in the window. */
  scrapCost: number;
}

/**
 * Cost per year of running the plant as measured in the window:
 * - capex: the investment × the annuity factor r / (1 − (1 + r)^−n);
 * - labour: operator positions × their calendar's on-shift hours per year × price per hour;
 * - energy and materials: the window's amounts carried over to a year of output
 *   with `flowPerYear` (so the energy term per kWh is exactly kWh/kWh × price);
 * - scrap: the existing scrapCost valuation, per year. It is reported but not
 *   added to `total`: a scrapped unit's materials, energy and labour are already
 *   paid in the other terms, and adding its value again would count them twice.
 * Returns null when the model has no `economics` block.
 */
export function costKpis(model: Model, inputs: CostInputs): CostKpi | null {
  const eco = model.economics;
  if (eco === undefined) return null;
  let capex = eco.plantCapex;
  let operatorHours = 0;
  let operators = 0;
  let materialsWindow = 0;
  for (const n of model.nodes) {
    if (MACHINE_LIKE.has(n.type)) {
      const s = n as StationNode;
      capex += (s.capex ?? 0) * s.servers;
      operators += s.operators ?? 0;
      operatorHours += (s.operators ?? 0) * calendarOnShare(model, n) * HOURS_PER_YEAR;
    } else if (n.type === 'source' && n.materialCost !== undefined) {
      materialsWindow += num(inputs.nodes[n.id]?.completed) * n.qty * n.materialCost;
    }
  }
  for (const a of model.areas) {
    capex += a.capex ?? 0;
    operators += a.operators ?? 0;
    const cal = a.calendar === undefined ? undefined : model.calendars[a.calendar];
    const onShare = cal === undefined ? 1 : Math.min(1, cal.shifts.reduce((t, s) => t + s.endS - s.startS, 0) / cal.periodS);
    operatorHours += (a.operators ?? 0) * onShare * HOURS_PER_YEAR;
  }
  const perYear = {
    capex: capex * annuityFactor(eco.annuity.years, eco.annuity.rate),
    energy: inputs.energyKwh * inputs.flowPerYear * eco.electricityPerKwh,
    labour: operatorHours * eco.labourPerHour,
    materials: materialsWindow * inputs.flowPerYear,
    scrap: inputs.scrapCost * inputs.flowPerYear,
    total: 0,
  };
  perYear.total = perYear.capex + perYear.energy + perYear.labour + perYear.materials;
  const cellKwhPerYear = inputs.aGradeKwh * inputs.flowPerYear;
  return {
    currency: currencyOf(model),
    capex,
    perYear,
    operators,
    eurPerKwh: cellKwhPerYear > 0 ? perYear.total / cellKwhPerYear : null,
  };
}
