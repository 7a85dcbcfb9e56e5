import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { CommandSchema, PROTOCOL_VERSION, type JoinResult, type ParsedCommand, type Reply, type Role } from '../protocol/messages.ts';
import { ValidationError, formatIssues } from '../protocol/errors.ts';
import type { SessionManager } from './session-manager.ts';
import type { ViewerLink } from './session.ts';
import type { LiveSession } from './live-session.ts';
import { error, refusal } from './session-roles.ts';
import { CommandError } from './live-edits.ts';
import { NotFoundError } from './model-catalog.ts';
import type { EngineCommand } from './session-engine.ts';
import { COMMAND_COST, spendSocketBudget, type AddressBudgets } from './address-budgets.ts';
import { FramePackets } from './frame-packets.ts';
import { accountRefusal } from './account-gate.ts';
import { principalOf } from '../protocol/access.ts';

export interface LiveServerOptions {
  logger?: Logger;
  /** Origins allowed to connect from another host (e.g. the Vite dev server). */
  corsOrigin?: string | string[];
  /** Per-address connection cap and command budget (address-budgets.ts); none = unlimited. */
  budgets?: AddressBudgets;
}

/** Largest inbound message; commands are small, a model is never sent over the socket. */
const MAX_MESSAGE_BYTES = 16 * 1024;

/**
 * Socket.IO adapter: checks the protocol version at connect time, validates every
 * inbound command with the shared zod schema, checks the sender's role, and hands
 * the command to its session. Does no simulation itself.
 */
export function attachLiveServer(http: HttpServer, manager: SessionManager, opts: LiveServerOptions = {}): SocketServer {
  const io = new SocketServer(http, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    ...(opts.corsOrigin === undefined ? {} : { cors: { origin: opts.corsOrigin } }),
  });
  opts.budgets?.attach(io);
  io.use((socket, next) => {
    const version = (socket.handshake.auth as { protocol?: unknown } | undefined)?.protocol;
    if (version !== PROTOCOL_VERSION) {
      next(new Error(`protocol version mismatch: the server speaks ${PROTOCOL_VERSION}, the client sent ${JSON.stringify(version ?? null)} in auth.protocol`));
    } else next();
  });
  const packets = new FramePackets(io.of('/'));
  io.on('connection', (socket) => new Connection(socket, manager, packets, opts.logger));
  return io;
}

/**
 * Sends a snapshot already encoded as JSON (once per frame for every member, snapshot-cache.ts)
 * as the `snapshot` event, without Socket.IO encoding it again per socket: an EVENT packet of
 * the main namespace is `2` + the JSON array [event, data] (Socket.IO protocol v5; the default
 * parser). Socket.IO's own broadcasts hand the engine pre-encoded packets the same way.
 */
function sendEncodedSnapshot(socket: Socket, json: string): void {
  if (!socket.connected) return;
  const packet = `2["snapshot",${json}]`;
  socket.client._packet([packet] as unknown as Parameters<Socket['client']['_packet']>[0], { preEncoded: true });
}

/** What a command costs of its address's budget: snapshots and joins send a whole snapshot. */
function costOf(raw: unknown): number {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (type === 'snapshot') return COMMAND_COST.snapshot;
  if (type === 'joinSession' || type === 'createSession') return COMMAND_COST.join;
  return COMMAND_COST.command;
}

/** One connected client: its id and its current session. */
class Connection {
  readonly clientId = randomUUID().slice(0, 8);
  private session: LiveSession | null = null;
  private readonly link: ViewerLink;

