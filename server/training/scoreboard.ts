import type { Plant } from '../plant/plant.ts';
import { Station } from '../plant/station.ts';
import { Sink } from '../plant/sink.ts';
import { DOWN } from '../plant/part.ts';
import type { TrainingKpis } from '../protocol/training-messages.ts';

/**
 * Good output so far at the script's `measureAt` step, else the product's
 * `cellsFrom` step: units that finished a cycle there minus units scrapped there
 * (units, not cycles or parts: a demo-line kit carries 24 cells; a training horizon
 * of hours or days is shorter than formation and aging, so sinks would still read
 * zero). Without either, units that reached sinks.
 */
export function goodUnits(plant: Plant, measureAt?: string): number {
  const id = measureAt ?? plant.model.product?.cellsFrom;
  const node = id === undefined ? undefined : plant.node(id);
  if (node instanceof Station) return node.unitsProcessed - node.scrapped;
  let units = 0;
  for (const n of plant.order) if (n instanceof Sink) units += n.units;
  return units;
}

/**
 * Losses so far (statistics since the last reset): server-hours down summed over
 * stations (a share of server-time × the span × servers), and scrap cost (units
 * scrapped × the station's scrapCost). Both are what the debrief charts over time.
 */
export function losses(plant: Plant): { downHours: number; scrapCost: number } {
  const span = plant.now - plant.statsStart;
  let downHours = 0;
  let scrapCost = 0;
  for (const n of plant.order) {
    if (!(n instanceof Station)) continue;
    downHours += (n.stateTime.fractions(plant.now)[DOWN] * span * n.serverCount) / 3600;
    scrapCost += n.scrapped * (n.config.scrapCost ?? 0);
  }
  return { downHours, scrapCost };
}

/** The scoreboard's KPIs of a plant now (statistics since its last reset). */
export function trainingKpis(plant: Plant, measureAt?: string): TrainingKpis {
  const now = plant.now;
  const span = now - plant.statsStart;
  let down = 0;
  let stations = 0;
  for (const n of plant.order) {
    if (!(n instanceof Station)) continue;
    down += n.stateTime.fractions(now)[DOWN];
    stations++;
  }
  let waits = 0;
  let waitSum = 0;
  for (const pool of plant.ctx.crews.values()) {
    if (pool.wait.count === 0) continue;
    waits += pool.wait.count;
    waitSum += pool.wait.mean * pool.wait.count;
  }
  const good = goodUnits(plant, measureAt);
  return {
    simTimeS: now,
    goodUnits: good,
    unitsPerHour: span > 0 ? (good * 3600) / span : 0,
    meanWip: span > 0 ? plant.ctx.wip.mean(now) : 0,
    downShare: stations > 0 ? down / stations : 0,
    crewWaitMeanS: waits > 0 ? waitSum / waits : 0,
    ...losses(plant),
  };
}
