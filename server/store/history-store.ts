import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../files/model-files.ts';
import { guardStorage, storageError } from './storage-errors.ts';
import { FailureSchema, type Failure } from '../protocol/failures.ts';

export type RunKind = 'batch' | 'session' | 'experiment';
/** running: in progress; interrupted: was running when the server died; the rest are final. */
export type RunStatus = 'running' | 'finished' | 'stopped' | 'failed' | 'interrupted';

export interface RunStart {
  id: string;
  kind: RunKind;
  model: string;
  scenario: string | null;
  seed: number;
  /** Settings of the run: horizon, warm-up, replications; for sessions the speed and the model as it ran. */
  params: Record<string, unknown>;
  startedAt?: string;
}

export interface RunEnd {
  /** `interrupted`: the server stopped it on shutdown (or died; see markInterrupted). */
  status: Exclude<RunStatus, 'running'>;
  kpis?: Record<string, unknown> | null;
  /** The full result (batch: the CLI --json document; session: the final replication report). */
  result?: unknown;
  params?: Record<string, unknown>;
  error?: string;
  /** Why it failed or stopped, coded (server/protocol/failures.ts), so a page says it in its reader's language after a restart. */
  failure?: Failure | null;
  endedAt?: string;
}

export interface RunSummary {
  id: string;
  kind: RunKind;
  model: string;
  scenario: string | null;
  seed: number;
  status: RunStatus;
  params: Record<string, unknown>;
  kpis: Record<string, unknown> | null;
  error: string | null;
  /** The error's code and params; null when there is none, or for runs recorded before codes were stored. */
  failure: Failure | null;
  startedAt: string;
  endedAt: string | null;
}

export interface RunRecord extends RunSummary {
  result: unknown;
}

/** DB_PATH, else DATA_DIR/twin.db, else data/twin.db in the project. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DB_PATH) return resolve(env.DB_PATH);
  return join(resolve(env.DATA_DIR ?? join(PROJECT_ROOT, 'data')), 'twin.db');
}

interface Row {
  id: string;
  kind: RunKind;
  model: string;
  scenario: string | null;
  seed: number;
  status: RunStatus;
  params: string;
  kpis: string | null;
  error: string | null;
  failure: string | null;
  started_at: string;
  ended_at: string | null;
  result?: string | null;
}

/**
 * Run history: every batch run and every live session, with model, scenario,
 * seed, parameters, KPIs and timestamps. WAL mode lets readers proceed while one
 * writer writes; a busy timeout makes concurrent writers (another server process,
 * a CLI) wait their turn instead of failing.
 */
export class HistoryStore {
  private readonly db: Database.Database;

  /** Ends that could not be written (disk full): retried before each later write, and shown by list/get meanwhile. */
  private readonly unrecorded = new Map<string, RunEnd>();

  constructor(readonly path: string = defaultDbPath()) {
    this.db = guardStorage(path, 'cannot open the run history at', () => {
      if (path !== ':memory:') {
        mkdirSync(dirname(path), { recursive: true });
        accessSync(dirname(path), constants.W_OK); // a read-only folder says so (EROFS), not "unable to open database file"
      }
      return new Database(path);
    });
    guardStorage(path, 'cannot prepare the run history at', () => this.prepare());
  }

