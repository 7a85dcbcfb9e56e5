/**
 * Benchmark of issue 3: a saturated 5-station tandem line (exponential cycles of
 * mean 1, buffers of 5 between stations, blocking after service) run for 10^6
 * operations (completed machine cycles) with every statistic on. Prints
 * operations/s, events/s, peak memory and the line's throughput, which for this
 * line is about 0.79 parts per unit time.
 *
 *   npm run bench            (all benchmarks)
 *   npx tsx test/bench/tandem-line.ts [operations]
 */
import { ModelSchema, type Model } from '../../server/protocol/model.ts';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';

export function tandemLine(stations = 5, bufferSize = 5): Model {
  const nodes: unknown[] = [{ id: 'src', type: 'source', to: 'm1' }];
  for (let i = 1; i <= stations; i++) {
    const next = i === stations ? 'out' : `b${i}`;
    nodes.push({ id: `m${i}`, type: 'machine', servers: 1, cycle: { dist: 'exponential', mean: 1 }, to: next });
    if (i < stations) nodes.push({ id: `b${i}`, type: 'buffer', capacity: bufferSize, to: `m${i + 1}` });
  }
  nodes.push({ id: 'out', type: 'sink' });
  return ModelSchema.parse({ name: `tandem line ${stations}x${bufferSize}`, nodes });
}

export interface TandemBenchResult {
  operations: number;
  simTime: number;
  events: number;
  wallSeconds: number;
  /** CPU time of this process: on a busy shared machine it excludes waiting for a core. */
  cpuSeconds: number;
  opsPerSecond: number;
  opsPerCpuSecond: number;
  eventsPerSecond: number;
  throughput: number;
  peakRssMiB: number;
}

/** The plant classes to run: the TypeScript sources by default, or the compiled dist/server (engine-targets.ts). */
export interface PlantEngine {
  Plant: typeof Plant;
  plantReport: typeof plantReport;
}

export function runTandemBench(targetOps = 1_000_000, stations = 5, engine: PlantEngine = { Plant, plantReport }): TandemBenchResult {
  const plant = new engine.Plant(tandemLine(stations), 1, 0);
  const machines = [...plant.nodes.values()].filter((n) => n.type === 'machine');
  let peakRss = process.memoryUsage.rss();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let ops = 0;
  // Advance in slices so the operation count can be checked without a per-event hook.
  const slice = targetOps / stations / 20;
  while (ops < targetOps) {
    plant.runUntil(plant.now + slice);
    ops = machines.reduce((a, m) => a + m.completed, 0);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const report = engine.plantReport(plant);
  return {
    operations: ops,
    simTime: plant.now,
    events: plant.sim.eventsFired,
    wallSeconds,
    cpuSeconds,
    opsPerSecond: ops / wallSeconds,
    opsPerCpuSecond: ops / cpuSeconds,
    eventsPerSecond: plant.sim.eventsFired / wallSeconds,
    throughput: report.sinks.out.count / plant.now,
    peakRssMiB: peakRss / 2 ** 20,
  };
}

export function printTandemBench(r: TandemBenchResult): void {
  console.log(
    [
      `tandem line 5 stations, buffers 5, exp(1): ${r.operations.toLocaleString('en')} operations in ${r.wallSeconds.toFixed(3)} s`,
      `  operations/s : ${(r.opsPerSecond / 1e6).toFixed(2)} M wall-clock, ${(r.opsPerCpuSecond / 1e6).toFixed(2)} M per CPU-second`,
      `  events/s     : ${(r.eventsPerSecond / 1e6).toFixed(2)} M`,
      `  throughput   : ${r.throughput.toFixed(4)} parts per unit time (theory ≈ 0.79)`,
      `  peak RSS     : ${r.peakRssMiB.toFixed(0)} MiB`,
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ops = Number(process.argv[2] ?? 1_000_000);
  runTandemBench(100_000); // warm the JIT so the measured run reflects steady-state speed
  printTandemBench(runTandemBench(ops));
}
