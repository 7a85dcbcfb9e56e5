import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Model } from '../protocol/model.ts';
import {
  PROTOCOL_VERSION,
  withParam,
  type ClientInfo,
  type ControlResult,
  type Frame,
  type KpiField,
  type NodeInfo,
  type PlantKpis,
  type Reply,
  type Role,
  type SessionInfo,
  type Snapshot,
  type Speed,
} from '../protocol/messages.ts';
import { EngineHandle } from './engine-handle.ts';
import type { FramePair } from './frame-builder.ts';
import type { EngineCommand } from './session-engine.ts';
import type { FinalState } from './worker-messages.ts';
import { error } from './session-roles.ts';
import type { ScriptEventRecord } from '../protocol/training-messages.ts';
import type { TrainingHold, TrainingRequest } from './training-engine.ts';
import type { TrainingReply } from './engine-handle.ts';
import { SessionMembers, type Member, type ViewerLink } from './session-members.ts';
import { SessionStream } from './session-stream.ts';
import { kpisByName } from './kpi-history.ts';
import type { SharedSnapshot } from './snapshot-cache.ts';

export type { ViewerLink } from './session-members.ts';

export interface SessionOptions {
  model: Model;
  modelId: string;
  scenario: string | null;
  name?: string;
  /** The name in Russian, when the creator has one. */
  nameRu?: string;
  seed?: number;
  speed?: Speed;
  play?: boolean;
  public?: boolean;
  frameHz?: number;
  /** Simulated seconds run at full speed in the worker before the first frame (warm start); 0 = from empty. */
  warmupS?: number;
}

/**
 * One live session on the main thread: its engine runs in a worker (EngineHandle).
 * Here are its identity, the commands and its lifecycle; its members and their roles
 * are in session-members.ts, the frame stream with per-viewer flow control and the
 * KPI history in session-stream.ts.
 */
export class Session {
  readonly id = randomUUID().slice(0, 8);
  readonly createdAt = new Date().toISOString();
  readonly name: string;
  readonly nameRu: string | null;
  readonly modelId: string;
  readonly scenario: string | null;
  readonly public: boolean;
  /** The model as running: scenario and live edits applied (patched with withParam). */
  model: Model;
  private readonly ownerToken = randomBytes(18).toString('base64url');
  readonly members = new SessionMembers();
  private readonly stream: SessionStream;
  private readonly engine: EngineHandle;
  nodes: NodeInfo[] = [];
  seed: number;
  locked = false;
  running: boolean;
  speed: Speed;
  /** Injected breakdowns in force, as the engine last reported them. */
  private breakdowns: Record<string, number> = {};
  stopped = false;
  firstFrame: () => void = () => undefined;
  /** Training sessions: what the history needs to replay the run (set by the training service). */
  trainingRecord: { scriptId: string; replayOf: string | null; instructor?: string; trainees?: [string, string | null][] } | null = null;
  /** Told when the engine's training script fires an event, and when a prompt or the horizon pauses the plant. */
  onTrainingEvent: (event: ScriptEventRecord) => void = () => undefined;
  onTrainingHold: (hold: TrainingHold) => void = () => undefined;
  /** Training sessions: the exercise's phase and trainees for the session list (set by the training service). */
  trainingInfo: () => SessionInfo['training'] = () => undefined;
  /** Told after every join and leave (the training roster follows it). */
  onMembersChanged: () => void = () => undefined;
  /** Told once the session has stopped (for whatever reason). */
  onStopped: () => void = () => undefined;
  /** Told every frame pair after the local viewers got theirs (redis-cluster.ts relays it to other processes). */
  onFramePair: (epoch: number, pair: FramePair) => void = () => undefined;
  /** Set when the engine fails; the manager stops the session. */
  onFatal: (message: string) => void = () => undefined;

