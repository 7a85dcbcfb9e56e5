#!/usr/bin/env node
/**
 * `node server/cli/run-compiled.mjs <tool> [args]`: runs a command-line tool (sim, experiment,
 * optimize, answers, users, worker) from the compiled server in dist/server, the production
 * runtime, building it first (`npm run build:server`) when the sources changed since the last
 * build. tsx stays a development tool: compiled code runs the engine faster (a year of the
 * default plant took 16 s compiled against 19 s under tsx here) and starts without a transpiler.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOOLS = ['sim', 'experiment', 'optimize', 'answers', 'users', 'worker'];
const STAMP = join(ROOT, 'dist', 'server', '.sources');
const LOCK = join(ROOT, 'dist', '.building-server');
const LOCK_WAIT_MS = 180_000;

/** What the compiled output depends on: every server source (path, size, mtime) and the compiler settings. */
function sourcesFingerprint() {
  const hash = createHash('sha256');
  const files = readdirSync(join(ROOT, 'server'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort();
  for (const f of [...files.map((x) => join('server', x)), 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) {
    const path = join(ROOT, f);
    if (!existsSync(path)) continue;
    const st = statSync(path);
    hash.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function upToDate(fingerprint) {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds dist/server unless it is current; one build at a time (another launcher waits for it). */
function ensureBuilt() {
  const fingerprint = sourcesFingerprint();
  if (upToDate(fingerprint)) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`another build of dist/server has held ${LOCK} for ${LOCK_WAIT_MS / 1000} s; remove it if no build is running`);
      sleep(250);
    }
  }
  try {
    if (upToDate(fingerprint)) return;
    process.stderr.write('building the server (dist/server) ...\n');
    const r = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm run build:server failed (exit ${r.status ?? r.signal})`);
    writeFileSync(STAMP, fingerprint);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

const [tool, ...args] = process.argv.slice(2);
if (!TOOLS.includes(tool) && tool !== '--build') {
  process.stderr.write(`usage: node server/cli/run-compiled.mjs <${TOOLS.join('|')}> [args]\n       node server/cli/run-compiled.mjs --build   (only make dist/server current)\n`);
  process.exit(2);
}
try {
  ensureBuilt();
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
if (tool === '--build') process.exit(0);
// sim runs from its one-file bundle (bundle-sim.mjs: it starts in half the time); the others from dist/server.
const entry = tool === 'sim' ? join(ROOT, 'dist', 'bundle', 'sim.mjs') : join(ROOT, 'dist', 'server', 'cli', `${tool}.js`);
process.setSourceMapsEnabled(true);
// The tool runs its main() when it is the script node was started with.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
