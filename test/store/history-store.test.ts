import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { HistoryStore, defaultDbPath } from '../../server/store/history-store.ts';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'twin-store-'));
  path = join(dir, 'nested', 'twin.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('run history', () => {
  it('keeps runs across reopening, newest first, in WAL mode', () => {
    const a = new HistoryStore(path);
    a.started({ id: 'r1', kind: 'batch', model: 'demo-line', scenario: null, seed: 1, params: { horizonS: 3600 }, startedAt: '2026-01-01T00:00:00Z' });
    a.ended('r1', { status: 'finished', kpis: { throughputPerHour: 12.5 }, result: { sinks: {} } });
    a.started({ id: 's1', kind: 'session', model: 'default-plant', scenario: 'more-formation', seed: 3, params: { speed: 60 }, startedAt: '2026-01-02T00:00:00Z' });
    a.close();

    const b = new HistoryStore(path);
    expect(new Database(path, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(b.list().map((r) => r.id)).toEqual(['s1', 'r1']);
    expect(b.list({ kind: 'batch' }).map((r) => r.id)).toEqual(['r1']);
    const r1 = b.get('r1')!;
    expect(r1).toMatchObject({ status: 'finished', model: 'demo-line', seed: 1, params: { horizonS: 3600 }, kpis: { throughputPerHour: 12.5 }, result: { sinks: {} } });
    expect(r1.endedAt).not.toBeNull();
    expect(b.get('nope')).toBeNull();
    b.close();
  });

  it('marks runs left running by a dead process as interrupted, and only those', () => {
    const a = new HistoryStore(path);
    a.started({ id: 'live', kind: 'session', model: 'm', scenario: null, seed: 1, params: {} });
    a.started({ id: 'done', kind: 'batch', model: 'm', scenario: null, seed: 1, params: {} });
    a.ended('done', { status: 'finished' });
    // No close: the process "crashed".
    const b = new HistoryStore(path);
    expect(b.markInterrupted()).toBe(1);
    expect(b.get('live')!.status).toBe('interrupted');
    expect(b.get('live')!.endedAt).not.toBeNull();
    expect(b.get('done')!.status).toBe('finished');
    expect(b.markInterrupted()).toBe(0);
    a.close();
    b.close();
  });

  it('refuses to end a run that never started', () => {
    const a = new HistoryStore(path);
    expect(() => a.ended('ghost', { status: 'finished' })).toThrow(/ghost/);
    a.close();
  });

  it('takes DB_PATH, else DATA_DIR/twin.db', () => {
    expect(defaultDbPath({ DB_PATH: '/x/y.db' })).toBe('/x/y.db');
    expect(defaultDbPath({ DATA_DIR: '/d' })).toBe('/d/twin.db');
    expect(defaultDbPath({})).toMatch(/data[\\/]twin\.db$/);
  });

  it('stays whole when two processes write at the same time', async () => {
    new HistoryStore(path).close(); // create the schema first, as the server does at startup
    const script = fileURLToPath(new URL('./write-runs.ts', import.meta.url));
    const write = (prefix: string) =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', script, path, prefix, '150'], { stdio: ['ignore', 'ignore', 'inherit'] });
        p.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([write('a'), write('b')])).toEqual([0, 0]);
    const store = new HistoryStore(path);
    expect(store.count()).toBe(300);
    expect(store.list({ limit: 500 }).every((r) => r.status === 'finished')).toBe(true);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
