import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The launcher of the compiled command-line tools; it also builds dist/server on demand. */
export const RUN_COMPILED = join(ROOT, 'server', 'cli', 'run-compiled.mjs');

/**
 * The production server's folder, dist/server, compiled first when the sources changed
 * (`run-compiled.mjs --build`): benchmarks measure the code `npm start` runs, not tsx's.
 */
export function compiledServer(): string {
  const build = spawnSync(process.execPath, [RUN_COMPILED, '--build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) throw new Error('building dist/server failed (see above)');
  return join(ROOT, 'dist', 'server');
}