  private constructor(opts: SessionOptions) {
    this.model = structuredClone(opts.model);
    this.modelId = opts.modelId;
    this.scenario = opts.scenario;
    this.name = opts.name ?? `${opts.model.name}${opts.scenario ? ` / ${opts.scenario}` : ''}`;
    this.nameRu = opts.nameRu ?? null;
    this.public = opts.public ?? false;
    this.seed = opts.seed ?? 1;
    this.speed = opts.speed ?? 60;
    this.running = opts.play ?? true;
    this.stream = new SessionStream(this);
    this.members.onChangedElsewhere = () => (this.stream.snapshotChanged(), this.members.rosterChanged()); // the viewer count, the owners' roster
    this.engine = new EngineHandle(
      { model: this.model, seed: this.seed, speed: this.speed, running: this.running, frameHz: opts.frameHz ?? 20, warmupS: opts.warmupS },
      {
        onFrame: (epoch, pair) => {
          this.stream.onFrame(epoch, pair);
          this.onFramePair(epoch, pair);
        },
        onFatal: (m) => this.fatal(m),
        onTrainingEvent: (e) => this.onTrainingEvent(e),
        onTrainingHold: (h) => {
          this.running = false;
          this.onTrainingHold(h);
        },
      },
    );
  }

  static async start(opts: SessionOptions): Promise<Session> {
    const session = new Session(opts);
    const firstFrame = new Promise<void>((resolve) => (session.firstFrame = resolve));
    try {
      session.nodes = await session.engine.ready;
      let timer: NodeJS.Timeout | undefined;
      const tooLate = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the session engine sent no first frame')), 15_000)));
      await Promise.race([firstFrame, tooLate]).finally(() => clearTimeout(timer));
    } catch (err) {
      await session.engine.terminate();
      throw err;
    }
    return session;
  }

  get token(): string {
    return this.ownerToken;
  }

  get size(): number {
    return this.members.size;
  }

  /** Wall time (ms) since which nobody has been connected, or null while someone is. */
  get emptySince(): number | null {
    return this.members.emptySince;
  }

  get simTimeS(): number {
    return this.stream.lastKey?.t ?? 0;
  }

  /** The latest plant KPIs the engine computed (keyframes carry them), or null before the first. */
  plantKpis(): PlantKpis | null {
    return this.stream.lastKey?.pk ?? null;
  }

  /** Latest KPI values by name (zeros before the first frame). */
  kpis(): Record<KpiField, number> {
    return kpisByName(this.stream.lastKey?.kp);
  }

