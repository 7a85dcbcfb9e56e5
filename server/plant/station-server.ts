import type { SimEvent } from '../engine/index.ts';
import type { Outlet } from './node.ts';
import { BLOCKED, DOWN, IDLE, OFF_SHIFT, SETUP, WORKING, type Part } from './part.ts';

/** Why a server is stopped (bits; several can hold at once). */
export const FAILED = 1;
export const MANUAL = 2;
export const SHIFT = 4;

/** What a server is doing between a job's start and its hand-over. */
export const NO_ACTIVITY = 0;
export const IN_SETUP = 1;
export const IN_WORK = 2;

/** One server of a station: its job, its finished parts, its stops and its events. */
export class Server {
  state = IDLE;
  stop = 0;
  activity = NO_ACTIVITY;
  /** Remaining time of an activity paused by a stop, or -1. */
  remaining = -1;
  job: Part[] = [];
  /** Finished parts; those before `emitted` have been handed downstream. */
  output: Part[] = [];
  emitted = 0;
  partsSinceSetup = 0;
  ttfLeft = Number.POSITIVE_INFINITY;
  workStart = 0;
  /** Repair time of a scripted breakdown in progress, or -1 (a natural failure draws ttr). */
  forcedRepairS = -1;
  /** Changeover time owed before the next cycle after a recipe switch, or -1. */
  pendingSetupS = -1;
  isFree = true;
  /** Collecting a batch or kit: loaded parts wait in `job` (the server counts as idle). */
  collecting = false;
  /** When a collecting batch server loaded its first part: `maxWaitS` counts from it. */
  collectStart = 0;
  /** Leaves the station once its current job is handed over (servers reduced mid-run). */
  retiring = false;
  retired = false;
  end!: SimEvent;
  failEvent!: SimEvent;
  repairEvent!: SimEvent;
  outlet!: Outlet;
  constructor(readonly index: number) {}
}

/** What a server in service is doing now, by priority: down, off shift, working, setup, blocked, idle. */
export function serverState(s: Server): number {
  if ((s.stop & (FAILED | MANUAL)) !== 0) return DOWN;
  if ((s.stop & SHIFT) !== 0) return OFF_SHIFT;
  if (s.activity === IN_WORK) return WORKING;
  if (s.activity === IN_SETUP) return SETUP;
  if (s.outlet.blocked || s.emitted < s.output.length) return BLOCKED;
  return IDLE;
}
