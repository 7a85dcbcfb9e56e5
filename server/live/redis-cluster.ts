import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ErrorReply, Reply, Role, SessionInfo } from '../protocol/messages.ts';
import type { FramePair } from './frame-builder.ts';
import type { LiveSession } from './live-session.ts';
import { GoneProcesses } from './gone-processes.ts';
import { RedisBus, connectRedis } from './redis-link.ts';
import { REGISTRY_TTL_MS, RENEWALS_PER_TTL, SessionRegistry, type OwnEntry } from './redis-registry.ts';
import { replyChannel, requestChannel, sessionChannel, type ClusterReads, type ClusterRequest, type ClusterTraining, type OpenResult, type RpcReply, type RpcRequest, type SessionMessage } from './redis-messages.ts';
import { RpcClient } from './redis-rpc.ts';
import { RemoteSession } from './remote-session.ts';
import type { Session } from './session.ts';
import type { SessionDirectory, SessionManager } from './session-manager.ts';
import { error, refusal } from './session-roles.ts';

const PUBLIC_PLANT_KEY = 'twin:public-plant';
/** Renews the lock only while this process still holds it (after a long pause another may have taken it). */
const RENEW_IF_MINE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/** ttlMs: how long a session entry and the public plant lock outlive their last renewal (default REGISTRY_TTL_MS, 15 s; tests shorten it). */
export type ClusterOptions = { ttlMs?: number };
/** While nobody elsewhere watches a session its frames are offered only this often (PUBLISH says how many listen). */
const IDLE_PUBLISH_MS = 1_000;

/**
 * One process of a service of several (REDIS_URL): registers this process's sessions in
 * Redis, publishes their frames and notices on one channel per session, answers requests
 * for them from other processes, and opens other processes' sessions for the viewers here.
 * Frames go over plain pub/sub, not the Socket.IO adapter's stream: they are volatile
 * (a missed one is replaced by the next), ~15 KiB at 20 Hz, and only the processes with
 * viewers of the session subscribe, whereas every process reads the adapter's one stream
 * and Redis keeps its last entries.
 */
export class RedisCluster implements SessionDirectory {
  readonly processId = randomUUID().slice(0, 12);
  private readonly registry: SessionRegistry;
  private readonly remotes = new Map<string, Promise<RemoteSession | ErrorReply>>();
  private readonly epochs = new Map<string, number>();
  private readonly listeners = new Map<string, { count: number; at: number }>();
  private readonly rpc: RpcClient;
  private readonly goneProcesses: GoneProcesses;
  /** Whether this process runs the service's public plant. */
  private publicPlant = false;
  private takeOver: (() => void) | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  /** Set when the training service is composed (twin-server.ts): serves other processes' trainees. */
  training: ClusterTraining | null = null;
  /** Set when the HTTP side is composed (twin-server.ts): answers other processes' reads of this process's history. */
  reads: ClusterReads | null = null;

  private constructor(
    readonly redis: Redis,
    private readonly bus: RedisBus,
    private readonly manager: SessionManager,
    readonly ttlMs: number,
    private readonly logger?: Logger,
  ) {
    this.registry = new SessionRegistry(redis, this.processId, ttlMs);
    this.rpc = new RpcClient(bus, this.processId);
    this.goneProcesses = new GoneProcesses(redis);
    this.heartbeat = setInterval(() => void this.beat(), ttlMs / RENEWALS_PER_TTL);
    this.heartbeat.unref();
  }

  /** Connects (bounded wait, a message naming the URL on failure) and joins the service. */
  static async join(url: string, manager: SessionManager, logger?: Logger, opts: ClusterOptions = {}): Promise<RedisCluster> {
    const redis = await connectRedis(url);
    const bus = RedisBus.open(redis, (channel, err) => logger?.warn({ channel, err: (err as Error).message }, 'a message from Redis could not be handled'));
    const cluster = new RedisCluster(redis, bus, manager, opts.ttlMs ?? REGISTRY_TTL_MS, logger);
    await bus.subscribe(requestChannel(cluster.processId), (m) => void cluster.serve(JSON.parse(m) as RpcRequest));
    await bus.subscribe(replyChannel(cluster.processId), (m) => cluster.rpc.answered(JSON.parse(m) as RpcReply));
    manager.directory = cluster;
    for (const s of manager.local()) cluster.started(s);
    await cluster.registry.refresh();
    logger?.info({ process: cluster.processId }, 'joined the service through Redis');
    return cluster;
  }

  /**
   * One public plant for the whole service: the first process to take the lock runs it and
   * renews the lock every heartbeat; the others list it and relay it to their viewers, so
   * everyone sees the same plant (same clock, same edits, one instructor token) and its
   * simulation costs one thread, not one per process.
   */
  async takePublicPlant(): Promise<boolean> {
    this.publicPlant = (await this.redis.set(PUBLIC_PLANT_KEY, this.processId, 'PX', this.ttlMs, 'NX')) === 'OK';
    return this.publicPlant;
  }

