import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Model } from '../protocol/model.ts';
import {
  KPI_FIELDS,
  PROTOCOL_VERSION,
  type ClientInfo,
  type ControlResult,
  type Frame,
  type KpiField,
  type NodeInfo,
  type Notice,
  type PlantKpis,
  type Reply,
  type Role,
  type SessionInfo,
  type Snapshot,
  type Speed,
} from '../protocol/messages.ts';
import { EngineHandle } from './engine-handle.ts';
import type { EngineCommand } from './session-engine.ts';
import type { FramePair } from './frame-builder.ts';
import type { FinalState } from './worker-messages.ts';
import { ViewerFlow } from './viewer-flow.ts';
import { error } from './session-roles.ts';
import type { ScriptEventRecord } from '../protocol/training.ts';
import type { TrainingRequest } from './training-engine.ts';

/** How a session reaches one connected client; the socket adapter implements it. */
export interface ViewerLink {
  frame(frame: Frame, onAck: () => void): void;
  snapshot(snapshot: Snapshot): void;
  notice(notice: Notice): void;
}

interface Member {
  clientId: string;
  user: string;
  role: Role;
  joinedAt: string;
  link: ViewerLink;
  flow: ViewerFlow;
}

export interface SessionOptions {
  model: Model;
  modelId: string;
  scenario: string | null;
  name?: string;
  seed?: number;
  speed?: Speed;
  play?: boolean;
  public?: boolean;
  frameHz?: number;
  /** Simulated seconds run at full speed in the worker before the first frame (warm start); 0 = from empty. */
  warmupS?: number;
}

/** KPI points kept for a joining viewer's charts: 2 minutes at 20 Hz. */
const KPI_HISTORY = 2400;

/**
 * One live session on the main thread: its engine runs in a worker (EngineHandle);
 * here are its members and their roles, the latest keyframe for joiners, and the
 * per-viewer flow control of the frame stream.
 */
export class Session {
  readonly id = randomUUID().slice(0, 8);
  readonly createdAt = new Date().toISOString();
  readonly name: string;
  readonly modelId: string;
  readonly scenario: string | null;
  readonly public: boolean;
  readonly model: Model;
  private readonly ownerToken = randomBytes(18).toString('base64url');
  private readonly members = new Map<string, Member>();
  private readonly engine: EngineHandle;
  nodes: NodeInfo[] = [];
  seed: number;
  locked = false;
  running: boolean;
  speed: Speed;
  /** Injected breakdowns in force, as the engine last reported them. */
  private breakdowns: Record<string, number> = {};
  private epoch = 0;
  private lastKey: Frame | null = null;
  private kpiHistory: number[][] = [];
  private stopped = false;
  private firstFrame: () => void = () => undefined;
  /** Training sessions: what the history needs to replay the run (set by the training service). */
  trainingRecord: { scriptId: string; replayOf: string | null } | null = null;
  /** Told when the engine's training script fires an event. */
  onTrainingEvent: (event: ScriptEventRecord) => void = () => undefined;
  /** Set when the engine fails; the manager stops the session. */
  onFatal: (message: string) => void = () => undefined;
  /** Wall time (ms) since which nobody has been connected, or null while someone is. */
  emptySince: number | null = Date.now();