  isOwnerToken(token: string | undefined): boolean {
    if (token === undefined) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(this.ownerToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  info(): SessionInfo {
    return {
      id: this.id,
      name: this.name,
      ...(this.nameRu !== null ? { nameRu: this.nameRu } : {}),
      modelId: this.modelId,
      modelName: this.model.name,
      ...(this.model.nameRu ? { modelNameRu: this.model.nameRu } : {}),
      scenario: this.scenario,
      seed: this.seed,
      createdAt: this.createdAt,
      public: this.public,
      locked: this.locked,
      running: this.running,
      speed: this.speed,
      simTimeS: this.simTimeS,
      viewers: this.members.viewers,
      ...(this.trainingRecord ? { training: this.trainingInfo() } : {}),
    };
  }

  roster(): ClientInfo[] {
    return this.members.roster();
  }

  role(clientId: string): Role | undefined {
    return this.members.get(clientId)?.role;
  }

  /** Adds a client (owner if it holds the token) and sends it a snapshot. */
  join(clientId: string, link: ViewerLink, user: string, role: Role): void {
    this.stream.snapshotChanged(); // the viewer count
    this.stream.sendSnapshot(this.members.add(clientId, link, user, role));
    this.members.rosterChanged();
    this.onMembersChanged();
  }

  leave(clientId: string): void {
    if (!this.members.remove(clientId)) return;
    this.stream.snapshotChanged();
    this.members.rosterChanged();
    this.onMembersChanged();
  }

  resendSnapshot(clientId: string): void {
    const member = this.members.get(clientId);
    if (member !== undefined) this.stream.sendSnapshot(member);
  }

  /** Runs a simulation command for `clientId` (already validated and authorised). */
  async control(clientId: string, cmd: EngineCommand): Promise<Reply<ControlResult>> {
    if (this.stopped) return error('unavailable', 'the session has ended');
    const reply = await this.engine.command(cmd);
    if (!reply.ok) return error(reply.code, reply.message);
    this.running = reply.result.running;
    this.speed = reply.result.speed;
    this.breakdowns = reply.breakdowns;
    if (cmd.type === 'reset' && cmd.seed !== undefined) this.seed = cmd.seed;
    this.stream.snapshotChanged(); // model, breakdowns, speed
    const by = this.members.get(clientId)?.user ?? clientId;
    if (cmd.type === 'setParam') {
      this.model = withParam(this.model, cmd);
      const info = this.nodes.find((n) => n.id === cmd.nodeId);
      if (cmd.field === 'capacity' && info !== undefined) info.capacity = cmd.value;
      if (cmd.field === 'servers' && info !== undefined) info.servers = cmd.value;
      this.members.broadcast({ ...cmd, type: 'param', by });
    } else if (cmd.type === 'injectBreakdown' || cmd.type === 'clearBreakdown') {
      this.members.broadcast({ type: 'breakdown', nodeId: cmd.nodeId, server: cmd.server ?? null, down: cmd.type === 'injectBreakdown', by });
    }
    return { ok: true, result: reply.result };
  }

  /** Sends a training request to the engine's worker (training-service.ts decides who may). */
  training(req: TrainingRequest): Promise<TrainingReply> {
    if (this.stopped) return Promise.resolve({ ok: false, code: 'unavailable', message: 'the session has ended' });
    return this.engine.training(req);
  }

  /** Owner grants or revokes control; the target (here or in another process) gets its new role and a fresh snapshot. */
  setRole(targetId: string, grant: boolean): Reply<ClientInfo[]> {
    const target = this.members.setRole(targetId, grant); // null: a member of another process, whose process sends its snapshot
    if (target !== null && 'ok' in target) return target;
    if (target !== null) this.stream.sendSnapshot(target);
    this.members.rosterChanged();
    return { ok: true, result: this.roster() };
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.stream.snapshotChanged();
    if (this.stream.lastKey !== null) this.stream.lastKey.lk = locked ? 1 : 0;
  }

  /** The snapshot a viewer in another process starts from (as a viewer; redis-cluster.ts), or null before the first frame. */
  remoteSnapshot(): Snapshot | null {
    return this.stream.snapshotOf({ clientId: '', role: 'viewer' } as Member);
  }

  /** What every member's snapshot at keyframe `key` shares (snapshot-cache.ts encodes it once per frame). */
  snapshotShared(key: Frame, kpiHistory: number[][]): SharedSnapshot {
    return {
      protocol: PROTOCOL_VERSION,
      session: this.info(),
      model: this.model,
      nodes: this.nodes,
      frame: key,
      kpiHistory,
      kpis: kpisByName(key.kp),
      plantKpis: key.pk ?? null,
      breakdowns: this.breakdowns,
    };
  }

  /** The snapshot for member `m` at keyframe `key` as an object (for links that take no encoded snapshot). */
  snapshotFor(m: Member, key: Frame, kpiHistory: number[][]): Snapshot {
    return { ...this.snapshotShared(key, kpiHistory), clientId: m.clientId, role: m.role, ...(m.role === 'owner' ? { clients: this.roster() } : {}) };
  }

  private fatal(message: string): void {
    if (this.stopped) return;
    this.members.broadcast({ type: 'error', message });
    this.onFatal(message);
  }

  /** Ends the session: members are told and dropped, the engine's final statistics returned. */
  async stop(reason: string): Promise<FinalState | null> {
    if (this.stopped) return null;
    this.stopped = true;
    this.members.broadcast({ type: 'ended', reason });
    this.members.clear();
    this.onStopped();
    return this.engine.finish();
  }
}
