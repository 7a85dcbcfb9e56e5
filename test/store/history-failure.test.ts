import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../server/store/history-store.ts';
import { failureText } from '../../client/src/i18n/failure-text.ts';

/**
 * The run history keeps a failed or stopped run's failure code beside its English message, so a
 * page that reads the run back after a restart says it in its reader's language. A database
 * written before the code was stored gains the column; its old rows keep their message and no code.
 */
describe('failure codes in the run history', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bpt-history-failure-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const start = (h: HistoryStore, id: string) => h.started({ id, kind: 'experiment', model: 'm', scenario: null, seed: 1, params: {} });

  it('stores the code and params with the message and reads them back after a reopen', () => {
    const path = join(dir, 'new.db');
    const before = new HistoryStore(path);
    start(before, 'timed');
    before.ended('timed', { status: 'failed', error: 'the experiment ran longer than 60 s (EXPERIMENT_TIMEOUT) and was stopped', failure: { code: 'timed-out', params: { seconds: 60 } } });
    start(before, 'plain');
    before.ended('plain', { status: 'failed', error: 'something without a code' });
    before.close();

    const after = new HistoryStore(path); // a restart
    const run = after.get('timed')!;
    expect(run.failure).toEqual({ code: 'timed-out', params: { seconds: 60 } });
    expect(failureText('ru', { message: run.error!, failure: run.failure })).toBe('Расчёт остановлен: он шёл дольше предельного времени (60 с). Сократите горизонт или число репликаций.');
    expect(after.get('plain')!.failure).toBeNull();
    expect(failureText('ru', { message: after.get('plain')!.error!, failure: after.get('plain')!.failure })).toBe('something without a code');
    after.close();
  });

  it('opens a database written before codes were stored; its old rows show their English message', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec(`CREATE TABLE runs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, model TEXT NOT NULL, scenario TEXT, seed INTEGER NOT NULL, status TEXT NOT NULL,
      params TEXT NOT NULL, kpis TEXT, result TEXT, error TEXT, started_at TEXT NOT NULL, ended_at TEXT)`);
    old.prepare(`INSERT INTO runs VALUES ('old', 'experiment', 'm', NULL, 1, 'failed', '{}', NULL, NULL, 'the server shut down during the run', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z')`).run();
    old.close();

    const h = new HistoryStore(path);
    const run = h.get('old')!;
    expect(run).toMatchObject({ status: 'failed', error: 'the server shut down during the run', failure: null });
    expect(failureText('ru', { message: run.error!, failure: run.failure })).toBe('the server shut down during the run');
    // New runs in the old database keep their codes.
    start(h, 'new');
    h.ended('new', { status: 'interrupted', error: 'the server shut down during the run', failure: { code: 'shutdown', params: {} } });
    expect(h.list().map((r) => [r.id, r.failure?.code ?? null])).toEqual([['new', 'shutdown'], ['old', null]]);
    h.close();
  });
});
