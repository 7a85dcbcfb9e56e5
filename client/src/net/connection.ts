import { io, type Socket } from 'socket.io-client';
import { CreateResultSchema, JoinResultSchema, PROTOCOL_VERSION, SessionInfoSchema, type Command, type Reply, type SessionInfo } from '../../../server/protocol/messages.ts';
import { replyOf, type Schema } from './edge.ts';
import { live } from '../state/live-frame.ts';
import { useUi } from '../state/ui-store.ts';
import { createHandlers, type Handlers } from './handlers.ts';
import { saveResume } from './resume.ts';
import { enterFrontDoor } from './front-door.ts';

const COMMAND_TIMEOUT_MS = 10_000;
let socket: Socket | null = null;
let handlers: Handlers | null = null;

/** Sends one command and waits for its acknowledgement; a lost reply becomes an error reply, never a hang. */
export async function send<R = unknown>(cmd: Command, result?: Schema<R>): Promise<Reply<R>> {
  if (!socket || !socket.connected) return { ok: false, error: { code: 'unavailable', message: 'Not connected to the server' } };
  try {
    return replyOf(await socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('cmd', cmd), cmd.type, result);
  } catch {
    return { ok: false, error: { code: 'unavailable', message: `No reply from the server to "${cmd.type}" within ${COMMAND_TIMEOUT_MS / 1000} s` } };
  }
}

/** Sends a command and shows a refusal to the user; returns the result, or null if refused. */
export async function command<R = unknown>(cmd: Command, result?: Schema<R>): Promise<R | null> {
  const reply = await send<R>(cmd, result);
  if (reply.ok) return reply.result;
  useUi.getState().pushError(reply.error.message, reply.error.problems);
  return null;
}

/** The live socket once connected (the experiments page follows progress on it), else null. */
export function liveSocket(): Socket | null {
  return socket;
}

export function connectLive(): Socket {
  if (socket) return socket;
  const h = createHandlers({ ui: useUi.getState, live, send, nowMs: () => performance.now() });
  handlers = h;
  const s = io({ auth: { protocol: PROTOCOL_VERSION }, transports: ['websocket'], reconnectionDelayMax: 5000 });
  socket = s;
  s.on('connect', () => {
    void h.onConnect().then(async (rejoined) => {
      await refreshSessions();
      if (!rejoined) await enterFrontDoor(listSessions, joinSession);
    });
  });
  s.on('disconnect', h.onDisconnect);
  s.on('connect_error', (err) => {
    const retryMs = h.onConnectError(err);
    // A refusal at the handshake ends socket.io's own retries (the socket is no longer active).
    if (retryMs !== null && !s.active) setTimeout(() => s.connect(), retryMs);
  });
  s.io.on('reconnect_attempt', () => useUi.getState().setConnection('reconnecting'));
  s.on('snapshot', h.onSnapshot);
  s.on('frame', h.onFrame);
  s.on('notice', h.onNotice);
  return s;
}

async function listSessions(): Promise<SessionInfo[] | null> {
  const result = await command({ type: 'listSessions' }, SessionInfoSchema.array());
  if (result) useUi.getState().setSessions(result);
  return result;
}

export async function refreshSessions(): Promise<void> {
  await listSessions();
}

export async function createSession(options: { model?: string; scenario?: string; name?: string }): Promise<void> {
  const result = await command({ type: 'createSession', ...options }, CreateResultSchema);
  if (result) {
    saveResume({ sessionId: result.sessionId, token: result.controllerToken });
    handlers?.joined(result.sessionId);
  }
  await refreshSessions();
}

export async function joinSession(sessionId: string): Promise<void> {
  const result = await command({ type: 'joinSession', sessionId }, JoinResultSchema);
  if (result) {
    saveResume({ sessionId: result.sessionId });
    handlers?.joined(result.sessionId);
  }
}

/** The training channel seated this tab in a session (a trainee joined by code): its snapshot is ours from now on. */
export function enteredSession(sessionId: string): void {
  saveResume({ sessionId });
  handlers?.joined(sessionId);
}

export async function leaveSession(): Promise<void> {
  await command({ type: 'leaveSession' });
  saveResume(null);
  useUi.getState().leftSession();
  await refreshSessions();
}
