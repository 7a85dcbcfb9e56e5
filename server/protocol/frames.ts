import { z } from 'zod';
import { PlantKpisSchema } from './plant-kpis.ts';

/** Meaning of each entry of a KPI point (`Frame.kp`, `Snapshot.kpiHistory[i]`). */
export const KPI_FIELDS = [
  'simTimeS', // simulation time of the point
  'throughputPerHour', // parts reaching sinks per hour since statistics start
  'unitsPerHour', // units (cells) reaching sinks per hour since statistics start
  'wip', // parts in the plant now
  'utilization', // mean share of station servers working now (0..1)
  'down', // station servers down now
  'blocked', // station servers blocked now
] as const;
export type KpiField = (typeof KPI_FIELDS)[number];

/** The per-node arrays of a frame (keyframe: one entry per node; delta: [nodeIndex, value] pairs). */
export const FRAME_NODE_ARRAYS = ['st', 'ws', 'ut', 'lv', 'ct', 'sc'] as const;
export type FrameNodeArray = (typeof FRAME_NODE_ARRAYS)[number];

/**
 * An array of numbers, checked in one tight loop: the client parses every frame, and
 * z.array(z.number()) (one schema call and a copy per element) measured ~8× slower on
 * the default plant's keyframes (about 90 µs against 10 µs; test/bench/frame-parse.ts).
 */
const numbers = z.custom<number[]>((v) => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}, 'must be an array of numbers');
const flag = z.literal([0, 1]);
const nodeArrays = Object.fromEntries(FRAME_NODE_ARRAYS.map((key) => [key, numbers])) as Record<FrameNodeArray, typeof numbers>;

/**
 * One frame of the live stream (10–20 Hz). Keys are short because 500 viewers
 * receive each one; per-node arrays are indexed by node order (`Snapshot.nodes`).
 *
 *   n   frame number in the session (increases by 1 per frame produced; a viewer
 *       skipped by flow control sees gaps)
 *   k   1 = keyframe: st/ws/ut/lv/ct/sc below are complete arrays, one entry per node;
 *       0 = delta against frame n-1: each is a flat list of pairs [nodeIndex, value, ...]
 *       for the nodes that changed. A viewer only ever gets a delta when it received
 *       frame n-1, otherwise a keyframe.
 *   t   simulation time, s
 *   r   1 running, 0 paused
 *   x   speed (simulated s per wall s); 0 = as fast as possible
 *   lk  1 = session locked by its owner
 *   ev  events fired so far
 *   st  current state code per node: NO_STATE for nodes without servers, else an
 *       index into SERVER_STATES — the state held by most servers, ties going to
 *       the more important state (down, blocked, setup, working, offShift, idle)
 *   ws  servers working now (share = ws / NodeInfo.servers)
 *   ut  utilization since statistics start, per mille (0..1000)
 *   lv  parts held by the node now (buffer level, parts in process)
 *   ct  completed cycles (sinks: parts arrived) since statistics start
 *   sc  units scrapped since statistics start
 *   mv  moving parts since the previous frame, a uniform sample of at most
 *       MAX_MOVES_PER_FRAME, flat triples [fromIndex, toIndex, qty, ...]
 *   mc  number of moves since the previous frame (mv holds a sample of them)
 *   kp  one KPI point laid out as KPI_FIELDS
 *   pk  plant KPIs (PlantKpis), only on frames where the server recomputed them
 *       (about once per wall second, and after commands) and on keyframes
 *
 * The schema checks types and shape only (no ranges, no refinements): the client parses
 * every frame with it, so it is kept to what indexing into a frame safely needs, and
 * the number arrays are checked by a loop, not per element (see `numbers`).
 */
export const FrameSchema = z.object({
  n: z.number(),
  k: flag,
  t: z.number(),
  r: flag,
  x: z.number(),
  lk: flag,
  ev: z.number(),
  ...nodeArrays,
  mv: numbers,
  mc: z.number(),
  kp: numbers,
  pk: PlantKpisSchema.optional(),
});
export type Frame = z.output<typeof FrameSchema>;

/** Applies a delta array (pairs) or replaces with a keyframe array, in place. */
export function applyNodeArray(target: number[], incoming: number[], keyframe: boolean): void {
  if (keyframe) {
    target.length = incoming.length;
    for (let i = 0; i < incoming.length; i++) target[i] = incoming[i];
    return;
  }
  for (let i = 0; i + 1 < incoming.length; i += 2) target[incoming[i]] = incoming[i + 1];
}
