import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../server/protocol/messages.ts';
import { useLiveTestServer } from '../live/test-server.ts';
import { HEALTH_LIMIT_MS, watchHealth } from './attack-harness.ts';

/**
 * fast-check over the whole REST and socket surface: random JSON of every shape (huge,
 * deeply nested, wrong-typed, the routes' own field names with nonsense values) to every
 * route and event, one at a time, while a watchdog polls /api/health. Every answer is a
 * 2xx or a 4xx with a message, never a 5xx or a hang; every socket message is answered
 * (or, above the 16 KiB message limit, the connection is closed), never with "internal".
 * The budgets are raised here: this is about input, the budgets have their own tests.
 */
const live = useLiveTestServer({ publicSession: true, experimentThreads: 1, limits: { commandsPerSecond: 100_000, restWritesPerMinute: 100_000 } });

/** Every route of the API (server/api/*-routes.ts, experiments.ts, optimizations.ts, training-service.ts), `:id` filled in by the fuzzer. */
const ROUTES: [string, string][] = [
  ['POST', '/api/runs'],
  ['POST', '/api/scenarios'],
  ['POST', '/api/experiments'],
  ['POST', '/api/optimizations'],
  ['GET', '/api/runs'],
  ['GET', '/api/runs/:id'],
  ['GET', '/api/models/:id'],
  ['GET', '/api/scenarios/:id'],
  ['GET', '/api/capacity'],
  ['GET', '/api/experiments/:id'],
  ['GET', '/api/optimizations/:id'],
  ['GET', '/api/training/:id/debrief'],
  ['GET', '/api/training/:id/log'],
  ['PUT', '/api/runs/:id'],
  ['DELETE', '/api/scenarios/:id'],
];
/** Field names the routes and commands read, so random objects often hit real fields with wrong values. */
const FIELDS = ['model', 'scenario', 'horizonS', 'warmupS', 'seed', 'replications', 'period', 'wait', 'name', 'id', 'question', 'overlay', 'set', 'sweep', 'variables', 'objective', 'constraints', 'type', 'sessionId', 'nodeId', 'field', 'value', 'speed', 'token', 'script', 'runId', 'kind', 'limit', 'offset'];

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const value = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.double(), fc.constant(1e308), fc.constant(-1), fc.constant('demo-line'))) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => ({ model: 'x'.repeat(n) })) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => ({ model: 'demo-line', horizonS: 3600, set: Array.from({ length: n }, (_, i) => i) })) },
);
/** A raw body: JSON of a value, deep nesting, or not JSON at all. */
const body = fc.oneof(
  { weight: 8, arbitrary: value.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 100_000 }).map(nested) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);
const pathId = fc.oneof(fc.string({ maxLength: 40 }), fc.constant('..%2F..%2Fetc%2Fpasswd'), fc.constant('x'.repeat(5000)), fc.constant('%00'));
const query = fc.dictionary(fc.constantFrom(...FIELDS), fc.string({ maxLength: 30 }), { maxKeys: 3 });

describe('fuzzing the REST surface', () => {
  it('answers every request 2xx or 4xx with a message, never 5xx or a hang; health stays quick', async () => {
    const health = watchHealth(live.server.url, 100, {});
    const cases = fc.sample(fc.tuple(fc.constantFrom(...ROUTES), body, pathId, query), { seed: 1717, numRuns: 200 });
    const statuses = new Map<number, number>();
    for (const [[method, route], raw, id, q] of cases) {
      const url = `${live.server.url}${route.replace(':id', encodeURIComponent(id))}?${new URLSearchParams(q)}`;
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body: raw }),
        signal: AbortSignal.timeout(60_000), // a hang fails here
      });
      const text = await res.text();
      const what = `${method} ${route} ${raw.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, what).toBeLessThan(500);
      if (res.status >= 400) {
        // The training routes answer { error: "…" }, the rest { error: { status, message } } (reported to the lead); both must say why.
        const error = (JSON.parse(text) as { error?: string | { message?: string } }).error;
        expect(typeof error === 'string' ? error : error?.message, what).toBeTruthy();
      }
    }
    const h = await health.stop();
    console.log(`REST fuzz: ${cases.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}; slowest health ${h.slowestMs.toFixed(0)} ms over ${h.answers}`);
    expect(h.failures).toEqual([]);
    expect(h.slowestMs).toBeLessThan(HEALTH_LIMIT_MS);
  });
});

const EVENTS = ['cmd', 'train', 'watchExperiment', 'watchOptimization', 'frame', 'snapshot', 'evil'];
const ANSWERED = new Set(['cmd', 'train', 'watchExperiment', 'watchOptimization']);

function connect(): Promise<Socket> {
  const s = io(live.server.url, { auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => s.once('connect', () => resolve(s)).once('connect_error', reject));
}

describe('fuzzing the socket surface', () => {
  it('answers every message on every event without "internal"; oversized ones close only their connection', async () => {
    const health = watchHealth(live.server.url, 100, {});
    const cases = fc.sample(fc.tuple(fc.constantFrom(...EVENTS), value), { seed: 1718, numRuns: 200 });
    let socket = await connect();
    let closed = 0;
    for (const [event, payload] of cases) {
      const size = JSON.stringify(payload).length;
      if (size > 16 * 1024) {
        // Above maxHttpBufferSize the server drops this connection (and only it); the next case reconnects.
        const gone = new Promise((resolve) => socket.once('disconnect', resolve));
        socket.emit(event, payload);
        await gone;
        closed++;
        socket = await connect();
        continue;
      }
      if (!ANSWERED.has(event)) {
        socket.emit(event, payload); // no handler: must be ignored
        continue;
      }
      const reply = (await socket.timeout(30_000).emitWithAck(event, payload)) as { ok: boolean; error?: string | { code: string; message: string } };
      const what = `${event} ${JSON.stringify(payload).slice(0, 150)} → ${JSON.stringify(reply).slice(0, 200)}`;
      expect(typeof reply.ok, what).toBe('boolean');
      if (!reply.ok) {
        const message = typeof reply.error === 'string' ? reply.error : reply.error?.message;
        expect(message, what).toBeTruthy();
        if (typeof reply.error === 'object') expect(reply.error.code, what).not.toBe('internal');
      }
    }
    expect(socket.connected, 'the last connection is still up').toBe(true);
    socket.close();
    const h = await health.stop();
    console.log(`socket fuzz: ${cases.length} messages, ${closed} oversized (connection closed); slowest health ${h.slowestMs.toFixed(0)} ms over ${h.answers}`);
    expect(h.failures).toEqual([]);
    expect(h.slowestMs).toBeLessThan(HEALTH_LIMIT_MS);
    expect(live.server.publicSession?.stopped, 'the public plant still runs').toBe(false);
  });
});
