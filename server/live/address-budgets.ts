import type { IncomingHttpHeaders } from 'node:http';
import { BurstyRateLimiter, RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Server as SocketServer, Socket } from 'socket.io';
import type { ConnectRefusal } from '../protocol/connect-refusal.ts';
import type { ErrorReply } from '../protocol/messages.ts';
import { error } from './session-roles.ts';

/**
 * What one network address may use, whatever number of connections it opens: a
 * client cannot multiply its share by opening more sockets (issue 17: 3,000 sockets
 * from one address were accepted, and the 50/s limit was per connection).
 */
export interface AddressLimits {
  /** Open Socket.IO connections per address; the next one is refused at the handshake. */
  connectionsPerAddress: number;
  /** New Socket.IO connections accepted per address per second, sustained (whole number ≥ 1). */
  newConnectionsPerSecond: number;
  /** New connections per address accepted beyond that rate once per NEW_CONNECTION_BURST_WINDOW_S: the burst of a room reconnecting at once. */
  newConnectionsBurst: number;
  /** Command points per address per second, shared by `cmd`, `train`, progress subscriptions and snapshots. */
  commandsPerSecond: number;
  /** REST writes (POST, PUT, PATCH, DELETE) per address per minute. */
  restWritesPerMinute: number;
  /**
   * Proxies in front of the server whose X-Forwarded-For is trusted: 0 = none (the
   * peer's address counts), 1 = the address the nearest proxy appended, and so on.
   */
  trustProxy: number;
}

export const DEFAULT_ADDRESS_LIMITS: AddressLimits = {
  // A classroom of trainees behind one NAT fits; a flood of sockets does not.
  connectionsPerAddress: 100,
  // A classroom of 40 behind one NAT, each with a tab or two, reconnecting at once (a server
  // restart, the Wi-Fi back) opens ≤ 80 connections within the client's 1–5 s back-off: the
  // burst takes them all, and so re-opening every connection the cap allows. After it, 2/s
  // (120 a minute) is more than that room dropping all its connections every minute, while a
  // loop opening and dropping sockets gets 2 a second plus 100 a minute, where it had no bound.
  newConnectionsPerSecond: 2,
  newConnectionsBurst: 100,
  commandsPerSecond: 100,
  restWritesPerMinute: 120,
  trustProxy: 0,
};

/**
 * What a message costs in command points. A snapshot is the whole model and state
 * (≈150 KB for the default plant), so it costs more than a command; joining sends one.
 */
export const COMMAND_COST = { command: 1, join: 2, snapshot: 5 } as const;

/**
 * A socket refused this many times in a row is disconnected: receiving and refusing a
 * message still costs the main thread (decode, limiter, reply), so a client that ignores
 * refusals would keep it busy however tight the budget (measured: 450 refused messages/s
 * kept the shared 2-core machine's socket thread 96 % busy).
 */
export const FLOOD_REFUSALS = 10;

/** The burst of new connections is available again this long after it was first drawn on (a fixed window). */
export const NEW_CONNECTION_BURST_WINDOW_S = 60;

/** Engine.IO connections (sockets that never connect a namespace included) beyond this multiple of the cap are closed. */
const RAW_CONNECTION_FACTOR = 2;

