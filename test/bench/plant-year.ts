/**
 * Benchmark of issue 4: one year of the default plant, single replication, every
 * statistic on (acceptance: under 60 s on the 2-core machine). Prints wall time,
 * events/s and the headline KPIs so a slowdown and a change of behaviour show together.
 *
 *   npx tsx test/bench/plant-year.ts [model-id] [horizon]
 */
import { loadModelFile, resolveModelPath } from '../../server/files/model-files.ts';
import { runModel } from '../../server/experiments/runner.ts';
import { computeKpis } from '../../server/kpi/index.ts';
import { parseDuration } from '../../server/protocol/duration.ts';
import { formatFixed } from '../../server/protocol/text-format.ts';

export interface PlantYearResult {
  model: string;
  horizonS: number;
  wallSeconds: number;
  events: number;
  gwhPerYear: number | null;
  cellsPerDay: number | null;
  peakRssMiB: number;
}

/** The run functions to use: the TypeScript sources by default, or the compiled dist/server (engine-targets.ts). */
export interface RunEngine {
  loadModelFile: typeof loadModelFile;
  resolveModelPath: typeof resolveModelPath;
  runModel: typeof runModel;
  computeKpis: typeof computeKpis;
}

export function runPlantYear(modelId = 'default-plant', horizonS = 365 * 86400, engine: RunEngine = { loadModelFile, resolveModelPath, runModel, computeKpis }): PlantYearResult {
  const model = engine.loadModelFile(engine.resolveModelPath(modelId));
  const result = engine.runModel(model, { horizonS, warmupS: 0, seed: 1, replications: 1 });
  const kpis = engine.computeKpis(model, result);
  return {
    model: model.name,
    horizonS,
    wallSeconds: result.engine.wallSeconds,
    events: result.engine.events,
    gwhPerYear: kpis.gwhPerYear,
    cellsPerDay: kpis.cellsPerDay,
    peakRssMiB: process.memoryUsage().rss / 2 ** 20,
  };
}

export function printPlantYear(r: PlantYearResult): void {
  console.log(
    [
      `${r.model}: ${r.horizonS / 86400} d simulated in ${r.wallSeconds.toFixed(1)} s (target < 60 s for 365 d)`,
      `  events       : ${(r.events / 1e6).toFixed(2)} M (${(r.events / r.wallSeconds / 1e3).toFixed(0)} k events/s)`,
      `  output       : ${formatFixed(r.cellsPerDay, 0)} good cells/day, ${formatFixed(r.gwhPerYear, 2)} GWh/yr`,
      `  RSS at end   : ${r.peakRssMiB.toFixed(0)} MiB`,
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [model, horizon] = process.argv.slice(2);
  printPlantYear(runPlantYear(model, horizon ? parseDuration(horizon) : undefined));
}
