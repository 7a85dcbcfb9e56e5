import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  applyNodeArray,
  FRAME_NODE_ARRAYS,
  type Command,
  type Frame,
  type Notice,
  type Reply,
  type Snapshot,
} from '../../server/protocol/messages.ts';

/** A received frame and when it arrived (wall ms). */
export interface Arrival {
  frame: Frame;
  at: number;
}

/**
 * A test viewer: connects with the protocol version, acknowledges every frame
 * (unless told not to), and keeps the state that snapshot + deltas add up to.
 */
export class LiveClient {
  readonly socket: Socket;
  readonly frames: Arrival[] = [];
  readonly snapshots: Snapshot[] = [];
  readonly notices: Notice[] = [];
  /** Node arrays rebuilt from the last snapshot and the frames since. */
  readonly state: Record<string, number[]> = {};
  lastN = -1;
  /** Deltas that arrived without their predecessor: must stay 0. */
  gaps = 0;
  ackFrames = true;

  /** `headers`: extra handshake headers (X-Forwarded-For, to come from another address behind a trusted proxy). */
  constructor(url: string, auth: Record<string, unknown> = { protocol: PROTOCOL_VERSION }, headers?: Record<string, string>) {
    this.socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, ...(headers ? { extraHeaders: headers } : {}) });
    this.socket.on('snapshot', (s: Snapshot) => {
      this.snapshots.push(s);
      for (const name of FRAME_NODE_ARRAYS) this.state[name] = [...s.frame[name]];
      this.lastN = s.frame.n;
    });
    this.socket.on('frame', (frame: Frame, ack: () => void) => {
      this.frames.push({ frame, at: Date.now() });
      if (frame.k === 0 && frame.n !== this.lastN + 1) this.gaps++;
      for (const name of FRAME_NODE_ARRAYS) applyNodeArray((this.state[name] ??= []), frame[name], frame.k === 1);
      this.lastN = frame.n;
      if (this.ackFrames) ack();
    });
    this.socket.on('notice', (n: Notice) => this.notices.push(n));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  cmd<R = unknown>(command: Command | unknown, timeoutMs = 10_000): Promise<Reply<R>> {
    return this.socket.timeout(timeoutMs).emitWithAck('cmd', command) as Promise<Reply<R>>;
  }

  /** Resolves with the reply's result, or throws with the error message. */
  async ok<R = unknown>(command: Command): Promise<R> {
    const reply = await this.cmd<R>(command);
    if (!reply.ok) throw new Error(`${(command as { type: string }).type} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.result;
  }

  /** Waits until `predicate` holds, polling; throws after `timeoutMs`. */
  async until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  get lastFrame(): Frame | undefined {
    return this.frames.at(-1)?.frame;
  }

  close(): void {
    this.socket.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
