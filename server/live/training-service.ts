import { Router } from 'express';
import type { Server as SocketServer, Socket } from 'socket.io';
import type { Logger } from 'pino';
import type { Reply } from '../protocol/messages.ts';
import type { Model } from '../protocol/model.ts';
import { formatIssues, ValidationError } from '../protocol/errors.ts';
import { TrainingCommandSchema, type ParsedTrainingCommand, type TrainingScript } from '../protocol/training.ts';
import { type Debrief, type TraineeInfo, type TrainingLogEntry, type TrainingNotice, type TrainingState } from '../protocol/training-messages.ts';
import type { HistoryStore } from '../store/history-store.ts';
import { loadTrainingScript, trainingScriptIds } from '../training/script-files.ts';
import type { ModelCatalog } from './model-catalog.ts';
import type { SessionManager } from './session-manager.ts';
import type { Session } from './session.ts';
import { error } from './session-roles.ts';
import { hasRole, principalOf } from '../protocol/access.ts';
import { roleRefusalText } from '../protocol/accounts.ts';
import { CommandError } from './live-edits.ts';
import { NotFoundError } from './model-catalog.ts';
import { startWorker, workerEntry, workerFailureMessage } from '../files/worker-entry.ts';
import { storedTraining } from './stored-training.ts';
import type { StoredDebriefJob } from './debrief-worker.ts';

const DEBRIEF_WORKER = workerEntry(import.meta.url, 'debrief-worker');
/** A stored run's debrief that takes longer than this is abandoned (its worker terminated). */
const STORED_DEBRIEF_TIMEOUT_MS = 120_000;

interface TrainingSession {
  scriptId: string;
  script: TrainingScript;
  replayOf: string | null;
  /** clientId → team (null = no team) of clients the instructor let act. */
  grants: Map<string, string | null>;
}

const room = (sessionId: string) => `training:${sessionId}`;

/**
 * Training sessions on the main thread: starts a session from a script, keeps
 * the instructor's grants, checks every trainee action against them, forwards
 * ops to the session's engine worker (which logs and applies them), pushes
 * prompts and actions to the session's members, and serves the debrief over
 * the socket and REST. Replays stored runs from the history.
 */
export class TrainingService {
  private readonly sessions = new Map<string, TrainingSession>();
  /** Stored-run debriefs run one at a time: each is three simulations on a small machine. */
  private storedQueue: Promise<unknown> = Promise.resolve();
  private io: SocketServer | null = null;

  constructor(
    private readonly deps: { manager: SessionManager; catalog: ModelCatalog; history: HistoryStore | null; logger?: Logger },
  ) {}

