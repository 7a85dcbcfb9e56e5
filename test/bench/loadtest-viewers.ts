/**
 * The viewers of `npm run loadtest`, `count` per child process, each logging when every frame
 * arrives. Two kinds:
 *
 * - `light` (default): Engine.IO 4 / Socket.IO 5 spoken directly over a WebSocket (`ws`). A frame
 *   is read as far as its ack id and frame number and acknowledged at once, as the browser client
 *   does before it draws; its JSON is not decoded. On a 2-core machine the full client's JSON
 *   decoding of 10,000–20,000 frames a second took the CPU the servers needed, so the benchmark
 *   measured its own clients: the light viewer keeps it measuring the servers.
 * - `socket.io`: the real socket.io-client, decoding every frame (the browser's cost, client side).
 */
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type Frame } from '../../server/protocol/messages.ts';

export const VIEWER_KINDS = ['light', 'socket.io'] as const;
export type ViewerKind = (typeof VIEWER_KINDS)[number];

export interface ViewerLog {
  /** Flat [n, arrivalMs, n, arrivalMs, ...]. */
  arrivals: number[];
}

/** Opens `count` viewers of `sessionId` at `url`; `onJoined` is called once per viewer when it has joined. */
export async function openViewers(kind: ViewerKind, url: string, sessionId: string, count: number, onJoined: () => void): Promise<ViewerLog[]> {
  const logs: ViewerLog[] = [];
  for (let i = 0; i < count; i++) {
    const log: ViewerLog = { arrivals: [] };
    logs.push(log);
    if (kind === 'light') lightViewer(url, sessionId, log, onJoined);
    else fullViewer(url, sessionId, log, onJoined);
    if (i % 25 === 24) await new Promise((r) => setTimeout(r, 20)); // do not stampede the accept queue
  }
  return logs;
}

function fullViewer(url: string, sessionId: string, log: ViewerLog, onJoined: () => void): void {
  const socket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('frame', (frame: Frame, ack: () => void) => {
    log.arrivals.push(frame.n, Date.now());
    ack();
  });
  socket.on('connect', () => socket.emit('cmd', { type: 'joinSession', sessionId }, onJoined));
}

// Engine.IO packet types (first character) and Socket.IO packet types (second), as on the wire.
const EIO_OPEN = '0';
const EIO_PING = '2';
const EIO_PONG = '3';
const EIO_MESSAGE = '4';
const SIO_CONNECT = '0';
const SIO_EVENT = '2';
const SIO_ACK = '3';
const JOIN_ACK_ID = 0;
const FRAME_EVENT = '["frame",';
/** The frame number is the first field of a frame (frame-builder.ts), well within this many characters. */
const FRAME_HEAD = 48;
/** Enough of a packet for its type, its ack id and a frame's number. */
const HEAD_BYTES = 96;

function lightViewer(url: string, sessionId: string, log: ViewerLog, onJoined: () => void): void {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) return;
    // Only the head of a packet says what it is; a frame's body (kilobytes) is never decoded.
    const text = data.toString('latin1', 0, Math.min(data.length, HEAD_BYTES));
    const eio = text[0];
    if (eio === EIO_PING) return ws.send(EIO_PONG);
    if (eio === EIO_OPEN) return ws.send(EIO_MESSAGE + SIO_CONNECT + JSON.stringify({ protocol: PROTOCOL_VERSION }));
    if (eio !== EIO_MESSAGE) return;
    const sio = text[1];
    if (sio === SIO_CONNECT) {
      ws.send(`${EIO_MESSAGE}${SIO_EVENT}${JOIN_ACK_ID}${JSON.stringify(['cmd', { type: 'joinSession', sessionId }])}`);
    } else if (sio === SIO_ACK && text.startsWith(`${EIO_MESSAGE}${SIO_ACK}${JOIN_ACK_ID}[`)) {
      // The join's answer: `[{"ok":true,…}]`, or a refusal `[{"ok":false,"error":…}]`.
      if (text.includes('"ok":false')) throw new Error(`joinSession refused: ${data.toString('utf8').slice(0, 200)}`);
      onJoined();
    } else if (sio === SIO_EVENT) {
      // `42<ack id>["frame",{"n":<n>,...}]`: only frames carry an ack id here.
      const open = text.indexOf('[', 2);
      if (open <= 2 || !text.startsWith(FRAME_EVENT, open)) return;
      const n = /"n":(\d+)/.exec(text.slice(open, open + FRAME_HEAD));
      if (n === null) throw new Error(`a frame without its number first: ${text.slice(0, 80)}`);
      log.arrivals.push(Number(n[1]), Date.now());
      ws.send(`${EIO_MESSAGE}${SIO_ACK}${text.slice(2, open)}[]`);
    }
  });
}
