/**
 * The fixed state set of a station's servers, as in JaamSim and Plant Simulation: the
 * one list the plant's statistics, the reports (`states` objects, in this order) and the
 * frames (`Frame.st` holds an index into it) all use.
 */
export const SERVER_STATES = ['working', 'idle', 'blocked', 'setup', 'down', 'offShift'] as const;
export type ServerStateName = (typeof SERVER_STATES)[number];

const index = (name: ServerStateName): number => SERVER_STATES.indexOf(name);
export const WORKING = index('working');
export const IDLE = index('idle');
export const BLOCKED = index('blocked');
export const SETUP = index('setup');
export const DOWN = index('down');
export const OFF_SHIFT = index('offShift');

/** `Frame.st` of a node without servers (buffers, sinks, ...). */
export const NO_STATE = -1;

/** A zeroed count per server state, indexed like SERVER_STATES. */
export function emptyStateCounts(): number[] {
  return SERVER_STATES.map(() => 0);
}
