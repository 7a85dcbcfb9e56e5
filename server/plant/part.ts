/** A part moving through the plant: a coil, a tray of cells, a module. */
export interface Part {
  /** Units carried (cells on a tray); yield losses scrap units, not whole parts. */
  qty: number;
  /** Simulation time when the part (or its oldest component) left its source. */
  createdAt: number;
}

// The server state set lives in the protocol (frames index into it); the plant's blocks use it from here.
export { SERVER_STATES, WORKING, IDLE, BLOCKED, SETUP, DOWN, OFF_SHIFT, type ServerStateName } from '../protocol/server-states.ts';
