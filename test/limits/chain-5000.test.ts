import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { PROJECT_ROOT } from '../../server/files/model-files.ts';
import { MAX_NODES } from '../../server/protocol/limits.ts';
import { chainModel, chainSinkCount } from './chain-model.ts';

const HORIZON_S = 1000;

let server: TwinServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bpt-chain-'));
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), clientDir: join(dir, 'no-client'), publicSession: false, experimentThreads: 0 });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`a ${MAX_NODES}-node chain (the documented maximum)`, () => {
  const model = chainModel(MAX_NODES);
  const expected = chainSinkCount(HORIZON_S); // (1000 − 25) / 100 → 9 parts, by hand (chain-model.ts)

  it('runs from the command line', async () => {
    const file = join(dir, 'chain.json');
    writeFileSync(file, JSON.stringify(model));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'server/cli/sim.ts'), file, '--horizon', String(HORIZON_S), '--json'], {
      cwd: PROJECT_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    const result = JSON.parse(stdout) as { sinks: { out: { count: number } }; nodes: Record<string, unknown> };
    expect(expected).toBe(9);
    expect(result.sinks.out.count).toBe(expected);
    expect(Object.keys(result.nodes)).toHaveLength(MAX_NODES);
  });

  it('runs through POST /api/runs with the same answer', async () => {
    const res = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, horizonS: HORIZON_S, warmupS: 0, replications: 1 }),
    });
    const body = (await res.json()) as { sinks: { out: { count: number } }; error?: unknown };
    expect(res.status, JSON.stringify(body.error)).toBe(201);
    expect(body.sinks.out.count).toBe(expected);
  });
});