  /** Called (once) when the lock is free at a heartbeat and this process took it: start the public plant. */
  onPublicPlantFree(take: () => void): void {
    this.takeOver = take;
  }

  private async keepPublicPlant(): Promise<void> {
    if (this.publicPlant) {
      const kept = await this.redis.eval(RENEW_IF_MINE, 1, PUBLIC_PLANT_KEY, this.processId, this.ttlMs);
      if (kept === 0) this.logger?.warn('another process took the public plant lock (this one paused too long); two public plants run until one stops');
    } else if (this.takeOver !== null && (await this.takePublicPlant())) {
      this.logger?.info('the process that ran the public plant is gone; this one runs it now');
      const take = this.takeOver;
      this.takeOver = null;
      take();
    }
  }

  // --- this process's sessions, for the others ---

  started(session: Session): void {
    session.onFramePair = (epoch, pair) => this.publishFrame(session.id, epoch, pair);
    const publish = (msg: SessionMessage) => void this.bus.publish(sessionChannel(session.id), JSON.stringify(msg)).catch(() => undefined); // Redis down: lost, as a frame would be
    session.members.onBroadcast = (notice) => publish({ kind: 'notice', notice });
    session.members.onRoleElsewhere = (clientId, role) => publish({ kind: 'role', clientId, role });
    session.members.onRosterElsewhere = (clients) => publish({ kind: 'roster', clients });
    this.changed(session);
  }

  /** The session's list entry changed (a training exercise's code, phase or trainees): the other processes' lists follow at once. */
  changed(session: Session): void {
    this.registry.put([this.entry(session)]).catch((err: unknown) => this.logger?.warn({ err }, 'could not register a session in Redis'));
  }

  private entry(session: Session): OwnEntry {
    const code = this.training?.joinCode(session.id);
    return code === undefined ? { info: session.info() } : { info: session.info(), code };
  }

  watchedElsewhere(id: string): boolean {
    return (this.listeners.get(id)?.count ?? 0) > 0; // how many processes received its last published frame
  }

  /** The id of the exercise session in another process that join code `code` admits to, or null. */
  async findTraining(code: string): Promise<string | null> {
    return (await this.registry.byCode(code))?.info.id ?? null;
  }

  stopped(id: string): void {
    this.epochs.delete(id);
    this.listeners.delete(id);
    this.registry.remove(id).catch(() => undefined); // its TTL removes it anyway
  }

  private publishFrame(id: string, epoch: number, pair: FramePair): void {
    this.epochs.set(id, epoch);
    const heard = this.listeners.get(id);
    const now = Date.now();
    if (heard !== undefined && heard.count === 0 && now - heard.at < IDLE_PUBLISH_MS) return;
    this.bus.publish(sessionChannel(id), JSON.stringify({ kind: 'frame', epoch, pair } satisfies SessionMessage)).then(
      (count) => this.listeners.set(id, { count, at: now }),
      () => undefined,
    );
  }

