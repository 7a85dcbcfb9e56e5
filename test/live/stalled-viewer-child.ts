import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type Frame } from '../../server/protocol/messages.ts';

/**
 * A viewer in its own process, so the test can freeze it with SIGSTOP. It joins
 * the session given on the command line, acknowledges every frame and prints one
 * JSON line per frame: its number, kind, simulation time and arrival (wall ms).
 */
const [url, sessionId] = process.argv.slice(2);
const socket = io(url, { auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false });
socket.on('frame', (frame: Frame, ack: () => void) => {
  process.stdout.write(`${JSON.stringify({ n: frame.n, k: frame.k, t: frame.t, at: Date.now() })}\n`);
  ack();
});
socket.on('connect', () => {
  socket.emit('cmd', { type: 'joinSession', sessionId, user: 'stalled' }, (reply: { ok: boolean }) => {
    process.stdout.write(`${JSON.stringify({ joined: reply.ok })}\n`);
  });
});
socket.on('connect_error', (err) => {
  process.stderr.write(`connect_error ${err.message}\n`);
  process.exit(1);
});
process.on('SIGTERM', () => {
  socket.close();
  process.exit(0);
});
