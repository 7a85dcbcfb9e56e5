import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { workerResourceLimits } from '../../server/files/worker-entry.ts';
import { DEFAULT_WORKER_MAX_MB } from '../../server/protocol/limits.ts';
import { mm1Model } from '../experiments/mm1.ts';

/** Small enough that a runaway run reaches it in a second or two, large enough for a worker to load the simulator. */
const TEST_MAX_MB = 128;

/**
 * Parts pile up without end: one arrives every 1 ms (the floor) into an unbounded buffer before a
 * station that takes 1000 s per part. A part in the buffer is an object of a few dozen bytes, so
 * 128 MB of heap is gone after a few million arrivals (an hour or so of simulated time, of 10^7 s asked).
 */
const runaway = {
  name: 'runaway',
  nodes: [
    { id: 'src', type: 'source', interarrival: { dist: 'constant', value: 0.001 }, to: 'pile' },
    { id: 'pile', type: 'buffer', capacity: null, to: 'slow' },
    { id: 'slow', type: 'machine', cycle: { dist: 'constant', value: 1000 }, to: 'out' },
    { id: 'out', type: 'sink' },
  ],
};

let server: TwinServer;
let dir: string;
const saved = process.env.WORKER_MAX_MB;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bpt-memory-'));
  process.env.WORKER_MAX_MB = String(TEST_MAX_MB); // read when the pools are built
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), clientDir: join(dir, 'no-client'), publicSession: false, experimentThreads: 0 });
});
afterAll(async () => {
  if (saved === undefined) delete process.env.WORKER_MAX_MB;
  else process.env.WORKER_MAX_MB = saved;
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (body: unknown) => fetch(`${server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('worker resourceLimits', () => {
  it('every worker gets the heap limit, WORKER_MAX_MB or the default', () => {
    expect(workerResourceLimits({})).toEqual({ maxOldGenerationSizeMb: DEFAULT_WORKER_MAX_MB });
    expect(workerResourceLimits({ WORKER_MAX_MB: '300' })).toEqual({ maxOldGenerationSizeMb: 300 });
    expect(() => workerResourceLimits({ WORKER_MAX_MB: 'lots' })).toThrow('WORKER_MAX_MB: must be a whole number of MB >= 64, got "lots"');
  });

  it('a run that outgrows its heap dies alone: the caller gets the limit, the server answers and runs the next', async () => {
    const pending = run({ model: runaway, horizonS: 1e7, warmupS: 0, replications: 1 });
    // While the worker fills its heap, the main thread answers.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const res = await pending;
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toMatch(new RegExp(`the run used more than ${TEST_MAX_MB} MB of memory \\(WORKER_MAX_MB\\) and was stopped`));
    // The pool replaced its thread: an ordinary run still works, and the failure is in the history.
    const ok = await run({ model: mm1Model(), horizonS: 1000, warmupS: 0, replications: 1 });
    expect(ok.status).toBe(201);
    const failed = (await (await fetch(`${server.url}/api/runs?kind=batch`)).json()) as { runs: { status: string; error: string | null }[] };
    expect(failed.runs.some((r) => r.status === 'failed' && /more than 128 MB/.test(r.error ?? ''))).toBe(true);
  });
});
