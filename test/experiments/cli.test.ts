import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../server/cli/experiment.ts';
import type { ExperimentResult } from '../../server/experiments/experiment.ts';
import { mm1Model } from './mm1.ts';

const dir = mkdtempSync(join(tmpdir(), 'bpt-experiment-cli-'));
const file = join(dir, 'mm1.experiment.json');
writeFileSync(
  file,
  JSON.stringify({
    name: 'cli',
    model: mm1Model(2, 1),
    horizon: '1h',
    warmup: '5min',
    replications: 3,
    scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.8 } } } }],
    rankBy: { kpi: 'system.avgTimeInSystemS', goal: 'min' },
    warmupReport: { buckets: 6, window: 1, replications: 2 },
  }),
);

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/experiment.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
}

/** Runs the CLI in this process (starting a process costs seconds on a loaded machine), capturing its output. */
async function cliInProcess(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('experiment CLI', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON document on stdout and plain progress lines on stderr when not on a terminal', () => {
    const run = cli(file, '--json', '--workers', '1');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as ExperimentResult;
    expect(result.points.map((p) => p.name)).toEqual(['base', 'faster']);
    expect(result.best?.name).toBe('faster');
    expect(result.warmup?.series).toHaveLength(6);
    // 2 alternatives × 3 replications; the 2 Welch check runs are not replications.
    expect(run.stderr).toMatch(/^progress: 6\/6 replications \(100%\)$/m);
  });

  it('prints CSV, with overrides from flags', async () => {
    const run = await cliInProcess(file, '--csv', '--workers', '1', '--replications', '2', '--no-warmup-report');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('alternative,kpi,n,mean,ci95,sd,min,max,status,replications_finished,replications_planned');
    expect(lines.filter((l) => l.startsWith('base,system.avgTimeInSystemS,2,'))).toHaveLength(1);
    // A complete run says so on every row, with 2 of 2 replications.
    expect(lines.slice(1).every((l) => l.endsWith(',complete,2,2'))).toBe(true);
  });

  it('documents the CSV columns in --help, the partial marker among them', async () => {
    const help = cli('--help');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('status, replications_finished, replications_planned (status: complete, or partial: interrupted');
  });

  it('exits with 2 and names the field for a bad file', async () => {
    writeFileSync(join(dir, 'bad.experiment.json'), JSON.stringify({ name: 'bad', model: mm1Model(), horizon: '1h', rankBy: { kpi: 'x.y', goal: 'up' } }));
    const run = await cliInProcess(join(dir, 'bad.experiment.json'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('rankBy.goal: must be "max" or "min"');
    expect((await cliInProcess(join(dir, 'missing.json'))).stderr).toMatch(/cannot be read: ENOENT/);
  });
});
