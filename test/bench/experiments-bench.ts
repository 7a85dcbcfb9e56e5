/**
 * Benchmark of issue 7: replications per second of the default plant on the
 * worker-thread pool with 1 and 2 threads, and the speed-up. Each replication
 * is independent, so on 2 idle cores the ideal speed-up is 2; thread start-up
 * is excluded (the pools are warmed first). The 1- and 2-worker runs alternate
 * for `rounds` rounds and the best of each counts, so a burst of other load
 * hurts one round, not the comparison; still, on a shared machine other load
 * eats into the second core: compare runs made on a quiet machine (see the
 * load average printed with the result).
 *
 *   npx tsx test/bench/experiments-bench.ts [replications] [horizon, e.g. 14d] [rounds] [model]
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { PoolExecutor } from '../../server/experiments/executors.ts';
import type { Task } from '../../server/experiments/task.ts';
import { loadModelFile, MODELS_DIR } from '../../server/files/model-files.ts';
import { parseDuration } from '../../server/protocol/duration.ts';

export interface ExperimentsBenchResult {
  model: string;
  horizonS: number;
  replications: number;
    /** coresUsed = CPU time of this process (all threads) / wall time: below `workers` means other load took the rest. */
  perWorkers: { workers: number; wallSeconds: number; replicationsPerSecond: number; eventsPerSecond: number; coresUsed: number }[];
  speedUp: number;
}

export async function runExperimentsBench(replications = 6, horizonS = 14 * 86400, rounds = 2, modelId = 'default-plant'): Promise<ExperimentsBenchResult> {
  const path = [join(MODELS_DIR, `${modelId}.json`), join(MODELS_DIR, 'demo-line.json')].find(existsSync)!;
  const model = loadModelFile(path);
  const tasks = (n: number, h: number): Task[] =>
    Array.from({ length: n }, (_, r) => ({ kind: 'replication', point: 0, replication: r, model, horizonS: h, warmupS: 0, seed: 1, kpis: [] }));
  const pools = [new PoolExecutor(1), new PoolExecutor(2)];
  const best: (ExperimentsBenchResult['perWorkers'][number] | null)[] = [null, null];
  try {
    for (const pool of pools) await pool.run(tasks(pool.threads * 2, horizonS / 20)); // start every thread and warm its JIT
    for (let round = 0; round < rounds; round++) {
      for (const [i, pool] of pools.entries()) {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const outcomes = await pool.run(tasks(replications, horizonS));
        const wallSeconds = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const coresUsed = (cpu.user + cpu.system) / 1e6 / wallSeconds;
        const events = outcomes.reduce((a, o) => a + o.events, 0);
        if (best[i] === null || wallSeconds < best[i]!.wallSeconds) {
          best[i] = { workers: pool.threads, wallSeconds, replicationsPerSecond: replications / wallSeconds, eventsPerSecond: events / wallSeconds, coresUsed };
        }
      }
    }
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
  const perWorkers = best as ExperimentsBenchResult['perWorkers'];
  return { model: model.name, horizonS, replications, perWorkers, speedUp: perWorkers[1].replicationsPerSecond / perWorkers[0].replicationsPerSecond };
}

export function printExperimentsBench(r: ExperimentsBenchResult): void {
  console.log(`experiments: ${r.replications} replications of "${r.model}", horizon ${r.horizonS / 86400} d each`);
  for (const w of r.perWorkers) {
    console.log(`  ${w.workers} worker${w.workers === 1 ? ' ' : 's'}: ${w.replicationsPerSecond.toFixed(3)} replications/s (${w.wallSeconds.toFixed(2)} s, ${(w.eventsPerSecond / 1e6).toFixed(2)} M events/s, ${w.coresUsed.toFixed(2)} cores busy)`);
  }
  console.log(`  speed-up 1 → 2 workers: ${r.speedUp.toFixed(2)}× (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [reps, horizon, rounds, model] = process.argv.slice(2);
  printExperimentsBench(await runExperimentsBench(reps ? Number(reps) : undefined, horizon ? parseDuration(horizon) : undefined, rounds ? Number(rounds) : undefined, model));
}
