import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { ROOT } from '../e2e/harness.ts';
import { NAMED_LINE, mutate, mutationArb } from './mutate.ts';

/**
 * Random and mutated REST bodies against the real HTTP API: a 4xx with a JSON error
 * that names the field, never a 5xx; the server stays up and the run history keeps
 * every run it had, unchanged.
 */
let dir: string;
let server: TwinServer;
const DEMO = JSON.parse(readFileSync(join(ROOT, 'models', 'demo-line.json'), 'utf8')) as Record<string, unknown>;

interface Answer {
  status: number;
  body: { error?: { message?: string; problems?: string[] } } & Record<string, unknown>;
}

async function post(path: string, body: unknown, raw = false): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });
  const text = await res.text();
  let parsed: Answer['body'];
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    throw new Error(`POST ${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, body: parsed };
}

/** `body` is what was sent: a problem in an object names its field; a body that is no object at all is refused as a whole. */
function expectFieldError(a: Answer, what: string, body: unknown = {}): void {
  expect(a.status, `${what}: ${JSON.stringify(a.body).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(a.status, what).toBeLessThan(500);
  expect(a.body.error?.message, what).toBeTruthy();
  if (a.status === 400 && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const lines = a.body.error!.problems ?? [a.body.error!.message!];
    for (const line of lines) expect(line, what).toMatch(NAMED_LINE);
  }
}

async function history(): Promise<Map<string, string>> {
  const runs = ((await (await fetch(`${server.url}/api/runs`)).json()) as { runs: { id: string; status: string }[] }).runs;
  return new Map(runs.map((r) => [r.id, r.status]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twin-fuzz-rest-'));
  // Hundreds of writes from one address: the per-address write budget has its own test (test/attacks/command-flood.test.ts).
  const limits = { restWritesPerMinute: 100_000 };
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), clientDir: join(dir, 'no-client'), experimentThreads: 1, publicSession: false, limits });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('REST bodies under fuzzing', () => {
  it('POST /api/runs: mutated requests run or are refused naming the field; history intact', async () => {
    // Two real runs first, so there is history to lose.
    for (const seed of [1, 2]) expect((await post('/api/runs', { model: 'demo-line', horizonS: 7200, seed })).status).toBe(201);
    const before = await history();
    expect(before.size).toBe(2);

    // Each field takes a small valid value or a bad one, so accepted requests stay cheap.
    const field = <T>(valid: fc.Arbitrary<T>) => fc.option(fc.oneof(valid, fc.jsonValue({ maxDepth: 1 }), fc.constantFrom(-1, 0, 1e12, 'x', null, 1.5)), { nil: undefined });
    const bodies = fc.sample(
      fc.record(
        {
          model: field(fc.constantFrom('demo-line', 'no-such-model', '../../etc/passwd')),
          horizonS: field(fc.integer({ min: 600, max: 7200 })),
          warmupS: field(fc.integer({ min: 0, max: 300 })),
          replications: field(fc.integer({ min: 1, max: 2 })),
          seed: field(fc.nat(1000)),
          wait: field(fc.constant(true)),
        },
        { requiredKeys: [] },
      ),
      { seed: 11, numRuns: 150 },
    );
    let accepted = 0;
    for (const body of bodies) {
      const a = await post('/api/runs', body);
      if (a.status === 201) accepted++;
      else expectFieldError(a, JSON.stringify(body), body);
    }
    expect(accepted, 'some fuzzed requests are valid and run').toBeGreaterThan(0);

    // Inline models, mutated: validated like model files.
    const inline = fc.sample(fc.array(mutationArb, { minLength: 1, maxLength: 2 }), { seed: 12, numRuns: 60 });
    for (const muts of inline) {
      const a = await post('/api/runs', { model: mutate(DEMO, muts), horizonS: 600 });
      if (a.status !== 201) expectFieldError(a, JSON.stringify(muts));
    }

    const after = await history();
    for (const [id, status] of before) expect(after.get(id), `run ${id}`).toBe(status);
    expect(after.size).toBeGreaterThanOrEqual(before.size + accepted);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('random bodies on every POST endpoint get a 4xx naming the field', async () => {
    const samples = fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: 13, numRuns: 80 });
    for (const path of ['/api/runs', '/api/experiments', '/api/scenarios']) {
      for (const body of samples) expectFieldError(await post(path, body), `${path} ${JSON.stringify(body).slice(0, 120)}`, body);
    }
  });

  it('refuses malformed JSON, oversized bodies and unknown endpoints with JSON errors', async () => {
    const bad = await post('/api/runs', '{"horizonS": 60,', true);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/^body: not valid JSON/);
    const huge = await post('/api/runs', { model: 'demo-line', horizonS: 60, pad: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error?.message).toMatch(/^body: larger than the limit/);
    const unknown = await post('/api/nothing-here', {});
    expect(unknown.status).toBe(404);
    const badId = await fetch(`${server.url}/api/runs/${encodeURIComponent('../../x')}`);
    expect(badId.status).toBeGreaterThanOrEqual(400);
    expect(badId.status).toBeLessThan(500);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
