import type { Namespace, Socket } from 'socket.io';
import type { Frame } from '../protocol/messages.ts';

/** socket.io-parser's EVENT packet type (the parser is socket.io's own dependency, not ours). */
const EVENT = 2;

/** A frame as a Socket.IO packet, ready for the wire, and the ack id every receiver answers to. */
interface EncodedFrame {
  /** The lock flag when it was encoded: the session may flip it on the last keyframe after sending it. */
  lk: 0 | 1;
  id: number;
  packets: unknown[];
  opts: Record<string, unknown>;
}

/**
 * What of Socket.IO's internals this module uses: the same three the in-memory adapter's
 * `broadcastWithAck` uses (socket.io-adapter/dist/in-memory-adapter.js). The public broadcast
 * API encodes once too, but calls one callback for all acknowledgements without saying whose,
 * and flow control needs each viewer's own.
 */
interface SocketInternals {
  acks: Map<number, (...args: unknown[]) => void>;
  client: { writeToEngine(packets: unknown[], opts: Record<string, unknown>): void };
}
interface AdapterInternals {
  _encode(packet: Record<string, unknown>, opts: Record<string, unknown>): unknown[];
}

/**
 * Frames encoded once per tick: the first viewer a frame goes to encodes it (JSON, then the
 * WebSocket frame itself, as Socket.IO's broadcast does), every other viewer gets the same bytes.
 * One ack id per frame serves every socket, as in `broadcastWithAck` (the namespace's id counter
 * is shared, so it never collides with a socket's own acks). Which frame a viewer gets, and
 * whether it gets one at all, stays the stream's per-viewer flow control (viewer-flow.ts).
 */
export class FramePackets {
  private readonly encoded = new WeakMap<Frame, EncodedFrame>();

  constructor(private readonly nsp: Namespace) {}

  send(socket: Socket, frame: Frame, onAck: () => void): void {
    let e = this.encoded.get(frame);
    if (e === undefined || e.lk !== frame.lk) {
      const opts: Record<string, unknown> = { preEncoded: true };
      const id = this.nsp._ids++;
      const packet = { type: EVENT, data: ['frame', frame], id, nsp: this.nsp.name };
      e = { lk: frame.lk, id, packets: (this.nsp.adapter as unknown as AdapterInternals)._encode(packet, opts), opts };
      this.encoded.set(frame, e);
    }
    const internals = socket as unknown as SocketInternals;
    internals.acks.set(e.id, () => onAck());
    internals.client.writeToEngine(e.packets, e.opts);
  }
}
