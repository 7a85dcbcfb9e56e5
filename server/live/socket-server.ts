import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { CommandSchema, PROTOCOL_VERSION, type ParsedCommand, type Reply } from '../protocol/messages.ts';
import { ValidationError, formatIssues } from '../protocol/errors.ts';
import type { SessionManager } from './session-manager.ts';
import { Session, type ViewerLink } from './session.ts';
import type { LiveSession } from './live-session.ts';
import { error, refusal } from './session-roles.ts';
import { CommandError } from './live-edits.ts';
import { NotFoundError } from './model-catalog.ts';
import type { EngineCommand } from './session-engine.ts';
import { FramePackets } from './frame-packets.ts';
import { accountRefusal } from './account-gate.ts';
import { principalOf } from '../protocol/access.ts';

export interface LiveServerOptions {
  logger?: Logger;
  /** Origins allowed to connect from another host (e.g. the Vite dev server). */
  corsOrigin?: string | string[];
}

/** Commands one client may send per second; beyond that it is answered "unavailable", not queued. */
const COMMANDS_PER_SECOND = 50;
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

/** One connected client: its id, its current session, and its command rate budget. */
class Connection {
  readonly clientId = randomUUID().slice(0, 8);
  private session: LiveSession | null = null;
  private readonly link: ViewerLink;
  private budget = COMMANDS_PER_SECOND;
  private budgetAt = Date.now();

  constructor(
    private readonly socket: Socket,
    private readonly manager: SessionManager,
    packets: FramePackets,
    private readonly logger?: Logger,
  ) {
    // The training channel (training-service.ts) finds the client and its session here.
    socket.data.clientId = this.clientId;
    socket.data.session = () => (this.session instanceof Session ? this.session : null); // training runs where its session runs
    this.link = {
      frame: (frame, onAck) => packets.send(socket, frame, onAck),
      snapshot: (snapshot) => socket.emit('snapshot', snapshot),
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

  private leave(): void {
    this.session?.leave(this.clientId);
    this.session = null;
  }

  private spend(): boolean {
    const now = Date.now();
    this.budget = Math.min(COMMANDS_PER_SECOND, this.budget + ((now - this.budgetAt) / 1000) * COMMANDS_PER_SECOND);
    this.budgetAt = now;
    if (this.budget < 1) return false;
    this.budget--;
    return true;
  }

  async handle(raw: unknown): Promise<Reply> {
    if (!this.spend()) return error('unavailable', `too many commands: at most ${COMMANDS_PER_SECOND} per second`);
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
        const { session, role } = found;
        this.leave();
        this.session = session;
        session.join(this.clientId, this.link, cmd.user ?? `viewer-${this.clientId.slice(0, 4)}`, role);
        return { ok: true, result: { sessionId: session.id, clientId: this.clientId, role } };
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
