import type { Logger } from 'pino';
import type { ErrorReply, Role, SessionInfo, Speed } from '../protocol/messages.ts';
import type { HistoryStore } from '../store/history-store.ts';
import type { LoadedModel, ModelCatalog } from './model-catalog.ts';
import { Session } from './session.ts';
import { CommandError } from './live-edits.ts';
import type { LiveSession } from './live-session.ts';
import { error } from './session-roles.ts';

/** Sessions of the other processes of the service (redis-cluster.ts), when several processes form one. */
export interface SessionDirectory {
  /** A session of this process started or ended: the other processes' lists follow. */
  started(session: Session): void;
  stopped(id: string): void;
  /** Its list entry changed (a training exercise's code, phase or trainees). */
  changed(session: Session): void;
  /** The session in another process whose training exercise has this join code, or null. */
  findTraining(code: string): Promise<string | null>;
  /** Whether viewers on other processes watch this process's session `id` (it is not idle then). */
  watchedElsewhere(id: string): boolean;
  /** The other processes' sessions, as of the last look. */
  others(): SessionInfo[];
  /** A session running in another process, to join here: refused when it does not exist or the token is wrong. */
  open(id: string, token: string | undefined): Promise<{ session: LiveSession; role: Role } | ErrorReply>;
}

export interface ManagerOptions {
  catalog: ModelCatalog;
  history?: HistoryStore | null;
  logger?: Logger;
  frameHz?: number;
  /** Each session is a worker thread: bound them on a small machine. */
  maxSessions?: number;
  /** Sessions of every kind but the public plant with nobody inside for this long are stopped (SESSION_IDLE_TIMEOUT; default 10 min). */
  idleStopMs?: number;
}

export interface CreateOptions {
  model?: string;
  scenario?: string;
  name?: string;
  /** The name in Russian, when the caller has one (a training exercise's title). */
  nameRu?: string;
  seed?: number;
  speed?: Speed;
  play?: boolean;
  public?: boolean;
  /** A model prepared by the caller (a training script adds crews to it) instead of catalog ids. */
  loaded?: LoadedModel;
  /** Warm start: simulated seconds run at full speed before the first frame. */
  warmupS?: number;
}

const DEFAULT_IDLE_STOP_MS = 10 * 60_000;

/** Creates, lists and stops sessions, and writes each one into the run history. */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private starting = 0;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  /** Set when this process is one of several (REDIS_URL); null: the sessions are all here. */
  directory: SessionDirectory | null = null;

  constructor(private readonly opts: ManagerOptions) {
    // Sweep often enough that a session outlives its idle limit by at most a quarter of it (and at most 30 s).
    this.sweeper = setInterval(() => void this.stopIdle(), Math.max(250, Math.min(30_000, (opts.idleStopMs ?? DEFAULT_IDLE_STOP_MS) / 4)));
    this.sweeper.unref();
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Every session of the service: this process's, then the other processes'. */
  list(): SessionInfo[] {
    return [...this.local().map((s) => s.info()), ...(this.directory?.others() ?? [])];
  }

  /** The sessions running in this process. */
  local(): Session[] {
    return [...this.sessions.values()];
  }

  /** The session to join, here or in another process, and the role the token gives. */
  async find(id: string, token: string | undefined): Promise<{ session: LiveSession; role: Role } | ErrorReply> {
    const session = this.sessions.get(id);
    if (session === undefined) return this.directory?.open(id, token) ?? error('not_found', `sessionId: no session "${id}"`);
    if (token !== undefined && !session.isOwnerToken(token)) return error('forbidden', "token: not this session's controller token");
    return { session, role: token !== undefined ? 'owner' : 'viewer' };
  }

  get count(): number {
    return this.sessions.size;
  }

  async create(options: CreateOptions): Promise<Session> {
    if (this.closed) throw new CommandError('unavailable', 'the server is shutting down');
    const max = this.opts.maxSessions ?? 8;
    if (this.sessions.size + this.starting >= max) {
      throw new CommandError('unavailable', `the server runs ${max} sessions already (its limit); join one of them or try later`);
    }
    const loaded = options.loaded ?? this.opts.catalog.load(options.model, options.scenario);
    this.starting++;
    let session: Session;
    try {
      const { model: _id, scenario: _scenario, loaded: _loaded, ...rest } = options;
      session = await Session.start({ ...rest, ...loaded, frameHz: this.opts.frameHz });
    } finally {
      this.starting--;
    }
    try {
      this.opts.history?.started({
        id: session.id,
        kind: 'session',
        model: session.modelId,
        scenario: session.scenario,
        seed: session.seed,
        params: this.params(session),
        startedAt: session.createdAt,
      });
    } catch (err) {
      // Unrecorded (disk full, read-only): stop it rather than leave an orphan counted against maxSessions.
      await session.stop('it could not be recorded').catch(() => null);
      throw new CommandError('unavailable', `the session could not start: ${(err as Error).message}`);
    }
    this.sessions.set(session.id, session);
    this.directory?.started(session);
    session.onFatal = (message) => {
      this.opts.logger?.error({ session: session.id, err: message }, 'session engine failed');
      void this.stop(session.id, 'failed', `the simulation failed: ${message}`);
    };
    this.opts.logger?.info({ session: session.id, model: session.modelId, scenario: session.scenario }, 'session started');
    return session;
  }

  private params(session: Session): Record<string, unknown> {
    return { name: session.name, speed: session.speed, public: session.public, nodes: session.model.nodes, ...(session.trainingRecord ? { training: session.trainingRecord } : {}) };
  }

  /** Stops a session and records how it ended. */
  async stop(id: string, status: 'stopped' | 'finished' | 'failed', reason: string): Promise<boolean> {
    const session = this.sessions.get(id);
    if (session === undefined) return false;
    this.sessions.delete(id);
    this.directory?.stopped(id);
    const pk = session.plantKpis();
    const kpis = { ...session.kpis(), cellsPerDay: pk?.cellsPerDay ?? null, gwhPerYear: pk?.gwhPerYear ?? null, yield: pk?.yield.overall ?? null };
    const final = await session.stop(reason).catch(() => null);
    try {
      this.opts.history?.ended(id, {
        status,
        kpis: { ...kpis, eventsFired: final?.eventsFired ?? null },
        result: final === null ? null : { report: final.report, simTimeS: final.status.simTimeS, ...(final.training ? { training: final.training } : {}) },
        // The model as it ran, with live edits, so the run can be repeated.
        params: this.params(session),
        ...(status === 'failed' ? { error: reason } : {}),
      });
    } catch (err) {
      this.opts.logger?.error({ session: id, err }, 'could not record the session in the history');
    }
    this.opts.logger?.info({ session: id, status, reason }, 'session ended');
    return true;
  }

  private async stopIdle(): Promise<void> {
    const limit = this.opts.idleStopMs ?? DEFAULT_IDLE_STOP_MS;
    const now = Date.now();
    for (const s of [...this.sessions.values()]) {
      if (s.public || s.emptySince === null) continue;
      // Watched through other processes (a class behind a proxy): idle only from when they leave.
      if (this.directory?.watchedElsewhere(s.id)) s.members.emptySince = now;
      else if (now - s.emptySince > limit) await this.stop(s.id, 'finished', 'nobody was in it');
    }
  }

  /** Graceful shutdown: every session stopped and recorded. */
  async stopAll(reason: string): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.keys()].map((id) => this.stop(id, 'stopped', reason)));
  }
}
