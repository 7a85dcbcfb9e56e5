import type { PlantKpis } from '../../../server/protocol/messages.ts';

/**
 * What the headline strip shows, as numbers: the server's plant KPIs picked and
 * named for an executive. The test hook exposes the same object, so a browser test
 * reads exactly what the reader sees.
 */
export interface Headline {
  /** A-grade cells reaching module assembly per simulated day, over the window. */
  cellsPerDay: number | null;
  /** GWh per year at the window's pace (the server carries the shift calendar over the year). */
  gwhPerYear: number | null;
  /** Simulated days the rate is measured over (7 once the plant is a week old). */
  windowDays: number | null;
  /** Share of the window and of the year the cell step is on shift: gwhPerYear = cellsPerDay / windowOnShare × 365 × yearOnShare × Wh / 1e9. */
  windowOnShare: number | null;
  yearOnShare: number | null;
  /** First-pass yield, electrode to finished cell. */
  yield: number | null;
  /** The bottleneck station and why it is one: `share` of time in `measure` (server words), or its active share. */
  bottleneck: { id: string; measure: string | null; share: number } | null;
  /** Cells of each completed simulated day, oldest first. */
  daily: { day: number; cells: number }[];
  /** Simulated time of these KPIs, s. */
  simTimeS: number | null;
}

/** Fields the bottleneck KPI may carry to say why (added by the server's bottleneck analysis); absent in older servers. */
interface BottleneckWhy {
  kind?: string;
  measure?: string;
  share?: number;
}

export function headlineOf(pk: PlantKpis | null): Headline {
  const out = pk?.output ?? null;
  const b = pk?.bottleneck ?? null;
  const why = (b ?? {}) as BottleneckWhy;
  return {
    cellsPerDay: out?.cellsPerDay ?? null,
    gwhPerYear: out?.gwhPerYear ?? null,
    windowDays: out ? out.windowS / 86400 : null,
    windowOnShare: out?.windowOnShare ?? null,
    yearOnShare: out?.yearOnShare ?? null,
    yield: pk ? pk.yield.overall : null,
    bottleneck: b && {
      id: b.id,
      measure: typeof why.measure === 'string' ? why.measure : null,
      share: typeof why.share === 'number' ? why.share : b.activeShare,
    },
    daily: (out?.daily ?? []).map((d) => ({ day: d.dayStartS / 86400, cells: d.cells })),
    simTimeS: pk?.simTimeS ?? null,
  };
}
