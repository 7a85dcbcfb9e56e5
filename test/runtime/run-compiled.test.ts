import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness.ts';

/**
 * `npm run sim` (and the other CLI tools) run the compiled server through
 * server/cli/run-compiled.mjs, which builds dist/server only when the sources changed.
 */
const LAUNCHER = join(ROOT, 'server', 'cli', 'run-compiled.mjs');
const launch = (args: string[]) => spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });

describe('server/cli/run-compiled.mjs', () => {
  it('refuses an unknown tool, naming the ones it runs', () => {
    const r = launch(['simulate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/<sim\|experiment\|optimize\|answers\|users\|worker>/);
  });

  it('runs the compiled sim, and does not rebuild when nothing changed', { timeout: 180_000 }, () => {
    const first = launch(['sim', 'demo-line', '--horizon', '8h', '--json']);
    expect(first.status, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout) as { nodes: Record<string, { completed: number }> };
    // The demo line's kit source released parts in its first shift: the compiled engine ran.
    expect(result.nodes.kits?.completed ?? 0).toBeGreaterThan(0);
    expect(existsSync(join(ROOT, 'dist', 'server', 'cli', 'sim.js'))).toBe(true);

    const second = launch(['sim', 'demo-line', '--horizon', '8h', '--json']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/building the server/);
    // Same seed, same compiled engine: the same answer (but for the wall time it took).
    const withoutWall = (out: string) => out.replace(/"wallSeconds": [0-9.e-]+/, '');
    expect(withoutWall(second.stdout)).toBe(withoutWall(first.stdout));
  });

  it('runs sim from its one-file bundle, which answers as the compiled modules do', { timeout: 180_000 }, () => {
    const args = ['default-plant', '--horizon', '3d', '--seed', '3', '--json'];
    const bundled = launch(['sim', ...args]);
    expect(bundled.status, bundled.stderr).toBe(0);
    expect(existsSync(join(ROOT, 'dist', 'bundle', 'sim.mjs'))).toBe(true);
    const modules = spawnSync(process.execPath, [join(ROOT, 'dist', 'server', 'cli', 'sim.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    expect(modules.status, modules.stderr).toBe(0);
    const withoutWall = (out: string) => out.replace(/"wallSeconds": [0-9.e-]+/, '');
    expect(withoutWall(bundled.stdout)).toBe(withoutWall(modules.stdout));
  });
});
