import { MACHINE_LIKE, type Model } from '../protocol/model.ts';
import type { MonitorReport } from '../plant/monitor.ts';

export const BOTTLENECK_METHOD =
  'active-period method: the station whose servers are most often active (working, in setup or down, i.e. neither starved nor blocked) while on shift; per window from exact cumulative state times';

export interface BottleneckKpi {
  method: string;
  id: string;
  activeShare: number;
  /** Stations by active share, highest first (top 5). */
  ranking: { id: string; activeShare: number }[];
  windowS: number | null;
  /** Share of windows in which each station was the bottleneck. */
  windowShare: Record<string, number>;
  /** When the per-window bottleneck moved from one station to another. */
  shifts: { atS: number; from: string; to: string }[];
}

interface StatsLike {
  nodes: Record<string, Record<string, unknown>>;
  monitor?: MonitorReport;
}

/** Share of on-shift time a station's servers were working, in setup or down. */
export function activeShare(stats: Record<string, unknown> | undefined): number | null {
  const states = stats?.states as Record<string, number> | undefined;
  if (states === undefined) return null;
  const on = 1 - (states.offShift ?? 0);
  if (!(on > 0)) return null;
  return ((states.working ?? 0) + (states.setup ?? 0) + (states.down ?? 0)) / on;
}

/** The run's bottleneck by the active-period method, and how it moved between windows. */
export function findBottleneck(model: Model, run: StatsLike): BottleneckKpi | null {
  const ranking = model.nodes
    .filter((n) => MACHINE_LIKE.has(n.type))
    .map((n) => ({ id: n.id, activeShare: activeShare(run.nodes[n.id]) }))
    .filter((r): r is { id: string; activeShare: number } => r.activeShare !== null)
    .sort((a, b) => b.activeShare - a.activeShare);
  if (ranking.length === 0) return null;
  const windows = run.monitor?.windows ?? [];
  const windowShare: Record<string, number> = {};
  const shifts: BottleneckKpi['shifts'] = [];
  windows.forEach((w, i) => {
    windowShare[w.bottleneck] = (windowShare[w.bottleneck] ?? 0) + 1 / windows.length;
    if (i > 0 && windows[i - 1].bottleneck !== w.bottleneck) shifts.push({ atS: w.startS, from: windows[i - 1].bottleneck, to: w.bottleneck });
  });
  return {
    method: BOTTLENECK_METHOD,
    id: ranking[0].id,
    activeShare: ranking[0].activeShare,
    ranking: ranking.slice(0, 5),
    windowS: run.monitor?.windowS ?? null,
    windowShare,
    shifts,
  };
}
