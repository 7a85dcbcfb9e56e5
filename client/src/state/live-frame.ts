import { applyNodeArray, FRAME_NODE_ARRAYS, KPI_FIELDS, type Frame, type PlantKpis, type Snapshot } from '../../../server/protocol/messages.ts';
import type { PlantLayout } from '../scene/layout.ts';

/** Most parts drawn at once; also the instance count of the moving-part mesh. */
export const MAX_PARTS = 512;
/** Wall-clock seconds a transfer takes on screen until the model carries real transport times. */
export const PART_TRAVEL_S = 1.2;
/** KPI points and per-node samples kept for the charts. */
export const HISTORY_POINTS = 600;
/** Wall time between history samples: 600 points then cover five minutes of watching at any speed. */
export const HISTORY_SAMPLE_MS = 500;

type NodeArrays = Record<(typeof FRAME_NODE_ARRAYS)[number], number[]>;

/**
 * Everything that changes with every frame. It lives outside React: the scene reads it in
 * useFrame and panels poll it on a slow timer, so a 20 Hz stream never re-renders the UI.
 */
export interface LiveData extends NodeArrays {
  /** Frame number of the last frame taken in; -1 before the first snapshot. */
  n: number;
  t: number;
  /** Sim time and wall time (ms) of the previous and latest frame, for smooth interpolation. */
  prevT: number;
  prevWallMs: number;
  wallMs: number;
  running: boolean;
  speed: number;
  locked: boolean;
  events: number;
  movesPerFrame: number;
  frames: number;
  lastSampleWallMs: number;
  /** Ring of parts in transit: edge index, wall start time (ms), units carried. */
  partEdge: Int32Array;
  partStartMs: Float64Array;
  partQty: Float32Array;
  partHead: number;
  /** KPI history as columns laid out like KPI_FIELDS, ready for uPlot. */
  kpi: number[][];
  /** Per-node history of completed cycles and level, sampled with each KPI point. */
  nodeCt: number[][];
  nodeLv: number[][];
  /** Sim seconds each node spent in each state (majority state per frame) since this client joined; node-major, 6 per node. */
  stateTime: Float64Array;
  /** The server's plant KPIs, replaced whenever a frame brings new ones (about once a second). */
  plantKpis: PlantKpis | null;
}

export const STATE_COUNT = 6;

export function createLiveData(): LiveData {
  return {
    n: -1, t: 0, prevT: 0, prevWallMs: 0, wallMs: 0, running: false, speed: 1, locked: false, events: 0, movesPerFrame: 0, frames: 0, lastSampleWallMs: -Infinity,
    st: [], ws: [], ut: [], lv: [], ct: [], sc: [],
    partEdge: new Int32Array(MAX_PARTS).fill(-1),
    partStartMs: new Float64Array(MAX_PARTS),
    partQty: new Float32Array(MAX_PARTS),
    partHead: 0,
    kpi: KPI_FIELDS.map(() => []),
    nodeCt: [],
    nodeLv: [],
    stateTime: new Float64Array(0),
    plantKpis: null,
  };
}

/** The single live object the app uses; tests make their own with createLiveData(). */
export const live: LiveData = createLiveData();

/** Starts over from a snapshot: its keyframe, its KPI history, no parts in flight. */
export function applySnapshot(data: LiveData, snap: Snapshot, wallMs: number): void {
  const count = snap.nodes.length;
  for (const key of FRAME_NODE_ARRAYS) data[key] = new Array(count).fill(0);
  data.partEdge.fill(-1);
  data.partHead = 0;
  data.kpi = KPI_FIELDS.map((_, i) => snap.kpiHistory.slice(-HISTORY_POINTS).map((p) => p[i] ?? 0));
  data.nodeCt = Array.from({ length: count }, () => []);
  data.nodeLv = Array.from({ length: count }, () => []);
  data.stateTime = new Float64Array(count * STATE_COUNT);
  data.n = -1;
  data.lastSampleWallMs = -Infinity;
  // A snapshot of another session (or after a reset) must not show the previous plant's KPIs.
  data.plantKpis = snap.plantKpis ?? null;
  applyFrame(data, { ...snap.frame, k: 1, mv: [] }, wallMs, null);
  data.prevT = data.t;
  data.prevWallMs = wallMs;
}

export type FrameOutcome = 'applied' | 'stale' | 'gap';

/**
 * Takes in one frame. A delta that does not follow the frame we hold cannot be applied
 * ('gap': ask for a snapshot); an old or repeated frame is ignored ('stale').
 */
