import { MACHINE_LIKE, routeTargets, type Model, type ModelNode } from '../protocol/model.ts';
import type { MonitorReport } from '../plant/monitor.ts';

export const BOTTLENECK_METHOD =
  'every resource judged against its own capacity while its feeders are on shift: stations by active share (working, in setup or down: neither starved nor blocked), ' +
  'stores with places (delays, conveyors) by the mean share of places held by parts still dwelling or riding (throughput / (places / dwell) by Little\'s law), ' +
  'vehicle fleets by the share of vehicle time working; the highest is the bottleneck, unless it is blocked more than starved (and at least 2 % of on-shift time): ' +
  'then the walk follows its exit downstream, past full buffers and blocked resources, to what blocks it; per-window shifts rank stations only';

/** What a resource is, for saying why it limits output. */
export type ConstraintKind = 'station' | 'store' | 'conveyor' | 'fleet';
/**
 * How its share was measured: active (stations: working, in setup or down), occupied
 * (stores, conveyors: mean share of places held by parts still dwelling or riding,
 * which by Little's law is throughput / (places / dwell)), working (fleets).
 */
export type ConstraintMeasure = 'active' | 'occupied' | 'working';

export interface ConstraintShare {
  id: string;
  kind: ConstraintKind;
  measure: ConstraintMeasure;
  /** Share of on-shift time the resource was saturated by that measure. */
  share: number;
  /** Same as share (kept for readers of the station-only KPI). */
  activeShare: number;
  /** Share of on-shift time blocked by the successor (stores: their exit held, fleets: waiting to unload). */
  blockedShare: number;
  /** Stores and conveyors: share of on-shift time every place was taken with the exit free. */
  fullShare?: number;
}

export interface BottleneckKpi extends ConstraintShare {
  method: string;
  /** Resources by share, highest first (top 5). */
  ranking: ConstraintShare[];
  /** When the most saturated resource was blocked: the path from it downstream to the bottleneck. */
  blockedPath: string[];
  windowS: number | null;
  /** Share of windows in which each station was the bottleneck. */
  windowShare: Record<string, number>;
  /** When the per-window bottleneck moved from one station to another. */
  shifts: { atS: number; from: string; to: string }[];
}