  /** Listens for `train` on every connection (socket-server.ts sets socket.data). */
  attach(io: SocketServer): void {
    this.io = io;
    io.on('connection', (socket) => {
      socket.on('train', (raw: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: Reply) => void) : () => undefined;
        this.handle(socket, raw).then(reply, (err: unknown) => {
          this.deps.logger?.error({ err }, 'training command failed');
          reply(error('internal', 'the server failed to carry out the training command'));
        });
      });
    });
  }

  private notify(sessionId: string, notice: TrainingNotice): void {
    this.io?.to(room(sessionId)).emit('training', notice);
  }

  async handle(socket: Socket, raw: unknown): Promise<Reply> {
    const parsed = TrainingCommandSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = formatIssues(parsed.error.issues);
      return error('invalid', problems.join('; '), problems);
    }
    try {
      return await this.dispatch(socket, parsed.data);
    } catch (err) {
      if (err instanceof ValidationError) return error('invalid', err.message, err.problems);
      if (err instanceof NotFoundError) return error('not_found', err.message);
      if (err instanceof CommandError) return error(err.code, err.message);
      throw err;
    }
  }

  private async dispatch(socket: Socket, cmd: ParsedTrainingCommand): Promise<Reply> {
    // Starting (or replaying) an exercise creates a session: the instructor's account role.
    const principal = principalOf(socket.data);
    if ((cmd.type === 'startTraining' || cmd.type === 'replay') && !hasRole(principal, 'instructor')) return error('forbidden', roleRefusalText(principal, 'instructor', cmd.type));
    if (cmd.type === 'startTraining') {
      const { id, script, model } = loadTrainingScript(cmd.script, (m, s) => this.deps.catalog.load(m, s).model);
      const session = await this.start(id, script, model, null, null, cmd.play ?? false);
      return { ok: true, result: { sessionId: session.id, controllerToken: session.token } };
    }
    if (cmd.type === 'replay') return this.replay(cmd.runId, cmd.speed);
    const clientId = socket.data.clientId as string | undefined;
    const session = (socket.data.session as (() => Session | null) | undefined)?.() ?? null;
    if (clientId === undefined || session === null) return error('not_in_session', `${cmd.type}: join a session first (joinSession)`);
    const training = this.sessions.get(session.id);
    if (training === undefined) return error('conflict', `${cmd.type}: session "${session.id}" runs no training script`);
    await socket.join(room(session.id));
    const role = session.role(clientId) ?? 'viewer';
    const user = session.roster().find((c) => c.clientId === clientId)?.user ?? clientId;
    const ownerOnly = (what: string) => error('forbidden', `${what}: only the instructor (session owner) may do this`);
    switch (cmd.type) {
      case 'trainingState':
        return { ok: true, result: await this.state(session, training) };
      case 'grantActions': {
        if (role !== 'owner') return ownerOnly('grantActions');
        if (session.role(cmd.clientId) === undefined) return error('not_found', `clientId: no client "${cmd.clientId}" in this session`);
        if (cmd.grant) training.grants.set(cmd.clientId, cmd.team ?? null);
        else training.grants.delete(cmd.clientId);
        this.notify(session.id, { type: 'grant', clientId: cmd.clientId, granted: cmd.grant, team: cmd.team ?? null });
        return { ok: true, result: this.trainees(session, training) };
      }
      case 'fireEvent':
        if (role !== 'owner') return ownerOnly('fireEvent');
        return this.apply(session, { op: 'fire', eventIndex: cmd.index }, user, role);
      case 'clearEventBreakdown':
        if (role !== 'owner') return ownerOnly('clearEventBreakdown');
        return this.apply(session, { op: 'clearBreakdown', nodeId: cmd.nodeId }, user, role);
      case 'act':
        if (role !== 'owner' && !training.grants.has(clientId)) return error('forbidden', 'act: the instructor has not granted you trainee actions');
        return this.apply(session, { op: 'action', act: cmd.act }, user, role);
      case 'debrief':
        return this.debrief(session, training);
    }
  }

  private async apply(session: Session, item: TrainingLogEntry['item'], by: string, role: string): Promise<Reply> {
    const reply = await session.training({ type: 'apply', item, by, role, wall: new Date().toISOString() });
    if (!reply.ok) return error(reply.code, reply.message);
    const entry = reply.result as TrainingLogEntry;
    this.notify(session.id, { type: 'action', entry });
    return { ok: true, result: entry };
  }

  /** Creates the session paused at time 0, arms the script in its worker, then plays if asked. */
  private async start(scriptId: string, script: TrainingScript, model: Model, replayLog: TrainingLogEntry[] | null, replayOf: string | null, play: boolean, speed = script.speed): Promise<Session> {
    const session = await this.deps.manager.create({
      loaded: { model, modelId: script.model, scenario: script.scenario ?? null },
      name: `${replayOf ? 'Replay: ' : 'Training: '}${script.name}`,
      seed: script.seed,
      speed,
      play: false,
    });
    const ready = await session.training({ type: 'setup', script, replay: replayLog });
    if (!ready.ok) {
      await this.deps.manager.stop(session.id, 'failed', ready.message);
      throw new CommandError(ready.code, ready.message);
    }
    // Forget sessions that have ended since (the manager drops them; their runs live on in the history).
    for (const id of this.sessions.keys()) if (this.deps.manager.get(id) === undefined) this.sessions.delete(id);
    session.trainingRecord = { scriptId, replayOf };
    this.sessions.set(session.id, { scriptId, script, replayOf, grants: new Map() });
    session.onTrainingEvent = (event) => this.notify(session.id, { type: 'event', event });
    if (play) await session.control('', { type: 'play' });
    return session;
  }

  /** A stored training run in a new session, replayed from its log at any speed. */
  private async replay(runId: string, speed: TrainingScript['speed'] | undefined): Promise<Reply> {
    const stored = storedTraining(this.deps.history?.get(runId) ?? null);
    if (stored === null) return error('not_found', `runId: no stored training run "${runId}"`);
    const { id, script, model } = loadTrainingScript(stored.scriptId, (m, s) => this.deps.catalog.load(m, s).model);
    const session = await this.start(id, { ...script, seed: stored.seed }, model, stored.log, runId, true, speed ?? script.speed);
    return { ok: true, result: { sessionId: session.id, controllerToken: session.token } };
  }

  private trainees(session: Session, training: TrainingSession): TraineeInfo[] {
    return session.roster().map((c) => ({ clientId: c.clientId, user: c.user, role: c.role, granted: training.grants.has(c.clientId), team: training.grants.get(c.clientId) ?? null }));
  }

  private async state(session: Session, training: TrainingSession): Promise<TrainingState> {
    const reply = await session.training({ type: 'state' });
    if (!reply.ok) throw new CommandError(reply.code, reply.message);
    const { log, fired } = reply.result as { log: TrainingLogEntry[]; fired: TrainingState['fired'] };
    return { scriptId: training.scriptId, script: training.script, replayOf: training.replayOf, trainees: this.trainees(session, training), fired, log };
  }

  private async debrief(session: Session, training: TrainingSession): Promise<Reply<Debrief>> {
    const teams: [string, string | null][] = this.trainees(session, training).filter((t) => t.granted).map((t) => [t.user, t.team]);
    const reply = await session.training({ type: 'debrief', teams });
    if (!reply.ok) return error(reply.code, reply.message);
    return { ok: true, result: reply.result as Debrief };
  }

  /** REST: GET /api/training/scripts, GET /api/training/:sessionId/debrief, GET /api/training/:sessionId/log. */
  router(): Router {
    const r = Router();
    r.get('/training/scripts', (_req, res) => {
      res.json(trainingScriptIds().map((id) => {
        try {
          const { script } = loadTrainingScript(id, (m, s) => this.deps.catalog.load(m, s).model);
          return { id, name: script.name, nameRu: script.nameRu ?? null, model: script.model, horizonS: script.horizonS, events: script.events.length };
        } catch (err) {
          return { id, error: err instanceof Error ? err.message : String(err) };
        }
      }));
    });
    r.get('/training/:sessionId/debrief', async (req, res) => {
      const session = this.deps.manager.get(req.params.sessionId);
      const training = session === undefined ? undefined : this.sessions.get(session.id);
      if (session === undefined || training === undefined) {
        const stored = await this.storedDebrief(req.params.sessionId);
        if (stored === null) res.status(404).json({ error: `no training session or stored training run "${req.params.sessionId}"` });
        else if ('error' in stored) res.status(500).json(stored);
        else res.json(stored);
        return;
      }
      const reply = await this.debrief(session, training);
      if (reply.ok) res.json(reply.result);
      else res.status(reply.error.code === 'unavailable' ? 503 : 409).json({ error: reply.error.message });
    });
    r.get('/training/:sessionId/log', async (req, res) => {
      // The log names every trainee and holds the reference actions: instructors and admins only.
      const principal = principalOf(res.locals);
      if (!hasRole(principal, 'instructor')) {
        const status = principal.user === null ? 401 : 403;
        res.status(status).json({ error: { status, message: roleRefusalText(principal, 'instructor', `GET /api/training/${req.params.sessionId}/log`) } });
        return;
      }
      const session = this.deps.manager.get(req.params.sessionId);
      const training = session === undefined ? undefined : this.sessions.get(session.id);
      if (session !== undefined && training !== undefined) {
        res.json(await this.state(session, training));
        return;
      }
      const run = this.deps.history?.get(req.params.sessionId) ?? null;
      const stored = (run?.result as { training?: unknown } | null | undefined)?.training;
      if (run === null || stored === undefined) res.status(404).json({ error: `no training run "${req.params.sessionId}"` });
      else res.json({ runId: run.id, seed: run.seed, params: run.params, ...stored });
    });
    return r;
  }

  /** The debrief of a stored run, computed in a one-shot worker thread; null if there is no such run. */
  private storedDebrief(runId: string): Promise<Debrief | { error: string } | null> {
    const stored = storedTraining(this.deps.history?.get(runId) ?? null);
    if (stored === null) return Promise.resolve(null);
    const counts = new Map<string, number>();
    for (const e of stored.log) if (e.item.op === 'action') counts.set(e.by, (counts.get(e.by) ?? 0) + 1);
    const job: StoredDebriefJob = { scriptId: stored.scriptId, seed: stored.seed, log: stored.log, untilS: stored.simTimeS, teams: [...counts.keys()].map((u) => [u, null]) };
    const next = this.storedQueue.then(
      () =>
        new Promise<Debrief | { error: string }>((resolve) => {
          const worker = startWorker(DEBRIEF_WORKER, { workerData: job });
          const timer = setTimeout(() => void worker.terminate(), STORED_DEBRIEF_TIMEOUT_MS);
          const done = (value: Debrief | { error: string }) => {
            clearTimeout(timer);
            void worker.terminate();
            resolve(value);
          };
          worker.once('message', (m: { ok: true; result: Debrief } | { ok: false; message: string }) => done(m.ok ? m.result : { error: m.message }));
          worker.once('error', (err) => done({ error: workerFailureMessage(err) }));
          worker.once('exit', () => done({ error: 'the debrief worker stopped' }));
        }),
    );
    this.storedQueue = next.catch(() => undefined);
    return next;
  }

  forget(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}