export function applyFrame(data: LiveData, frame: Frame, wallMs: number, layout: PlantLayout | null): FrameOutcome {
  if (data.n >= 0 && frame.n <= data.n) return 'stale';
  const keyframe = frame.k === 1;
  if (!keyframe && frame.n !== data.n + 1) return 'gap';
  if (data.n >= 0 && frame.t > data.t) accumulateStates(data, frame.t - data.t);
  for (const key of FRAME_NODE_ARRAYS) applyNodeArray(data[key], frame[key], keyframe);
  data.n = frame.n;
  data.prevT = data.t;
  data.prevWallMs = data.wallMs;
  data.t = frame.t;
  data.wallMs = wallMs;
  data.running = frame.r === 1;
  data.speed = frame.x;
  data.locked = frame.lk === 1;
  data.events = frame.ev;
  data.movesPerFrame = frame.mc;
  if (frame.pk) data.plantKpis = frame.pk;
  data.frames++;
  if (layout) launchParts(data, frame.mv, wallMs, layout);
  if (frame.kp.length === KPI_FIELDS.length && wallMs - data.lastSampleWallMs >= HISTORY_SAMPLE_MS) {
    if (pushKpi(data, frame.kp)) data.lastSampleWallMs = wallMs;
  }
  return 'applied';
}

/** Credits the time since the last frame to the state each node was in during it. */
function accumulateStates(data: LiveData, dt: number): void {
  const st = data.st;
  const acc = data.stateTime;
  for (let i = 0; i < st.length; i++) {
    const code = st[i];
    if (code >= 0 && code < STATE_COUNT && i * STATE_COUNT + code < acc.length) acc[i * STATE_COUNT + code] += dt;
  }
}

/** Shares of each state for one node, 0..1, from the accumulated times; all zeros before any time passed. */
export function stateShares(data: LiveData, nodeIndex: number): number[] {
  const slice = Array.from(data.stateTime.subarray(nodeIndex * STATE_COUNT, nodeIndex * STATE_COUNT + STATE_COUNT));
  const total = slice.reduce((a, b) => a + b, 0);
  return slice.map((v) => (total > 0 ? v / total : 0));
}

/** Each sampled move becomes a part on its edge; starts are spread over the frame interval so parts stream, not pulse. */
function launchParts(data: LiveData, mv: number[], wallMs: number, layout: PlantLayout): void {
  const moves = Math.floor(mv.length / 3);
  if (moves === 0) return;
  const interval = Math.min(200, Math.max(0, data.wallMs - data.prevWallMs) || 50);
  for (let m = 0; m < moves; m++) {
    const from = layout.nodes[mv[3 * m]];
    const to = layout.nodes[mv[3 * m + 1]];
    if (!from || !to) continue;
    const edge = layout.edgeIndex.get(`${from.id}>${to.id}`);
    if (edge === undefined) continue;
    const slot = data.partHead;
    data.partHead = (slot + 1) % MAX_PARTS;
    data.partEdge[slot] = edge;
    data.partStartMs[slot] = wallMs + (interval * m) / moves;
    data.partQty[slot] = mv[3 * m + 2];
  }
}

function pushKpi(data: LiveData, kp: number[]): boolean {
  const last = data.kpi[0].length - 1;
  // The server may repeat the KPI point while paused; a chart needs strictly increasing time.
  if (last >= 0 && kp[0] <= data.kpi[0][last]) return false;
  for (let i = 0; i < KPI_FIELDS.length; i++) {
    const col = data.kpi[i];
    col.push(kp[i]);
    if (col.length > HISTORY_POINTS) col.shift();
  }
  for (let i = 0; i < data.ct.length; i++) {
    const ct = (data.nodeCt[i] ??= []);
    const lv = (data.nodeLv[i] ??= []);
    ct.push(data.ct[i]);
    lv.push(data.lv[i]);
    if (ct.length > HISTORY_POINTS) ct.shift();
    if (lv.length > HISTORY_POINTS) lv.shift();
  }
  return true;
}

/** Sim time shown between frames: advances smoothly from the previous frame's time toward the latest. */
export function interpolatedSimTime(data: LiveData, nowMs: number): number {
  const span = data.wallMs - data.prevWallMs;
  if (!data.running || span <= 0) return data.t;
  const f = Math.min(1, Math.max(0, (nowMs - data.wallMs) / span));
  return data.prevT + (data.t - data.prevT) * f;
}

/** 0..1 progress of the part in a slot at `nowMs`, or -1 if the slot is empty, not started or done. */
export function partProgress(data: LiveData, slot: number, nowMs: number): number {
  if (data.partEdge[slot] < 0) return -1;
  const p = (nowMs - data.partStartMs[slot]) / (PART_TRAVEL_S * 1000);
  if (p > 1) {
    data.partEdge[slot] = -1;
    return -1;
  }
  return p < 0 ? -1 : p;
}