  private prepare(): void {
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('batch', 'session', 'experiment')),
        model TEXT NOT NULL,
        scenario TEXT,
        seed INTEGER NOT NULL,
        status TEXT NOT NULL,
        params TEXT NOT NULL,
        kpis TEXT,
        result TEXT,
        error TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT
      );
      CREATE INDEX IF NOT EXISTS runs_started ON runs (started_at);
    `);
    // Added after the first databases were written: theirs gain the column, their old rows keep it null.
    const columns = this.db.prepare(`SELECT name FROM pragma_table_info('runs')`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'failure')) this.db.exec('ALTER TABLE runs ADD COLUMN failure TEXT');
  }

  /**
   * Marks runs left 'running' by a previous process as interrupted; call once at
   * startup, before this process starts runs of its own. Returns how many.
   */
  markInterrupted(now = new Date().toISOString()): number {
    return guardStorage(this.path, 'cannot update the run history at', () => this.db.prepare(`UPDATE runs SET status = 'interrupted', ended_at = ? WHERE status = 'running'`).run(now).changes);
  }

  started(run: RunStart): void {
    this.retryUnrecorded();
    guardStorage(this.path, `cannot record run ${run.id} in the run history at`, () =>
      this.db
        .prepare(`INSERT INTO runs (id, kind, model, scenario, seed, status, params, started_at) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`)
        .run(run.id, run.kind, run.model, run.scenario, run.seed, JSON.stringify(run.params), run.startedAt ?? new Date().toISOString()),
    );
  }

  /**
   * Records how a run ended. When storage fails (disk full) the run is still not left
   * `running`: the end is written without its result if that fits, else kept in memory
   * (list/get show it) and written with the next write that succeeds; a StorageError is thrown.
   */
  ended(id: string, end: RunEnd): void {
    this.retryUnrecorded();
    try {
      this.write(id, end);
    } catch (err) {
      const failure = storageError(err, this.path, `cannot record how run ${id} ended in the run history at`);
      if (failure === null) throw err;
      const brief: RunEnd = { status: end.status === 'finished' ? 'failed' : end.status, error: `${end.error ? `${end.error}; ` : ''}its result could not be recorded: ${failure.message}`, endedAt: end.endedAt ?? new Date().toISOString() };
      try {
        this.write(id, brief);
      } catch {
        this.unrecorded.set(id, brief);
      }
      throw failure;
    }
  }

  private retryUnrecorded(): void {
    for (const [id, end] of this.unrecorded) {
      try {
        this.write(id, end);
        this.unrecorded.delete(id);
      } catch {
        return; // still failing: keep them all for the next write
      }
    }
  }

  private write(id: string, end: RunEnd): void {
    const set = ['status = ?', 'ended_at = ?', 'kpis = ?', 'result = ?', 'error = ?', 'failure = ?'];
    const values: unknown[] = [end.status, end.endedAt ?? new Date().toISOString(), json(end.kpis), json(end.result), end.error ?? null, json(end.failure)];
    if (end.params !== undefined) {
      set.push('params = ?');
      values.push(JSON.stringify(end.params));
    }
    const changes = this.db.prepare(`UPDATE runs SET ${set.join(', ')} WHERE id = ?`).run(...values, id).changes;
    if (changes === 0) throw new Error(`run "${id}" was never recorded as started`);
  }

  /**
   * Adds or replaces one top-level field of a finished run's result (a debrief computed
   * after the run ended), leaving the rest as it is. False when there is no such run.
   */
  setResultField(id: string, field: string, value: unknown): boolean {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`setResultField: "${field}" is not a plain field name`);
    const sql = `UPDATE runs SET result = json_set(COALESCE(result, '{}'), '$.${field}', json(?)) WHERE id = ?`;
    return this.db.prepare(sql).run(JSON.stringify(value), id).changes > 0;
  }

  /** Newest first; `withParam` keeps runs whose params have that top-level field (`training`). */
  list(opts: { kind?: RunKind; limit?: number; offset?: number; withParam?: string } = {}): RunSummary[] {
    if (opts.withParam !== undefined && !/^[A-Za-z][A-Za-z0-9]*$/.test(opts.withParam)) throw new Error(`list: "${opts.withParam}" is not a plain field name`);
    const conditions = [...(opts.kind === undefined ? [] : ['kind = @kind']), ...(opts.withParam === undefined ? [] : [`json_extract(params, '$.${opts.withParam}') IS NOT NULL`])];
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = this.db
      .prepare(
        `SELECT id, kind, model, scenario, seed, status, params, kpis, error, failure, started_at, ended_at FROM runs ${where}
         ORDER BY started_at DESC, rowid DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ kind: opts.kind, limit: opts.limit ?? 100, offset: opts.offset ?? 0 }) as Row[];
    return rows.map((row) => this.withUnrecorded(summary(row)));
  }

  /** A run whose end could not be written yet shows that end, not `running`. */
  private withUnrecorded<S extends RunSummary>(run: S): S {
    const end = run.status === 'running' ? this.unrecorded.get(run.id) : undefined;
    return end === undefined ? run : { ...run, status: end.status, error: end.error ?? null, failure: end.failure ?? null, endedAt: end.endedAt ?? null };
  }

  get(id: string): RunRecord | null {
    const row = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as Row | undefined;
    return row === undefined ? null : this.withUnrecorded({ ...summary(row), result: row.result ? JSON.parse(row.result) : null });
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
  }

  close(): void {
    this.retryUnrecorded();
    if (this.db.open) this.db.close();
  }
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function summary(row: Row): RunSummary {
  return {
    id: row.id,
    kind: row.kind,
    model: row.model,
    scenario: row.scenario,
    seed: row.seed,
    status: row.status,
    params: JSON.parse(row.params),
    kpis: row.kpis ? JSON.parse(row.kpis) : null,
    error: row.error,
    failure: failureFrom(row.failure),
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

/** A stored failure code, read back; anything this server does not know (a newer code, a broken cell) is none: the message still shows. */
function failureFrom(cell: string | null): Failure | null {
  if (cell === null) return null;
  try {
    const parsed = FailureSchema.safeParse(JSON.parse(cell));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