interface StatsLike {
  horizonS?: number;
  warmupS?: number;
  nodes: Record<string, Record<string, unknown>>;
  monitor?: MonitorReport;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Share of on-shift time a station's servers were working, in setup or down. */
export function activeShare(stats: Record<string, unknown> | undefined): number | null {
  const states = stats?.states as Record<string, number> | undefined;
  if (states === undefined) return null;
  const on = 1 - (states.offShift ?? 0);
  if (!(on > 0)) return null;
  return ((states.working ?? 0) + (states.setup ?? 0) + (states.down ?? 0)) / on;
}

/** How saturated one resource was, or null for nodes that cannot limit output by themselves (buffers, splits, sources). */
function constraintShare(n: ModelNode, run: StatsLike): ConstraintShare | null {
  const s = run.nodes[n.id];
  if (s === undefined) return null;
  const store = run.monitor?.stores?.[n.id];
  const entry = (kind: ConstraintKind, measure: ConstraintMeasure, share: number, blockedShare: number, fullShare?: number): ConstraintShare => ({
    id: n.id,
    kind,
    measure,
    share,
    activeShare: share,
    blockedShare,
    ...(fullShare === undefined ? {} : { fullShare }),
  });
  if (MACHINE_LIKE.has(n.type)) {
    const share = activeShare(s);
    if (share === null) return null;
    const states = s.states as Record<string, number>;
    return entry('station', 'active', share, num(states.blocked) / (1 - num(states.offShift)));
  }
  if ((n.type === 'delay' || n.type === 'conveyor') && store !== undefined) {
    return entry(n.type === 'delay' ? 'store' : 'conveyor', 'occupied', store.occupiedShare, store.blockedShare, store.fullShare);
  }
  if (n.type === 'vehicles') {
    // Vehicles only work while their feeders do: judge them against on-shift time.
    const on = store?.onShare ?? 1;
    const states = (s.states ?? {}) as Record<string, number>;
    return on > 0 ? entry('fleet', 'working', Math.min(1, num(s.utilization) / on), Math.min(1, num(states.blocked) / on)) : null;
  }
  return null;
}

/** Below this share of on-shift time blocked, what lies downstream costs a resource too little output to name it instead. */
export const BLOCKED_NOTABLE = 0.02;

/** A resource waits on its exit notably, and more than it waits for work (stores: more than they hold dwelling parts). */
function blockedMoreThanStarved(n: ModelNode, c: ConstraintShare | undefined, run: StatsLike): boolean {
  if (n.type === 'buffer') return true; // zero time: a full buffer passes the limit on to its successor
  if (c === undefined) return n.type === 'split' || n.type === 'source';
  if (c.blockedShare < BLOCKED_NOTABLE) return false;
  if (c.kind === 'station') {
    const states = (run.nodes[n.id]?.states ?? {}) as Record<string, number>;
    return num(states.blocked) > num(states.idle);
  }
  return c.blockedShare > c.share;
}

/** The run's bottleneck over every kind of resource, and how the station bottleneck moved between windows. */
export function findBottleneck(model: Model, run: StatsLike): BottleneckKpi | null {
  const shares = new Map<string, ConstraintShare>();
  for (const n of model.nodes) {
    const c = constraintShare(n, run);
    if (c !== null) shares.set(n.id, c);
  }
  const ranking = [...shares.values()].sort((a, b) => b.share - a.share);
  if (ranking.length === 0) return null;
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  // A blocked top resource points downstream: follow the most likely route to the first resource not blocked itself.
  let top = ranking[0];
  const blockedPath: string[] = [];
  if (blockedMoreThanStarved(byId.get(top.id)!, top, run)) {
    let node: ModelNode | undefined = byId.get(top.id);
    const seen = new Set<string>();
    while (node !== undefined && node.type !== 'sink' && !seen.has(node.id)) {
      seen.add(node.id);
      blockedPath.push(node.id);
      const next: ModelNode | undefined = byId.get([...routeTargets(node.to)].sort((a, b) => b.p - a.p)[0].id);
      if (next === undefined || next.type === 'sink') break;
      const c = shares.get(next.id);
      if (c !== undefined && !blockedMoreThanStarved(next, c, run)) {
        blockedPath.push(next.id);
        top = c;
        break;
      }
      node = next;
    }
    if (top === ranking[0]) blockedPath.length = 0;
  }
  const windows = run.monitor?.windows ?? [];
  const windowShare: Record<string, number> = {};
  const shifts: BottleneckKpi['shifts'] = [];
  windows.forEach((w, i) => {
    windowShare[w.bottleneck] = (windowShare[w.bottleneck] ?? 0) + 1 / windows.length;
    if (i > 0 && windows[i - 1].bottleneck !== w.bottleneck) shifts.push({ atS: w.startS, from: windows[i - 1].bottleneck, to: w.bottleneck });
  });
  return {
    method: BOTTLENECK_METHOD,
    ...top,
    ranking: ranking.slice(0, 5),
    blockedPath,
    windowS: run.monitor?.windowS ?? null,
    windowShare,
    shifts,
  };
}

const MEASURE_WORDS: Record<ConstraintMeasure, string> = { active: 'active', occupied: 'places occupied', working: 'working' };

/** "aging (store) — places occupied 99 % of on-shift time, full 52 %": why a resource is named. */
export function bottleneckReason(b: Pick<ConstraintShare, 'id' | 'kind' | 'measure' | 'share' | 'fullShare'>, label?: string): string {
  const full = b.fullShare === undefined ? '' : `, full ${(b.fullShare * 100).toFixed(0)} %`;
  return `${label ?? b.id} (${b.kind}) — ${MEASURE_WORDS[b.measure]} ${(b.share * 100).toFixed(0)} % of on-shift time${full}`;
}
