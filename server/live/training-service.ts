import type { Server as SocketServer, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { hasRole, principalOf, type Principal } from '../protocol/access.ts';
import type { JoinResult, Reply, Role } from '../protocol/messages.ts';
import type { Model } from '../protocol/model.ts';
import { formatIssues } from '../protocol/errors.ts';
import { DEFAULT_TRAINING_PACE, MAX_TRAINING_PACE, TrainingCommandSchema, type ParsedTrainingCommand, type TrainingScript } from '../protocol/training.ts';
import type { TrainingLogEntry, TrainingNotice, TrainingState } from '../protocol/training-messages.ts';
import { refusal } from '../protocol/training-refusals.ts';
import type { HistoryStore, RunRecord } from '../store/history-store.ts';
import { loadTrainingScript } from '../training/script-files.ts';
import type { ModelCatalog } from './model-catalog.ts';
import type { SessionManager } from './session-manager.ts';
import { Session } from './session.ts';
import type { LiveSession } from './live-session.ts';
import { RemoteSession } from './remote-session.ts';
import type { ClusterTraining, ExerciseCommand, RemoteTrainingRequest } from './redis-messages.ts';
import { TrainingPeers, type TrainingPeer } from './training-peers.ts';
import { joinElsewhere, trainingReply, unknownCode } from './training-relay.ts';
import { error } from './session-roles.ts';
import { roleRefusalText } from '../protocol/accounts.ts';
import { CommandError } from './live-edits.ts';
import { storedTraining } from './stored-training.ts';
import { spendSocketBudget } from './address-budgets.ts';
import { ExerciseClock } from './exercise-clock.ts';
import { TrainingLifecycle } from './training-lifecycle.ts';
import { TrainingRoster } from './training-roster.ts';
import { exerciseDebrief, exerciseSnapshot, exerciseTitle, newJoinCode, refused, trainingStateFor, type Exercise, type Viewer } from './training-exercise.ts';
import { trainingRoutes } from './training-routes.ts';
import type { ExerciseDebriefs } from './exercise-debriefs.ts';
import { TrainingCommands } from './training-commands.ts';

/** Training commands one connection may send per second (the `cmd` channel allows 50; training needs far fewer). */
export const TRAIN_COMMANDS_PER_SECOND = 10;

/** Seats a client in a session (here or relayed from another process) as a viewer under `user` (socket-server.ts puts it on socket.data). */
export type EnterSession = (session: LiveSession, user: string) => JoinResult;

/**
 * Training sessions on the main thread: the `train` channel (validated, rate-limited),
 * starting exercises from scripts and replays from the history, the people, clock and
 * lifecycle of each exercise (training-commands.ts carries the commands out), and the
 * per-receiver messages that keep the training secrets (training-exercise.ts). With several
 * processes (REDIS_URL) an exercise runs where its session runs; clients connected to other
 * processes reach it through their relay of the session (remote-session.ts, `serveRemote`).
 */
export class TrainingService implements ClusterTraining {
  private readonly exercises = new Map<string, Exercise>();
  /** Per exercise: the clients that have spoken on its training channel (messages differ per receiver). */
  private readonly peers = new TrainingPeers();
  private readonly limiter = new RateLimiterMemory({ points: TRAIN_COMMANDS_PER_SECOND, duration: 1 });
  private readonly commands = new TrainingCommands(this);
  /** Told when an exercise has ended and its run is stored (run id = session id), e.g. to compute its debrief. */
  onExerciseEnded: (runId: string) => void = () => undefined;
  /** With REDIS_URL: a stored run of another process of the service, fetched for a replay here (service-reads.ts). */
  runElsewhere: ((runId: string, principal: Principal) => Promise<RunRecord | null>) | null = null;

  constructor(readonly deps: { manager: SessionManager; catalog: ModelCatalog; history: HistoryStore | null; logger?: Logger }) {}

  attach(io: SocketServer): void {
    this.peers.attach(io);
    io.on('connection', (socket) => {
      socket.on('train', (raw: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: Reply) => void) : () => undefined;
        this.limiter.consume(socket.id).then(
          () =>
            this.handle(socket, raw).then(reply, (err: unknown) => {
              this.deps.logger?.error({ err }, 'training command failed');
              reply(error('internal', 'the server failed to carry out the training command'));
            }),
          () => reply(refused('unavailable', `too many training commands: at most ${TRAIN_COMMANDS_PER_SECOND} per second`, refusal('tooFast', { limit: TRAIN_COMMANDS_PER_SECOND }))),
        );
      });
      socket.on('disconnect', () => this.peers.dropSocket(socket));
    });
  }

  async handle(socket: Socket, raw: unknown): Promise<Reply> {
    const overBudget = await spendSocketBudget(socket, 'train'); // the sender's address budget, shared with cmd
    if (overBudget !== null) return overBudget;
    const parsed = TrainingCommandSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = formatIssues(parsed.error.issues);
      return error('invalid', problems.join('; '), problems);
    }
    return trainingReply(() => this.dispatch(socket, parsed.data));
  }

  private async dispatch(socket: Socket, cmd: ParsedTrainingCommand): Promise<Reply> {
    // Starting (or replaying) an exercise creates a session: the instructor's account role.
    const principal = principalOf(socket.data);
    if ((cmd.type === 'startTraining' || cmd.type === 'replay') && !hasRole(principal, 'instructor')) return refused('forbidden', roleRefusalText(principal, 'instructor', cmd.type), refusal('instructorOnly'));
    if (cmd.type === 'startTraining') {
      const { id, script, model } = loadTrainingScript(cmd.script, (m, s) => this.deps.catalog.load(m, s).model);
      const instructor = cmd.user ?? principal.user ?? 'instructor';
      const ex = await this.start(id, script, model, null, null, instructor);
      if (cmd.play) await this.commands.begin(ex);
      return { ok: true, result: { sessionId: ex.sessionId, controllerToken: this.deps.manager.get(ex.sessionId)!.token, code: ex.code } };
    }
    if (cmd.type === 'replay') return this.replay(cmd.runId, cmd.speed, cmd.user, principal);
    const clientId = socket.data.clientId as string | undefined;
    if (clientId === undefined) return error('not_in_session', `${cmd.type}: the connection is not ready`);
    if (cmd.type === 'joinTraining') return this.join(socket, clientId, cmd);
    const current = (socket.data.session as (() => LiveSession | null) | undefined)?.() ?? null;
    if (current === null) return error('not_in_session', `${cmd.type}: join a session first (joinSession or joinTraining)`);
    // A session of another process: its process runs the exercise and checks role and grants.
    if (current instanceof RemoteSession) return current.train(clientId, socket.id, cmd);
    const ex = this.exercises.get(current.id);
    if (ex === undefined || !(current instanceof Session)) return error('conflict', `${cmd.type}: session "${current.id}" runs no training script`);
    this.peers.add(ex.sessionId, clientId, { kind: 'local', socket });
    return this.commands.run(ex, current, this.viewerOf(ex, current.role(clientId), clientId), cmd);
  }

  /** A trainee joins by name with the exercise's code: seated in the session as a viewer, on the roster, the instructor told. */
  private join(socket: Socket, clientId: string, cmd: Extract<ParsedTrainingCommand, { type: 'joinTraining' }>): Promise<Reply> | Reply {
    const enter = socket.data.enterSession as EnterSession | undefined;
    if (enter === undefined) return error('internal', 'joinTraining: this connection cannot enter sessions');
    const open = this.openExercise(cmd.code);
    // Not here: an exercise of another process of the service, found by its code in the registry.
    if (open === null) return joinElsewhere(this.deps.manager, { socket, clientId, enter }, cmd);
    this.seat(open.ex, clientId, cmd, { kind: 'local', socket });
    return { ok: true, result: enter(open.session, cmd.name) };
  }

  private openExercise(code: string): { ex: Exercise; session: Session } | null {
    const ex = [...this.exercises.values()].find((e) => e.code === code && e.lifecycle.phase !== 'ended');
    const session = ex === undefined ? undefined : this.deps.manager.get(ex.sessionId);
    return ex === undefined || session === undefined ? null : { ex, session };
  }

  private seat(ex: Exercise, clientId: string, cmd: Extract<ParsedTrainingCommand, { type: 'joinTraining' }>, peer: TrainingPeer): void {
    ex.roster.join(clientId, cmd.name, cmd.team);
    this.peers.add(ex.sessionId, clientId, peer);
    this.commands.rosterChanged(ex);
  }

  /** `role`: the client's role in the session, here or in the relay of the process it is connected to. */
  viewerOf(ex: Exercise, role: Role | undefined, clientId: string): Viewer {
    if (role === 'owner') return { kind: 'instructor', clientId, name: ex.instructor };
    const trainee = ex.roster.get(clientId);
    return trainee?.present ? { kind: 'trainee', trainee } : { kind: 'observer', clientId };
  }

  private roleOf(session: Session | undefined, clientId: string, peer: TrainingPeer): Role | undefined {
    return peer.kind === 'remote' ? peer.role : session?.role(clientId);
  }

  /** Sends each registered member of the exercise what `noticeFor` gives them (null: nothing). */
  notify(ex: Exercise, noticeFor: (viewer: Viewer) => TrainingNotice | null): void {
    const session = this.deps.manager.get(ex.sessionId);
    for (const [clientId, peer] of this.peers.of(ex.sessionId)) {
      const notice = noticeFor(this.viewerOf(ex, this.roleOf(session, clientId, peer), clientId));
      if (notice !== null) this.peers.emit(peer, notice);
    }
  }

  // --- clients connected to other processes of the service (redis-cluster.ts) ---

  /** A training command relayed by the process a client is connected to: the same checks and replies as for a client here. */
  serveRemote(req: RemoteTrainingRequest, from: string): Promise<Reply> {
    return trainingReply(async () => {
      const cmd: ExerciseCommand = req.cmd;
      const ex = this.exercises.get(req.sessionId);
      const session = this.deps.manager.get(req.sessionId);
      const peer: TrainingPeer = { kind: 'remote', socketId: req.socketId, role: req.role, process: from };
      if (cmd.type === 'joinTraining') {
        const open = this.openExercise(cmd.code);
        if (open === null || open.ex !== ex) return unknownCode(cmd.code);
        this.seat(open.ex, req.clientId, cmd, peer);
        return { ok: true, result: null };
      }
      if (ex === undefined || session === undefined) return error('conflict', `${cmd.type}: session "${req.sessionId}" runs no training script`);
      this.peers.add(ex.sessionId, req.clientId, peer);
      return this.commands.run(ex, session, this.viewerOf(ex, req.role, req.clientId), cmd);
    });
  }

  /** A client of another process left its relay of the exercise: off the channel, and off the roster's present trainees. */
  remoteLeft(sessionId: string, clientId: string): void {
    if (this.peers.remove(sessionId, clientId)) this.presenceChanged(sessionId);
  }

  remoteProcesses(): string[] {
    return this.peers.processes();
  }

  processGone(process: string): void {
    for (const sessionId of this.peers.dropProcess(process)) this.presenceChanged(sessionId);
  }

  /** Trainees present: in the session here, or in another process's relay of it. */
  private presenceChanged(sessionId: string): void {
    const ex = this.exercises.get(sessionId);
    const session = this.deps.manager.get(sessionId);
    if (ex !== undefined && ex.roster.keepPresent((id) => session?.members.get(id) !== undefined || this.peers.isRemote(sessionId, id))) this.commands.rosterChanged(ex);
  }

  joinCode(sessionId: string): string | undefined {
    const ex = this.exercises.get(sessionId);
    return ex === undefined || ex.lifecycle.phase === 'ended' ? undefined : ex.code;
  }

  /** The exercise's phase or trainees changed: the other processes' session lists follow. */
  listChanged(ex: Exercise): void {
    const session = this.deps.manager.get(ex.sessionId);
    if (session !== undefined) this.deps.manager.directory?.changed(session);
  }

  /** Creates the session paused at time 0 in its lobby and arms the script in its worker. */
  private async start(scriptId: string, script: TrainingScript, model: Model, replayLog: TrainingLogEntry[] | null, replayOf: string | null, instructor: string, speed?: TrainingScript['speed']): Promise<Exercise> {
    const startedAt = new Date();
    const title = replayOf ? `Replay of ${replayOf}: ${script.name}` : exerciseTitle(script.name, instructor, startedAt);
    const titleRu = script.nameRu === undefined ? null : replayOf ? `Повтор ${replayOf}: ${script.nameRu}` : exerciseTitle(script.nameRu, instructor, startedAt);
    const pace = script.pace ?? Math.min(DEFAULT_TRAINING_PACE, MAX_TRAINING_PACE);
    const session = await this.deps.manager.create({ loaded: { model, modelId: script.model, scenario: script.scenario ?? null }, name: title, ...(titleRu !== null ? { nameRu: titleRu } : {}), seed: script.seed, speed: speed ?? pace, play: false });
    const ready = await session.training({ type: 'setup', script, replay: replayLog, holds: replayOf === null });
    if (!ready.ok) {
      await this.deps.manager.stop(session.id, 'failed', ready.message);
      throw new CommandError(ready.code, ready.message);
    }
    const ex: Exercise = {
      sessionId: session.id,
      scriptId,
      script,
      replayOf,
      title,
      titleRu,
      code: newJoinCode((c) => [...this.exercises.values()].some((e) => e.code === c)),
      instructor,
      lifecycle: new TrainingLifecycle(),
      clock: new ExerciseClock(pace, script.promptTimeoutS, () => void this.commands.play(ex)),
      roster: new TrainingRoster(script.teams ?? null),
    };
    this.exercises.set(session.id, ex);
    // Stored with the run: the finished-exercises list shows the instructor (and the script title in the reader's language).
    session.trainingRecord = { scriptId, replayOf, instructor };
    session.trainingInfo = () => ({ scriptId, phase: ex.lifecycle.phase, trainees: ex.roster.size, replayOf });
    session.onTrainingEvent = (event) => this.notify(ex, () => ({ type: 'event', event }));
    session.onTrainingHold = (hold) => this.commands.held(ex, hold);
    session.onMembersChanged = () => this.presenceChanged(session.id);
    session.onStopped = () => this.forget(session.id);
    this.listChanged(ex); // its join code and phase, for trainees connected to other processes
    return ex;
  }

  /** A stored training run in a new session, replayed from its log at any speed (it plays through prompts). */
  private async replay(runId: string, speed: TrainingScript['speed'] | undefined, user: string | undefined, principal: Principal): Promise<Reply> {
    const stored = storedTraining(this.deps.history?.get(runId) ?? (await this.runElsewhere?.(runId, principal)) ?? null);
    if (stored === null) return error('not_found', `runId: no stored training run "${runId}"`);
    const { id, script, model } = loadTrainingScript(stored.scriptId, (m, s) => this.deps.catalog.load(m, s).model);
    const ex = await this.start(id, { ...script, seed: stored.seed }, model, stored.log, runId, user ?? 'replay', speed ?? script.speed);
    ex.lifecycle.begin();
    await this.deps.manager.get(ex.sessionId)?.control('', { type: 'play' });
    return { ok: true, result: { sessionId: ex.sessionId, controllerToken: this.deps.manager.get(ex.sessionId)!.token, code: ex.code } };
  }

  /**
   * The end: the plant stops, the session is stored in the history with its log
   * (run id = session id), and every member is told to open the debrief.
   */
  async end(ex: Exercise, reason: string): Promise<void> {
    if (!ex.lifecycle.end()) return;
    ex.clock.dispose();
    const members = this.peers.of(ex.sessionId);
    const session = this.deps.manager.get(ex.sessionId);
    if (session?.trainingRecord) session.trainingRecord.trainees = ex.roster.teamsByName();
    await this.deps.manager.stop(ex.sessionId, 'finished', reason);
    for (const [, peer] of members) this.peers.emit(peer, { type: 'ended', runId: ex.sessionId } satisfies TrainingNotice);
    this.onExerciseEnded(ex.sessionId);
  }

  /** REST routes (training-routes.ts) over the live exercises and the history. */
  router(debriefs: ExerciseDebriefs) {
    return trainingRoutes({
      debriefs,
      catalog: this.deps.catalog,
      history: this.deps.history,
      live: {
        instructorState: async (id): Promise<TrainingState | null> => {
          const ex = this.exercises.get(id);
          const session = this.deps.manager.get(id);
          if (ex === undefined || session === undefined) return null;
          return trainingStateFor(ex, await exerciseSnapshot(session), { kind: 'instructor', clientId: '', name: ex.instructor });
        },
        debrief: async (id) => {
          const ex = this.exercises.get(id);
          const session = this.deps.manager.get(id);
          return ex === undefined || session === undefined ? null : exerciseDebrief(ex, session);
        },
      },
    });
  }

  forget(sessionId: string): void {
    this.exercises.get(sessionId)?.clock.dispose();
    this.exercises.delete(sessionId);
    this.peers.forget(sessionId); // `end` kept its own list, to tell them after the stop
  }
}
