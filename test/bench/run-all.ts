/**
 * `npm run bench`: every benchmark of the project, one after another. Numbers
 * vary with machine load (these machines are shared); compare runs made on a
 * quiet machine, and read them as orders of magnitude, not exact figures.
 */
import { printTandemBench, runTandemBench } from './tandem-line.ts';

runTandemBench(200_000); // warm the JIT so the measured run reflects steady-state speed
const runs = [1, 2, 3].map(() => runTandemBench(1_000_000));
runs.sort((a, b) => a.opsPerSecond - b.opsPerSecond);
console.log('median of 3 runs:');
printTandemBench(runs[1]);