  constructor(
    private readonly socket: Socket,
    private readonly manager: SessionManager,
    packets: FramePackets,
    private readonly logger?: Logger,
  ) {
    // The training channel (training-service.ts) finds the client and its session here.
    socket.data.clientId = this.clientId;
    socket.data.session = () => this.session; // here or relayed: training commands go where the session runs (training-service.ts)
    // The training channel seats a trainee who joined by name and code as a viewer (training-service.ts).
    socket.data.enterSession = (session: LiveSession, user: string) => this.enter(session, user, 'viewer');
    this.link = {
      frame: (frame, onAck) => packets.send(socket, frame, onAck),
      snapshot: (snapshot) => socket.emit('snapshot', snapshot),
      snapshotEncoded: (json) => sendEncodedSnapshot(socket, json),
      notice: (notice) => {
        if (notice.type === 'ended') this.session = null;
        socket.emit('notice', notice);
      },
    };
    socket.on('cmd', (raw: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: Reply) => void) : () => undefined;
      this.handle(raw).then(reply, (err: unknown) => {
        this.logger?.error({ err, client: this.clientId }, 'command failed');
        reply(error('internal', 'the server failed to carry out the command'));
      });
    });
    socket.on('disconnect', () => this.leave());
  }

  private enter(session: LiveSession, user: string, role: Role): JoinResult {
    this.leave();
    this.session = session;
    session.join(this.clientId, this.link, user, role);
    return { sessionId: session.id, clientId: this.clientId, role };
  }

  private leave(): void {
    this.session?.leave(this.clientId);
    this.session = null;
  }

  async handle(raw: unknown): Promise<Reply> {
    const refused = await spendSocketBudget(this.socket, 'cmd', costOf(raw));
    if (refused !== null) return refused;
    const parsed = CommandSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = formatIssues(parsed.error.issues);
      return error('invalid', problems.join('; '), problems);
    }
    const cmd = parsed.data;
    try {
      return await this.dispatch(cmd);
    } catch (err) {
      if (err instanceof ValidationError) return error('invalid', err.message, err.problems);
      if (err instanceof NotFoundError) return error('not_found', err.message);
      if (err instanceof CommandError) return error(err.code, err.message);
      throw err;
    }
  }

  private async dispatch(cmd: ParsedCommand): Promise<Reply> {
    const unauthorized = accountRefusal(principalOf(this.socket.data), cmd.type, this.session?.role(this.clientId));
    if (unauthorized !== null) return unauthorized;
    switch (cmd.type) {
      case 'listSessions':
        return { ok: true, result: this.manager.list() };
      case 'createSession': {
        const session = await this.manager.create({ ...cmd, public: false });
        this.leave();
        this.session = session;
        session.join(this.clientId, this.link, cmd.user ?? 'owner', 'owner');
        return { ok: true, result: { sessionId: session.id, clientId: this.clientId, role: 'owner', controllerToken: session.token } };
      }
      case 'joinSession': {
        // Here or in another process of the service (REDIS_URL); the token decides the role.
        const found = await this.manager.find(cmd.sessionId, cmd.token);
        if (!('session' in found)) return found;
        if (this.socket.disconnected) return error('unavailable', 'the client left while joining'); // else a ghost member would stay
        return { ok: true, result: this.enter(found.session, cmd.user ?? `viewer-${this.clientId.slice(0, 4)}`, found.role) };
      }
    }
    const session = this.session;
    if (session === null) return error('not_in_session', `${cmd.type}: join or create a session first`);
    if (cmd.type === 'leaveSession') {
      this.leave();
      return { ok: true, result: null };
    }
    const role = session.role(this.clientId) ?? 'viewer';
    const refused = refusal(role, session.locked, cmd.type);
    if (refused !== null) return refused;
    switch (cmd.type) {
      case 'snapshot':
        session.resendSnapshot(this.clientId);
        return { ok: true, result: null };
      case 'grantControl':
        return await session.setRole(cmd.clientId, cmd.grant);
      case 'lock':
        await session.setLocked(cmd.locked);
        return { ok: true, result: session.info() };
      case 'listClients':
        return { ok: true, result: await session.roster() };
      default:
        return session.control(this.clientId, cmd satisfies EngineCommand);
    }
  }
}