  private constructor(opts: SessionOptions) {
    this.model = structuredClone(opts.model);
    this.modelId = opts.modelId;
    this.scenario = opts.scenario;
    this.name = opts.name ?? `${opts.model.name}${opts.scenario ? ` / ${opts.scenario}` : ''}`;
    this.public = opts.public ?? false;
    this.seed = opts.seed ?? 1;
    this.speed = opts.speed ?? 60;
    this.running = opts.play ?? true;
    this.engine = new EngineHandle(
      { model: this.model, seed: this.seed, speed: this.speed, running: this.running, frameHz: opts.frameHz ?? 20, warmupS: opts.warmupS },
      { onFrame: (epoch, pair) => this.onFrame(epoch, pair), onFatal: (m) => this.fatal(m), onTrainingEvent: (e) => this.onTrainingEvent(e) },
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

  get simTimeS(): number {
    return this.lastKey?.t ?? 0;
  }

  /** The latest plant KPIs the engine computed (keyframes carry them), or null before the first. */
  plantKpis(): PlantKpis | null {
    return this.lastKey?.pk ?? null;
  }

  /** Latest KPI values by name (zeros before the first frame). */
  kpis(): Record<KpiField, number> {
    const kp = this.lastKey?.kp ?? [];
    return Object.fromEntries(KPI_FIELDS.map((f, i) => [f, kp[i] ?? 0])) as Record<KpiField, number>;
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
      viewers: this.members.size,
    };
  }

  roster(): ClientInfo[] {
    return [...this.members.values()].map((m) => ({
      clientId: m.clientId,
      user: m.user,
      role: m.role,
      joinedAt: m.joinedAt,
      inFlight: m.flow.inFlight,
      framesSkipped: m.flow.framesSkipped,
    }));
  }

  role(clientId: string): Role | undefined {
    return this.members.get(clientId)?.role;
  }

  /** Adds a client (owner if it holds the token) and sends it a snapshot. */
  join(clientId: string, link: ViewerLink, user: string, role: Role): void {
    const member: Member = { clientId, user, role, joinedAt: new Date().toISOString(), link, flow: new ViewerFlow() };
    this.members.set(clientId, member);
    this.emptySince = null;
    this.sendSnapshot(member);
    this.rosterChanged();
  }

  leave(clientId: string): void {
    if (!this.members.delete(clientId)) return;
    if (this.members.size === 0) this.emptySince = Date.now();
    this.rosterChanged();
  }

  snapshotFor(clientId: string): Snapshot | null {
    const member = this.members.get(clientId);
    return member === undefined ? null : this.buildSnapshot(member);
  }

  resendSnapshot(clientId: string): void {
    const member = this.members.get(clientId);
    if (member !== undefined) this.sendSnapshot(member);
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
    const by = this.members.get(clientId)?.user ?? clientId;
    if (cmd.type === 'setParam') {
      const spec = this.model.nodes.find((n) => n.id === cmd.nodeId) as Record<string, unknown> | undefined;
      if (spec !== undefined) spec[cmd.field] = structuredClone(cmd.value);
      const info = this.nodes.find((n) => n.id === cmd.nodeId);
      if (cmd.field === 'capacity' && info !== undefined) info.capacity = cmd.value;
      this.broadcast({ type: 'param', nodeId: cmd.nodeId, field: cmd.field, value: cmd.value, by });
    } else if (cmd.type === 'injectBreakdown' || cmd.type === 'clearBreakdown') {
      this.broadcast({ type: 'breakdown', nodeId: cmd.nodeId, server: cmd.server ?? null, down: cmd.type === 'injectBreakdown', by });
    }
    return { ok: true, result: reply.result };
  }

  /** Sends a training request to the engine's worker (training-service.ts decides who may). */
  training(req: TrainingRequest) {
    if (this.stopped) return Promise.resolve({ ok: false as const, code: 'unavailable' as const, message: 'the session has ended' });
    return this.engine.training(req);
  }

  /** Owner grants or revokes control; the target gets its new role and a fresh snapshot. */
  setRole(targetId: string, grant: boolean): Reply<ClientInfo[]> {
    const target = this.members.get(targetId);
    if (target === undefined) return error('not_found', `clientId: no client "${targetId}" in this session`);
    if (target.role === 'owner') return error('conflict', 'clientId: the owner keeps control');
    target.role = grant ? 'controller' : 'viewer';
    target.link.notice({ type: 'role', role: target.role });
    this.sendSnapshot(target);
    this.rosterChanged();
    return { ok: true, result: this.roster() };
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    if (this.lastKey !== null) this.lastKey.lk = locked ? 1 : 0;
  }

  private onFrame(epoch: number, pair: FramePair): void {
    if (this.stopped) return;
    pair.key.lk = pair.delta.lk = this.locked ? 1 : 0;
    this.running = pair.key.r === 1;
    this.lastKey = pair.key;
    this.firstFrame();
    if (epoch !== this.epoch) {
      // After a reset the old state and KPI history are meaningless: everyone starts over from a snapshot.
      this.epoch = epoch;
      this.kpiHistory = [pair.key.kp];
      for (const m of this.members.values()) {
        if (m.flow.stalled) m.flow.snapshotOwed = true;
        else this.sendSnapshot(m);
      }
      return;
    }
    this.kpiHistory.push(pair.key.kp);
    if (this.kpiHistory.length > KPI_HISTORY) this.kpiHistory.splice(0, this.kpiHistory.length - KPI_HISTORY);
    for (const m of this.members.values()) {
      if (m.flow.snapshotOwed) {
        if (!m.flow.stalled) this.sendSnapshot(m);
        continue;
      }
      const frame = m.flow.choose(pair);
      if (frame !== null) m.link.frame(frame, () => this.acked(m));
    }
  }

  /**
   * A viewer acknowledged a frame. If it was skipped while behind and the session is
   * paused, no later frame would ever bring it the newest state (a paused engine sends
   * none), so it would show "running" at an old time forever: send the newest keyframe now.
   */
  private acked(m: Member): void {
    m.flow.acked();
    const key = this.lastKey;
    if (this.running || this.stopped || key === null || m.flow.stalled || this.members.get(m.clientId) !== m) return;
    if (m.flow.snapshotOwed) return this.sendSnapshot(m);
    if (m.flow.lastSent >= key.n) return;
    m.flow.lastSent = key.n;
    m.flow.inFlight++;
    m.flow.framesSent++;
    m.link.frame(key, () => this.acked(m));
  }

  private buildSnapshot(m: Member): Snapshot {
    return {
      protocol: PROTOCOL_VERSION,
      session: this.info(),
      clientId: m.clientId,
      role: m.role,
      model: this.model,
      nodes: this.nodes,
      frame: this.lastKey!,
      kpiHistory: this.kpiHistory,
      kpis: this.kpis(),
      plantKpis: this.lastKey!.pk ?? null,
      breakdowns: this.breakdowns,
      ...(m.role === 'owner' ? { clients: this.roster() } : {}),
    };
  }

  private sendSnapshot(m: Member): void {
    if (this.lastKey === null) {
      m.flow.snapshotOwed = true; // goes out with the first frame
      return;
    }
    m.link.snapshot(this.buildSnapshot(m));
    m.flow.snapshotSent(this.lastKey.n);
  }

  private broadcast(notice: Notice): void {
    for (const m of this.members.values()) m.link.notice(notice);
  }

  private rosterChanged(): void {
    const clients = this.roster();
    for (const m of this.members.values()) if (m.role === 'owner') m.link.notice({ type: 'roster', clients });
  }

  private fatal(message: string): void {
    if (this.stopped) return;
    this.broadcast({ type: 'error', message });
    this.onFatal(message);
  }

  /** Ends the session: members are told and dropped, the engine's final statistics returned. */
  async stop(reason: string): Promise<FinalState | null> {
    if (this.stopped) return null;
    this.stopped = true;
    this.broadcast({ type: 'ended', reason });
    this.members.clear();
    return this.engine.finish();
  }
}
