import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Reply } from '../../server/protocol/messages.ts';

/**
 * The attacker, in a process of its own so its client-side work (encoding, parsing
 * 150 KB snapshots) does not slow the server or the honest viewer in the test's
 * process. Arguments: a JSON `FloodPlan`; prints one JSON `FloodOutcome` line.
 */
export interface FloodPlan {
  url: string;
  /** X-Forwarded-For of every socket (the server trusts one proxy hop). */
  address: string;
  sockets: number;
  /** Session each socket joins first (null: none). */
  sessionId: string | null;
  /** Messages per socket per second, and for how long. */
  hz: number;
  seconds: number;
  /** [event, payload] pairs sent in turn. */
  messages: [string, unknown][];
}

export interface FloodOutcome {
  connected: number;
  connectErrors: string[];
  sent: number;
  ok: number;
  refusals: string[];
  /** Replies that did not come within 30 s. */
  unanswered: number;
  /** Sockets the server disconnected, with its reason, and messages left unanswered by that. */
  disconnects: string[];
  cutOff: number;
  snapshots: number;
}

const plan = JSON.parse(process.argv[2]) as FloodPlan;
const outcome: FloodOutcome = { connected: 0, connectErrors: [], sent: 0, ok: 0, refusals: [], unanswered: 0, snapshots: 0, disconnects: [], cutOff: 0 };
const gone = new Map<Socket, Promise<'gone'>>();
const sockets: Socket[] = [];
for (let i = 0; i < plan.sockets; i++) {
  const s = io(plan.url, { auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { 'x-forwarded-for': plan.address } });
  s.on('snapshot', () => outcome.snapshots++);
  s.on('frame', (_f: unknown, ack: () => void) => ack());
  const up = await new Promise<boolean>((resolve) => {
    s.once('connect', () => resolve(true));
    s.once('connect_error', (err) => {
      outcome.connectErrors.push(err.message);
      resolve(false);
    });
  });
  if (up) {
    outcome.connected++;
    gone.set(s, new Promise((resolve) => s.once('disconnect', (reason) => {
      outcome.disconnects.push(reason);
      resolve('gone');
    })));
    sockets.push(s);
    if (plan.sessionId !== null) await s.timeout(30_000).emitWithAck('cmd', { type: 'joinSession', sessionId: plan.sessionId });
  } else s.close();
}
process.send?.({ ready: true });
await new Promise((r) => setTimeout(r, 1100)); // a fresh budget window after the joins
const replies: Promise<void>[] = [];
const from = Date.now();
let k = 0;
while (Date.now() - from < plan.seconds * 1000) {
  for (const s of sockets) {
    if (!s.connected) continue;
    const [event, payload] = plan.messages[k++ % plan.messages.length];
    outcome.sent++;
    replies.push(
      Promise.race([s.timeout(30_000).emitWithAck(event, payload) as Promise<Reply | { ok: false; error: string }>, gone.get(s)!]).then(
        (r) => {
          if (r === 'gone') outcome.cutOff++;
          else if (r.ok) outcome.ok++;
          else outcome.refusals.push(typeof r.error === 'string' ? r.error : `${r.error.code}: ${r.error.message}`);
        },
        () => void outcome.unanswered++,
      ),
    );
  }
  await new Promise((r) => setTimeout(r, 1000 / plan.hz));
}
await Promise.all(replies);
for (const s of sockets) s.close();
process.send!({ outcome }, () => process.exit(0));