  private async serve({ id, from, req }: RpcRequest): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.handle(req, from);
    } catch (err) {
      reply = error('internal', (err as Error).message);
    }
    await this.bus.publish(replyChannel(from), JSON.stringify({ id, reply } satisfies RpcReply)).catch(() => undefined);
  }

  private async handle(req: ClusterRequest, from: string): Promise<Reply> {
    if (req.op === 'read') return this.reads === null ? error('unavailable', 'this process serves no reads yet') : { ok: true, result: await this.reads.serve(req.path, req.principal) };
    const session = this.manager.get(req.sessionId);
    if (session === undefined) return error('not_found', `sessionId: no session "${req.sessionId}"`);
    switch (req.op) {
      case 'open': {
        const base = session.remoteSnapshot();
        if (base === null) return error('unavailable', 'the session has not sent its first frame yet');
        return { ok: true, result: { owner: session.isOwnerToken(req.token), base, epoch: this.epochs.get(session.id) ?? 0 } satisfies OpenResult };
      }
      case 'control': {
        const refused = refusal(session.members.elsewhere.get(req.clientId)?.role ?? req.role, session.locked, req.cmd.type);
        return refused ?? (await session.control(req.user, req.cmd));
      }
      case 'memberJoined':
        session.members.joinedElsewhere({ ...req.member, process: from });
        this.changed(session); // the other processes' lists show the new count
        return { ok: true, result: null };
      case 'memberLeft':
        if (session.members.leftElsewhere(req.clientId)) this.changed(session);
        return { ok: true, result: null };
      case 'members':
        if (session.members.syncElsewhere(from, req.members)) this.changed(session);
        return { ok: true, result: null };
      case 'setRole':
        return session.setRole(req.clientId, req.grant);
      case 'lock':
        session.setLocked(req.locked);
        return { ok: true, result: session.info() };
      case 'roster':
        return { ok: true, result: session.roster() };
      case 'train':
        return this.training?.serveRemote(req, from) ?? error('conflict', `${req.cmd.type}: session "${req.sessionId}" runs no training script`);
      case 'trainLeft':
        this.training?.remoteLeft(req.sessionId, req.clientId);
        return { ok: true, result: null };
    }
  }

  // --- other processes' sessions, for the viewers here ---

  others(): SessionInfo[] {
    return this.registry.others();
  }

  async open(id: string, token: string | undefined): Promise<{ session: LiveSession; role: Role } | ErrorReply> {
    const entry = await this.registry.get(id);
    if (entry === null || entry.process === this.processId) return error('not_found', `sessionId: no session "${id}"`);
    let opening = this.remotes.get(id);
    if (opening === undefined) {
      opening = this.subscribe(id, entry.process);
      this.remotes.set(id, opening);
    }
    const remote = await opening;
    if (!(remote instanceof RemoteSession)) {
      this.remotes.delete(id);
      return remote;
    }
    if (token === undefined) return { session: remote, role: 'viewer' };
    const checked = await this.call<OpenResult>(entry.process, { op: 'open', sessionId: id, token });
    if (!checked.ok || !checked.result.owner) {
      if (remote.members.size === 0) remote.end('nobody here watches it'); // opened for this join alone: stop relaying
      if (!checked.ok) return checked;
    }
    return checked.result.owner ? { session: remote, role: 'owner' } : error('forbidden', "token: not this session's controller token");
  }

  private async subscribe(id: string, owner: string): Promise<RemoteSession | ErrorReply> {
    let remote: RemoteSession | null = null;
    // Subscribe before asking for the snapshot, so no frame after it is missed.
    try {
      await this.bus.subscribe(sessionChannel(id), (m) => remote?.receive(JSON.parse(m) as SessionMessage));
    } catch (err) {
      return error('unavailable', `Redis: ${(err as Error).message}`);
    }
    const opened = await this.call<OpenResult>(owner, { op: 'open', sessionId: id });
    if (!opened.ok) {
      await this.bus.unsubscribe(sessionChannel(id));
      return opened;
    }
    remote = new RemoteSession(id, opened.result, {
      call: (req) => this.call(owner, req),
      empty: (sessionId) => {
        this.remotes.delete(sessionId);
        void this.bus.unsubscribe(sessionChannel(sessionId));
      },
    });
    return remote;
  }

  /** A request to another process (bounded: `timeoutMs`, default 10 s); a session's requests name the session in their failures. */
  call<R>(process: string, req: ClusterRequest, timeoutMs?: number): Promise<Reply<R>> {
    return this.rpc.call(process, req, req.op === 'read' ? `process ${process}` : `the process running session "${req.sessionId}"`, timeoutMs);
  }

  /** Members and trainees connected to a process that died leave the sessions and rosters here. */
  private async dropGoneProcesses(): Promise<void> {
    const sessions = this.manager.local();
    const processes = [...new Set([...(this.training?.remoteProcesses() ?? []), ...sessions.flatMap((s) => s.members.elsewhere.processes())])];
    for (const p of await this.goneProcesses.check(processes)) {
      this.training?.processGone(p);
      for (const s of sessions) if (s.members.dropProcess(p)) this.changed(s);
    }
  }

  /** Renews this process's entries, re-reads the others', and ends relays of sessions whose process is gone. */
  private async beat(): Promise<void> {
    try {
      await this.registry.put(this.manager.local().map((s) => this.entry(s)));
      await this.keepPublicPlant();
      await this.dropGoneProcesses();
      const alive = new Set((await this.registry.refresh()).map((e) => e.info.id));
      for (const [id, opening] of this.remotes) {
        const remote = await opening;
        if (!(remote instanceof RemoteSession)) continue;
        if (alive.has(id)) remote.announceMembers(); // a join or leave lost while Redis was away is made good
        else remote.end('the process running this session has stopped');
      }
    } catch (err) {
      this.logger?.warn({ err: (err as Error).message }, 'Redis heartbeat failed; retrying');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.rpc.close();
    await Promise.all(this.manager.local().map((s) => this.registry.remove(s.id).catch(() => undefined)));
    if (this.publicPlant) await this.redis.del(PUBLIC_PLANT_KEY).catch(() => undefined);
    this.bus.close();
    await this.redis.quit().catch(() => undefined); // after the last notices ("ended") went out
  }
}
