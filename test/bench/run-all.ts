/**
 * `npm run bench`: every benchmark of the project, one after another. Numbers
 * vary with machine load (these machines are shared); compare runs made on a
 * quiet machine, and read them as orders of magnitude, not exact figures.
 */
import { printTandemBench, runTandemBench } from './tandem-line.ts';
import { printPlantYear, runPlantYear } from './plant-year.ts';
import { printExperimentsBench, runExperimentsBench } from './experiments-bench.ts';
import { printFrontDoorBench, runFrontDoorBench } from './front-door-bench.ts';
import { printFrameParse, runFrameParse } from './frame-parse.ts';
import { printEngineTargets, runEngineTargets } from './engine-targets.ts';

// First, while nothing else of this run has warmed or filled the heap: the engine's targets of issue 18.
printEngineTargets(await runEngineTargets());
console.log();

runTandemBench(200_000); // warm the JIT so the measured run reflects steady-state speed
const runs = [1, 2, 3].map(() => runTandemBench(1_000_000));
runs.sort((a, b) => a.opsPerSecond - b.opsPerSecond);
console.log('median of 3 runs:');
printTandemBench(runs[1]);
const long = runTandemBench(10_000_000);
console.log(`memory: peak RSS ${runs[1].peakRssMiB.toFixed(0)} MiB at 10^6 operations, ${long.peakRssMiB.toFixed(0)} MiB at 10^7 (flat when equal)`);
console.log();
printPlantYear(runPlantYear());
console.log();
printExperimentsBench(await runExperimentsBench());
console.log();
printFrameParse(runFrameParse());
console.log();
printFrontDoorBench(await runFrontDoorBench());
