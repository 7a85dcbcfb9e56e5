#!/usr/bin/env node
/**
 * Bundles the compiled `sim` tool (dist/server/cli/sim.js and everything it imports, the
 * @stdlib packages included) into one file, dist/bundle/sim.mjs, run by `npm run sim`.
 *
 * Why: resolving and loading the few hundred small modules of the compiled server and its
 * packages took about 0.65 s of every `npm run sim` here, against 0.35 s for the one bundled
 * file, and planners run it for every question; a year of the default plant is a dozen seconds.
 * Only `sim` is bundled: it runs in one thread, while the other tools start worker threads
 * from files next to their own modules (server/files/worker-entry.ts), which a bundle moves.
 *
 * Run by `npm run build:server` after tsc. Plain JavaScript: it runs before anything is compiled.
 */
import { buildSync } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

buildSync({
  entryPoints: [join(ROOT, 'dist', 'server', 'cli', 'sim.js')],
  outfile: join(ROOT, 'dist', 'bundle', 'sim.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The CommonJS packages inside (@stdlib, commander) call require for Node's own modules.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  // Native code cannot be bundled; sim does not load it, but a package it imports might name it.
  external: ['better-sqlite3'],
  sourcemap: true,
  logLevel: 'warning',
});