/** `::ffff:1.2.3.4` and `1.2.3.4` are one address. */
function normalise(address: string): string {
  const a = address.trim();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/**
 * The client's address: the peer's, or with `trustProxy` = n the n-th entry from the
 * right of X-Forwarded-For (each proxy appends the address it saw; entries left of the
 * trusted ones are whatever the client wrote, so they are never believed).
 */
export function clientAddress(peer: string | undefined, headers: IncomingHttpHeaders, trustProxy: number): string {
  const own = normalise(peer ?? 'unknown');
  if (trustProxy <= 0) return own;
  const raw = headers['x-forwarded-for'];
  const hops = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((s) => s.trim()).filter((s) => s !== '');
  return hops.length === 0 ? own : normalise(hops[Math.max(0, hops.length - trustProxy)]);
}

/** Refusal for a socket message, or null when the address may go on. */
export type SpendBudget = (cost?: number) => Promise<string | null>;

/**
 * Per-address budgets for the whole server: open sockets, new sockets, socket command
 * points and REST writes (rate-limiter-flexible, in memory: one process, one budget). The
 * socket side is attached with `attach(io)`; every channel then spends through `spendSocketBudget`.
 */
export class AddressBudgets {
  readonly limits: AddressLimits;
  private readonly commands: RateLimiterMemory;
  private readonly writes: RateLimiterMemory;
  /**
   * rate-limiter-flexible's burst support: a sustained per-second window, and when it is
   * spent a larger allowance per minute. Not a token bucket (the library has none; its
   * windows are fixed), but the same two numbers, and a refusal always waits ≤ 1 s for
   * the next second's share.
   */
  private readonly newConnections: BurstyRateLimiter;
  private readonly open = new Map<string, number>();
  private readonly raw = new Map<string, number>();

  constructor(limits: Partial<AddressLimits> = {}) {
    this.limits = { ...DEFAULT_ADDRESS_LIMITS, ...limits };
    // At least 1 a second: a refusal then waits ≤ 1 s, and the page's retry after it is never in vain for long.
    if (!Number.isInteger(this.limits.newConnectionsPerSecond) || this.limits.newConnectionsPerSecond < 1) throw new RangeError(`limits.newConnectionsPerSecond: must be a whole number >= 1, got ${this.limits.newConnectionsPerSecond}`);
    if (!Number.isInteger(this.limits.newConnectionsBurst) || this.limits.newConnectionsBurst < 0) throw new RangeError(`limits.newConnectionsBurst: must be a whole number >= 0, got ${this.limits.newConnectionsBurst}`);
    this.commands = new RateLimiterMemory({ points: this.limits.commandsPerSecond, duration: 1 });
    this.writes = new RateLimiterMemory({ points: this.limits.restWritesPerMinute, duration: 60 });
    this.newConnections = new BurstyRateLimiter(
      new RateLimiterMemory({ keyPrefix: 'new-connections', points: this.limits.newConnectionsPerSecond, duration: 1 }),
      new RateLimiterMemory({ keyPrefix: 'new-connections-burst', points: this.limits.newConnectionsBurst, duration: NEW_CONNECTION_BURST_WINDOW_S }),
    );
  }

  addressOf(peer: string | undefined, headers: IncomingHttpHeaders): string {
    return clientAddress(peer, headers, this.limits.trustProxy);
  }

  /** Open Socket.IO connections from `address` now. */
  connections(address: string): number {
    return this.open.get(address) ?? 0;
  }

  /** Spends `cost` command points of `address`; the refusal names the limit and when to retry. */
  async spendCommand(address: string, cost = 1): Promise<string | null> {
    try {
      await this.commands.consume(address, cost);
      return null;
    } catch (res) {
      return `too many commands from ${address}: at most ${this.limits.commandsPerSecond} command points per second, shared by every connection from this address (a snapshot costs ${COMMAND_COST.snapshot}); try again in ${retryMs(res)} ms`;
    }
  }

  /** Spends one new connection of `address`; the refusal (message and when to retry), or null. */
  async spendNewConnection(address: string): Promise<{ message: string; retryAfterMs: number } | null> {
    try {
      await this.newConnections.consume(address, 1);
      return null;
    } catch (res) {
      const retryAfterMs = retryMs(res);
      const { newConnectionsPerSecond: rate, newConnectionsBurst: burst } = this.limits;
      const message = `too many new connections from ${address}: at most ${rate} per second per address, plus ${burst} more once a minute; try again in ${Math.ceil(retryAfterMs / 1000)} s`;
      return { message, retryAfterMs };
    }
  }

  /** Spends one REST write of `address`; the refusal and the seconds to wait, or null. */
  async spendWrite(address: string): Promise<{ message: string; retryAfterS: number } | null> {
    try {
      await this.writes.consume(address, 1);
      return null;
    } catch (res) {
      const retryAfterS = Math.max(1, Math.ceil(retryMs(res) / 1000));
      return { message: `too many writes from ${address}: at most ${this.limits.restWritesPerMinute} POST/PUT/DELETE requests per minute per address; try again in ${retryAfterS} s`, retryAfterS };
    }
  }

  /**
   * Counts connections per address, refuses the handshake beyond the cap or faster than
   * the new-connection budget with a message (before anything is joined or sent: a
   * refusal costs one CONNECT_ERROR packet), and gives every socket `socket.data.address` and `socket.data.spendBudget`.
   * Call before any other `io.on('connection')` so the budget exists for every handler.
   */
  attach(io: SocketServer): void {
    const cap = this.limits.connectionsPerAddress;
    // Raw Engine.IO connections are counted too: a client that never connects a namespace still holds a socket.
    io.engine.on('connection', (conn: { request: { headers: IncomingHttpHeaders }; remoteAddress: string; close(): void; once(e: 'close', f: () => void): void }) => {
      const address = this.addressOf(conn.remoteAddress, conn.request.headers);
      const n = (this.raw.get(address) ?? 0) + 1;
      this.raw.set(address, n);
      conn.once('close', () => decrement(this.raw, address));
      if (n > cap * RAW_CONNECTION_FACTOR) conn.close();
    });
    io.use(async (socket, next) => {
      const address = this.addressOf(socket.handshake.address, socket.handshake.headers);
      // The cap first: a refusal there spends none of the new-connection budget.
      if (this.connections(address) >= cap) {
        next(refusal(`too many connections from ${address}: at most ${cap} open connections per address; close some tabs or clients and try again`, { code: 'too_many_connections', limit: cap }));
        return;
      }
      const tooFast = await this.spendNewConnection(address);
      if (tooFast !== null) {
        next(refusal(tooFast.message, { code: 'too_many_new_connections', retryAfterMs: tooFast.retryAfterMs }));
        return;
      }
      socket.data.address = address;
      let refusedInRow = 0;
      socket.data.spendBudget = (async (cost = 1) => {
        const refused = await this.spendCommand(address, cost);
        if (refused === null) {
          refusedInRow = 0;
          return null;
        }
        if (++refusedInRow < FLOOD_REFUSALS) return refused;
        setImmediate(() => socket.disconnect(true)); // after this refusal's reply went out
        return `${refused}; this connection is closed: it was refused ${FLOOD_REFUSALS} times in a row and kept sending`;
      }) satisfies SpendBudget;
      next();
    });
    io.on('connection', (socket) => {
      const address = socket.data.address as string;
      this.open.set(address, this.connections(address) + 1);
      socket.once('disconnect', () => decrement(this.open, address));
    });
  }
}

/** A handshake refusal: the message for people and scripts, `data` for the page (connect-refusal.ts). */
function refusal(message: string, data: ConnectRefusal): Error {
  return Object.assign(new Error(message), { data });
}

function decrement(counts: Map<string, number>, key: string): void {
  const n = (counts.get(key) ?? 0) - 1;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}

function retryMs(res: unknown): number {
  return Math.max(1, Math.ceil((res as RateLimiterRes | undefined)?.msBeforeNext ?? 1000));
}

/**
 * The one call every socket channel makes before doing work for a message: spends
 * `cost` points of the sender's address budget and returns the refusal to answer with,
 * or null. A socket without a budget (a server built without AddressBudgets) is not limited.
 */
export async function spendSocketBudget(socket: Socket, what: string, cost = 1): Promise<ErrorReply | null> {
  const spend = socket.data.spendBudget as SpendBudget | undefined;
  const refused = spend === undefined ? null : await spend(cost);
  return refused === null ? null : error('unavailable', `${what}: ${refused}`);
}
