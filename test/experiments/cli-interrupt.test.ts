import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentResult } from '../../server/experiments/experiment.ts';
import type { OptimizeResult } from '../../server/experiments/optimize.ts';
import { mm1Model } from './mm1.ts';

const dir = mkdtempSync(join(tmpdir(), 'bpt-cli-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts a CLI on one worker thread, sends Ctrl-C (SIGINT) once stderr shows `ready`, and
 * collects what it printed and its exit code.
 */
async function interrupted(script: string, doc: unknown, ready: RegExp, ...flags: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = join(dir, `${script}.json`);
  writeFileSync(file, JSON.stringify(doc));
  const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, file, '--workers', '1', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    if (!sent && ready.test(stderr)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}

describe('Ctrl-C on the experiment and optimise commands prints what finished, marked partial, and exits 130', () => {
  it('experiment --json', async () => {
    // 2 × 50 replications; stderr prints a line at the first run, then at every 10 % (10 replications): Ctrl-C after the line for 10.
    const doc = {
      name: 'interrupt me', model: mm1Model(2, 1), horizon: 200_000, warmup: 1000, replications: 50, warmupReport: false,
      scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.9 } } } }],
    };
    const run = await interrupted('experiment', doc, /progress: [1-9]\d\/100 replications/, '--json');
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted by SIGINT');
    expect(run.stderr).toContain('marked partial');
    const r = JSON.parse(run.stdout) as ExperimentResult;
    const finished = r.points.map((p) => p.replications);
    expect(r.partial).toEqual({ stoppedBy: 'interrupted', phase: 'replications', finished, planned: [50, 50] });
    // The line came after 10 runs; the interrupt landed before all 100.
    expect(finished[0] + finished[1]).toBeGreaterThanOrEqual(10);
    expect(finished[0] + finished[1]).toBeLessThan(100);
  }, 120_000);

  it('experiment --csv: every row says partial and how many replications of its alternative finished', async () => {
    const doc = {
      name: 'interrupt me', model: mm1Model(2, 1), horizon: 200_000, warmup: 1000, replications: 50, warmupReport: false,
      scenarios: [{ name: 'base' }, { name: 'faster', set: { server: { cycle: { mean: 0.9 } } } }],
    };
    const run = await interrupted('experiment', doc, /progress: [1-9]\d\/100 replications/, '--csv');
    expect(run.code).toBe(130);
    const [header, ...rows] = run.stdout.trim().split('\n').map((l) => l.split(','));
    const col = (name: string) => header.indexOf(name);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row[col('status')]).toBe('partial: interrupted');
      expect(row[col('replications_planned')]).toBe('50');
      // n of a KPI counts the replications where it was measured: never more than finished.
      expect(Number(row[col('n')])).toBeLessThanOrEqual(Number(row[col('replications_finished')]));
    }
    const finished = (name: string) => Number(rows.find((r) => r[0] === name)![col('replications_finished')]);
    expect(finished('base') + finished('faster')).toBeGreaterThanOrEqual(10);
    expect(finished('base') + finished('faster')).toBeLessThan(100);
  }, 120_000);

  it('optimize (text)', async () => {
    // 12 candidates of an M/M/1 server speed, 5 replications each, all in one batch of 60 runs; Ctrl-C after a tenth of them.
    const doc = {
      model: mm1Model(2, 1), horizon: 200_000, warmup: 1000, replications: 5, seed: 1,
      variables: [{ path: 'server.cycle.mean', values: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1, 1.05] }],
      constraints: [{ kpi: 'system.avgTimeInSystemS', max: 3 }],
      objective: { minimize: 'system.avgTimeInSystemS' },
    };
    const run = await interrupted('optimize', doc, /, [1-9]\d*\/60 runs/);
    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/PARTIAL RESULT: interrupted during the search; \d+ candidates fully evaluated/);
    const json = await interrupted('optimize', doc, /, [1-9]\d*\/60 runs/, '--json');
    const r = JSON.parse(json.stdout) as OptimizeResult;
    expect(r.partial).toMatchObject({ stoppedBy: 'interrupted', phase: 'search' });
    expect(r.evaluated).toBe(r.partial!.evaluated);
    expect(r.candidates.every((c) => c.replications >= 5)).toBe(true);
  }, 180_000);
});
