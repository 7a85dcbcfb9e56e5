import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../server/cli/optimize.ts';
import type { OptimizeResult } from '../../server/experiments/optimize.ts';

const dir = mkdtempSync(join(tmpdir(), 'bpt-optimize-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The hand-solved line of optimize.test.ts: cheapest ≥ 150/h is cut 5, pack 3 (10·5 + 7·3 = 71). */
const line = {
  name: 'cli line',
  nodes: [
    { id: 'supply', type: 'source', to: 'cut' },
    { id: 'cut', type: 'machine', cycle: { dist: 'constant', value: 100 }, to: 'store' },
    { id: 'store', type: 'buffer', capacity: 20, to: 'pack' },
    { id: 'pack', type: 'machine', cycle: { dist: 'constant', value: 60 }, to: 'out' },
    { id: 'out', type: 'sink' },
  ],
};

function write(name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('npm run optimize', () => {
  it('--json prints best, evaluated, the candidate table and the Pareto front', async () => {
    const file = write('line.optimize.json', {
      model: line, horizon: '11h', warmup: '1h', replications: 2,
      variables: [{ path: 'cut.servers', from: 1, to: 6, step: 1 }, { path: 'pack.servers', from: 1, to: 4, step: 1 }],
      constraints: [{ kpi: 'sinks.out.perHour', min: 150 }],
      objective: { minimize: { 'cut.servers': 10, 'pack.servers': 7 } },
    });
    const r = await cli(file, '--workers', '1', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as OptimizeResult;
    expect(doc.best?.values).toEqual({ 'cut.servers': 5, 'pack.servers': 3 });
    expect(doc.evaluated).toBe(24);
    expect(doc.candidates).toHaveLength(24);
    // cost axis = the objective (no €/kWh in this model), output = the constrained KPI
    expect(doc.pareto?.axes).toEqual({ output: 'sinks.out.perHour', cost: 'objective' });
    expect(doc.pareto!.points.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/progress: 24\/24 candidates/);
  });

  it('a bad file exits 2 naming the field', async () => {
    const file = write('bad.optimize.json', {
      model: line, horizon: '1h', variables: [{ path: 'cut.servers', from: 1, to: 6, step: 4 }], objective: { maximize: 'sinks.out.perHour' },
    });
    const r = await cli(file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('variables[0].step: infeasible step: 4 from 1 does not reach 6');
  });
});

describe('shipped optimisation files', () => {
  it('cheapest-4gwh plans against the default plant, with a grid larger than its search budget', async () => {
    const { loadOptimizeFile } = await import('../../server/experiments/optimize-plan.ts');
    const plan = loadOptimizeFile(join(process.cwd(), 'scenarios', 'cheapest-4gwh.optimize.json'));
    const grid = plan.variables.reduce((n, v) => n * v.values.length, 1);
    expect(grid).toBe(13 * 41);
    expect(grid).toBeGreaterThan(plan.exhaustiveUpTo); // so the pattern search, not the exhaustive one, runs
    expect(plan.maxEvaluations).toBeLessThan(grid);
    expect(plan.metrics).toEqual(['kpi.gwhPerYear', 'kpi.cost.eurPerKwh']);
  });
});
