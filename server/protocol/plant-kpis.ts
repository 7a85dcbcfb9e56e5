import { z } from 'zod';

/**
 * The plant KPIs of a live session as the server computes them (server/kpi
 * computeKpis over the plant's statistics since statistics start), sent about once
 * per wall second: in `Snapshot.plantKpis`, and as `Frame.pk` on the frames that
 * carry a fresh computation (keyframes always carry the latest one).
 *
 * Headline values are named fields (they come once a second, not 20 times);
 * per-node values are arrays indexed like `Snapshot.nodes`, as in frames.
 * Outbound only: the schema documents the shape and lets tests check it.
 */
const nullableNumber = z.number().nullable();
const byName = z.record(z.string(), z.number());

/**
 * The plant's recent output for the headline: A-grade cells reaching the module
 * feed (good cells out of product.cellsFrom minus those routed straight to a sink,
 * i.e. grade B) over the last 7 simulated days, and per completed day.
 */
export const PlantOutputSchema = z.object({
  /** Simulated seconds the rate is taken over: 7 days, or less while the plant is younger. */
  windowS: z.number(),
  /** A-grade cells to the module feed within the window. */
  cells: z.number(),
  /** cells / window, per simulated day; null before any time has passed. */
  cellsPerDay: nullableNumber,
  /** Share of the window the cell step was on shift (its calendar; 1 without one). */
  windowOnShare: z.number(),
  /** Share of the year it is on shift (the default plant: 350 of 365 days). */
  yearOnShare: z.number(),
  /**
   * The window's pace over a year: cellsPerDay / windowOnShare × 365 × yearOnShare ×
   * product.whPerCell / 1e9 (null without whPerCell, or when the window was all off shift).
   */
  gwhPerYear: nullableNumber,
  /** Cells of each completed simulated day (day d starts at dayStartS = d × 86,400 s), oldest first, up to 30. */
  daily: z.array(z.object({ dayStartS: z.number(), cells: z.number() })),
});

export type PlantOutput = z.output<typeof PlantOutputSchema>;

export const PlantKpisSchema = z.object({
  /** Simulation time the KPIs were computed at, s. */
  simTimeS: z.number(),
  /** Simulated seconds of statistics behind them (since start or the last reset). */
  measuredS: z.number(),
  /** Good cells / modules / packs per calendar day; null when the model has no product data for it. */
  cellsPerDay: nullableNumber,
  modulesPerDay: nullableNumber,
  packsPerDay: nullableNumber,
  /** Good cells at product.cellsFrom × Wh per cell, annualised over 8,760 h (shift calendar applied). */
  gwhPerYear: nullableNumber,
  /** First-pass yields: overall = cell × mean of the input (electrode) lines, as in the CLI's kpis.yield. */
  yield: z.object({ overall: z.number(), cell: z.number(), inputs: byName }),
  /**
   * Yield of each area along the chain from the raw materials to packs (areas in
   * model order, only those with stations): the product of measured station yields
   * in that area, parallel input lines averaged. Drives the yield-loss Sankey.
   */
  yieldByArea: z.array(z.object({ area: z.string(), yield: z.number() })),
  scrapCostTotal: z.number(),
  currency: z.string(),
  /** Time-average parts per area, and the same in cell-equivalents; null before the plant has been sampled. */
  wipByArea: z.object({ parts: byName, cellEquivalents: byName }).nullable(),
  /** Time from release to the pack sink (sink = that sink's id), or to any sink (sink = null); null before a part got there. */
  leadTimeS: z.object({ mean: nullableNumber, p95: nullableNumber, sink: z.string().nullable() }),
  /** Bottleneck station and how it was determined (method), with the runners-up and when it moved. */
  bottleneck: z
    .object({
      id: z.string(),
      method: z.string(),
      activeShare: z.number(),
      ranking: z.array(z.object({ id: z.string(), activeShare: z.number() })),
      shifts: z.array(z.object({ atS: z.number(), from: z.string(), to: z.string() })),
    })
    .nullable(),
  /**
   * Per node, indexed like Snapshot.nodes. passed: good units out (stations:
   * processed − scrapped; sinks: units received; others 0); scrapped: units
   * scrapped; scrapCost: scrapped × the node's scrapCost (null without one);
   * yield: first-pass yield; oee, availability, performance, quality: OEE and its
   * factors (planned time = on-shift time). Null where a node has no such value.
   */
  /**
   * Electricity since statistics start (kpis.energy of a run, metered from the state times): plant
   * total, per area (stations plus base load) and base load per area in kWh, and kWh per kWh of
   * A-grade cells (null before any); null when the model has no power data.
   */
  energy: z.object({ kwh: z.number(), byArea: byName, baseByArea: byName, kwhPerKwhCell: nullableNumber }).nullable().optional(),
  /** Recent output at the module feed (headline); null when the model has no product.cellsFrom station. */
  output: PlantOutputSchema.nullable().optional(),
  nodes: z.object({
    passed: z.array(z.number()),
    scrapped: z.array(z.number()),
    scrapCost: z.array(nullableNumber),
    yield: z.array(nullableNumber),
    oee: z.array(nullableNumber),
    availability: z.array(nullableNumber),
    performance: z.array(nullableNumber),
    quality: z.array(nullableNumber),
  }),
});

export type PlantKpis = z.output<typeof PlantKpisSchema>;
