import { z } from 'zod';
import { schemaHelpers } from './distribution.ts';
import { SERVER_STATES } from './server-states.ts';

const { nonNegative, positive } = schemaHelpers;

/** Power is given per server state (the list in server-states.ts). */
export type PowerState = (typeof SERVER_STATES)[number];

/**
 * Electric power of one server in each state, kW. A state left out draws
 * `idleKw` (a machine waiting for a part draws what it draws idle), and 0
 * without `idleKw` either.
 */
export const PowerSchema = z.strictObject({
  workingKw: nonNegative().optional(),
  idleKw: nonNegative().optional(),
  blockedKw: nonNegative().optional(),
  setupKw: nonNegative().optional(),
  downKw: nonNegative().optional(),
  offShiftKw: nonNegative().optional(),
});
export type Power = z.output<typeof PowerSchema>;

/** kW drawn by one server in `state`, with the fallbacks of PowerSchema. */
export function powerIn(power: Power, state: PowerState): number {
  return power[`${state}Kw`] ?? power.idleKw ?? 0;
}

const operators = () => nonNegative().describe('operators present per shift (whenever the calendar is on), may be fractional (a shared operator)');

/** Energy and cost fields of a machine, batch or assembly node. */
export const stationEconomics = {
  power: PowerSchema.optional().describe('kW per server in each state'),
  capex: nonNegative().optional().describe('investment per server, in the model currency'),
  operators: operators().optional(),
};

/** Energy and cost fields of an area (hall). */
export const areaEconomics = {
  baseKw: nonNegative().optional().describe('constant load of the hall (HVAC, lighting, compressed air), kW, drawn around the clock'),
  capex: nonNegative().optional().describe('investment in the hall and its utilities, in the model currency'),
  operators: operators().optional(),
};

/** Material bought at a source, per unit it releases (so scrapped units are paid for too). */
export const sourceEconomics = {
  materialCost: nonNegative().optional().describe('material cost per unit released, in the model currency'),
};

/**
 * Plant-wide prices: the capital recovery (annuity) rule, electricity and
 * labour prices, and capital not attributed to any station or hall.
 */
export const EconomicsSchema = z.strictObject({
  electricityPerKwh: nonNegative().default(0).describe('price of 1 kWh of electricity, in the model currency'),
  labourPerHour: nonNegative().default(0).describe('loaded cost of one operator-hour, in the model currency'),
  annuity: z
    .strictObject({
      years: positive().describe('depreciation period'),
      rate: nonNegative().lt(1, 'must be < 1 (a yearly interest rate such as 0.08)').describe('yearly interest rate'),
    })
    .default({ years: 10, rate: 0.08 }),
  plantCapex: nonNegative().default(0).describe('investment not given per station or area (site, infrastructure)'),
});
export type Economics = z.output<typeof EconomicsSchema>;

/** Share of an investment paid back each year: r / (1 − (1 + r)^−n), or 1/n without interest. */
export function annuityFactor(years: number, rate: number): number {
  return rate === 0 ? 1 / years : rate / (1 - (1 + rate) ** -years);
}
