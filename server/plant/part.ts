import { SERVER_STATES } from '../protocol/economics.ts';

/** A part moving through the plant: a coil, a tray of cells, a module. */
export interface Part {
  /** Units carried (cells on a tray); yield losses scrap units, not whole parts. */
  qty: number;
  /** Simulation time when the part (or its oldest component) left its source. */
  createdAt: number;
}

/**
 * The fixed state set of a station's servers, as in JaamSim and Plant Simulation.
 * The order is the order of the `states` object in reports.
 */
export { SERVER_STATES };
export type ServerStateName = (typeof SERVER_STATES)[number];
export const WORKING = 0;
export const IDLE = 1;
export const BLOCKED = 2;
export const SETUP = 3;
export const DOWN = 4;
export const OFF_SHIFT = 5;
