import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { create } from 'zustand';
import { failureText, problemText } from '../../client/src/i18n/failure-text.ts';
import { errorFromBody } from '../../client/src/net/api.ts';
import { jobFollower, type JobState } from '../../client/src/net/followed-job.ts';
import { ExperimentProgressMessageSchema, type ExperimentProgressMessage } from '../../server/protocol/experiment-progress.ts';
import { FAILURE_CODES, failure, type FailureCode } from '../../server/protocol/failures.ts';

/**
 * Failures on the planner's pages in the reader's language: the server sends a code beside its
 * English message; the Russian page says each code in Russian, the English page keeps the
 * message, and a body without a code (an older server, a run read from the history) or with a
 * code this client does not know shows the message as it came.
 */
afterEach(() => vi.unstubAllGlobals());

/** Parameters a failure of each code carries (as the server sends them). */
const SAMPLE: Record<FailureCode, Record<string, string | number>> = {
  'timed-out': { seconds: 3600 },
  cancelled: { when: 'running' },
  'invalid-input': { what: 'experiment' },
  'worker-crashed': { exitCode: 134 },
  'out-of-memory': { maxMb: 2048 },
  'queue-full': { running: 1, waiting: 4, max: 4 },
  busy: { waiting: 200 },
  'planning-timed-out': { seconds: 60 },
  shutdown: {},
  'not-found': { kind: 'experiment', id: 'abc' },
  'rate-limited': { retryAfterS: 20 },
  'too-large': { limit: 1048576 },
  storage: { problem: 'full' },
};

describe('failureText', () => {
  it('says every code in Russian, each differently, with its numbers, and no English words', () => {
    const texts = FAILURE_CODES.map((code) => failureText('ru', { message: 'English message', failure: failure(code, SAMPLE[code]) }));
    expect(new Set(texts).size).toBe(FAILURE_CODES.length);
    for (const t of texts) expect(t).toMatch(/[а-яё]/i);
    // Latin letters only where the server's names are kept on purpose (settings, ids).
    for (const t of texts) expect(t.replace(/EXPERIMENT_QUEUE|WORKER_MAX_MB|«[^»]*»/g, '')).not.toMatch(/[a-z]{3,}/i);
    expect(failureText('ru', { message: 'x', failure: failure('timed-out', { seconds: 3600 }) })).toContain('3600 с');
    expect(failureText('ru', { message: 'x', failure: failure('queue-full', SAMPLE['queue-full']) })).toContain('EXPERIMENT_QUEUE = 4');
    expect(failureText('ru', { message: 'x', failure: failure('cancelled', { when: 'queued' }) })).toBe('Отменено до начала расчёта.');
  });

  it('keeps the server’s message in English, and when there is no code', () => {
    expect(failureText('en', { message: 'stopped after 3600 s', failure: failure('timed-out', { seconds: 3600 }) })).toBe('stopped after 3600 s');
    expect(failureText('ru', { message: 'deadlock at node x' })).toBe('deadlock at node x');
  });

  it('reads the code from an HTTP error body; an unknown code leaves the message to be shown', () => {
    const coded = errorFromBody(503, JSON.stringify({ error: { status: 503, message: '1 running and 4 waiting…', code: 'queue-full', params: SAMPLE['queue-full'] } }));
    expect(coded.failure).toEqual({ code: 'queue-full', params: SAMPLE['queue-full'] });
    expect(failureText('ru', coded)).toMatch(/^Сервер занят: 1 расчёт\(а\) выполняется и 4 ждут в очереди/);
    const unknown = errorFromBody(500, JSON.stringify({ error: { status: 500, message: 'the disk is on fire', code: 'disk-on-fire' } }));
    expect(unknown.failure).toBeUndefined();
    expect(failureText('ru', unknown)).toBe('the disk is on fire');
  });
});

describe('problemText', () => {
  it('keeps the field path and translates a known reason, also after nested prefixes', () => {
    expect(problemText('ru', 'nodes[3].cycle.mean: must be > 0')).toBe('nodes[3].cycle.mean: должно быть > 0');
    expect(problemText('ru', 'nodes[2].servers: must be <= 10000')).toBe('nodes[2].servers: должно быть ≤ 10000');
    expect(problemText('ru', 'scenarios[2]: result.nodes[3]: "done" cannot be reached from any source')).toBe('scenarios[2]: result.nodes[3]: до узла «done» не доходит ни один источник');
    expect(problemText('ru', 'nodes[0].speed: unknown field')).toBe('nodes[0].speed: неизвестное поле');
    expect(problemText('ru', 'scenarios[0]: set.stacker.cycle: Unrecognized key: "sd"')).toBe('scenarios[0]: set.stacker.cycle: неизвестное поле: "sd"');
    expect(problemText('ru', 'horizon: Invalid input: expected number, received string')).toBe('horizon: неверный тип: ожидается число, получено строка');
  });

  it('leaves an unknown reason, and every English line, as written', () => {
    expect(problemText('ru', 'sweep: gives 1000000 alternatives (1000 × 1000); must be <= 64')).toBe('sweep: gives 1000000 alternatives (1000 × 1000); must be <= 64');
    expect(problemText('en', 'nodes[3].cycle.mean: must be > 0')).toBe('nodes[3].cycle.mean: must be > 0');
  });
});

describe('the refusal box on a Russian page', () => {
  it('frames a refused document in Russian and lists each field with its reason translated', async () => {
    vi.resetModules();
    vi.stubGlobal('location', { search: '?lang=ru' });
    const { RefusalBox } = await import('../../client/src/ui/RefusalBox.tsx');
    const html = renderToStaticMarkup(
      <RefusalBox error={{ message: 'invalid scenario', problems: ['set.stacker.cycle.mean: must be > 0'], failure: failure('invalid-input', { what: 'scenario' }) }} testId="t" />,
    );
    expect(html).toContain('Сервер отклонил сценарий: исправьте поля, перечисленные ниже.');
    expect(html).toContain('<li>set.stacker.cycle.mean: должно быть &gt; 0</li>');
    expect(html).not.toContain('invalid scenario');
  });
});

describe('a followed job keeps the failure’s code', () => {
  it('from the ended run it fetches, and from the cancel’s answer', async () => {
    const id = randomUUID();
    const store = create<JobState<ExperimentProgressMessage, unknown>>()(() => ({ id, progress: { id, name: 'long', status: 'running', done: 7, total: 40, phase: 'replications', error: null }, result: null, error: null }));
    const follow = jobFollower(() => store, { apiPath: '/api/experiments', progressEvent: 'p', watchEvent: 'w', progressSchema: ExperimentProgressMessageSchema, hash: (i) => `#/experiments/${i}` });
    const timedOut = { id, status: 'timed-out', error: 'stopped after 3600 s', failure: { code: 'timed-out', params: { seconds: 3600 } }, result: null };
    vi.stubGlobal('fetch', async (_url: string, init?: { method?: string }) => new Response(JSON.stringify(init?.method === 'DELETE' ? { id, status: 'timed-out', error: timedOut.error, failure: timedOut.failure } : timedOut), { status: 200 }));
    await follow.cancel();
    expect(store.getState().progress).toMatchObject({ status: 'timed-out', failure: { code: 'timed-out' } });
    expect(store.getState().error).toEqual({ message: 'stopped after 3600 s', failure: { code: 'timed-out', params: { seconds: 3600 } } });
  });
});
