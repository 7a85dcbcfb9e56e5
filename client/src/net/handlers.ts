import { FrameSchema, NoticeSchema, PROTOCOL_VERSION, SnapshotSchema, type Command, type Reply } from '../../../server/protocol/messages.ts';
import { applyFrame, applySnapshot, type LiveData } from '../state/live-frame.ts';
import type { UiState } from '../state/ui-store.ts';
import { loadResume, saveResume } from './resume.ts';
import { parsed } from './edge.ts';
import { connectRefusal, refusalText, retryDelayMs } from './connect-refusal.ts';

export interface HandlerDeps {
  ui: () => UiState;
  live: LiveData;
  send: (cmd: Command) => Promise<Reply>;
  nowMs: () => number;
}

/**
 * The client's edge: every server message is parsed with its protocol schema before
 * anything indexes into it (frames with FrameSchema, which checks shapes and types only,
 * so parsing a 20 Hz frame stays cheap). A message that does not parse is reported, not applied.
 */
/**
 * Socket events turned into store updates. Kept apart from socket.io so the protocol
 * handling can be tested by calling these functions directly.
 */
export function createHandlers(deps: HandlerDeps) {
  const { ui, live } = deps;
  let badFrameReported = false;
  /** A session we joined whose snapshot has not come yet, and when we last asked for it. */
  let pendingSession: string | null = null;
  let lastAskMs = -Infinity;

  async function requestSnapshot(): Promise<void> {
    const reply = await deps.send({ type: 'snapshot' });
    if (!reply.ok) ui().pushError(reply.error.message, reply.error.problems);
  }

  return {
    onSnapshot(message: unknown): void {
      const snap = parsed(SnapshotSchema, message);
      if (snap === null) {
        ui().pushError('The server sent a malformed snapshot; the view may be out of date.');
        return;
      }
      if (snap.protocol !== PROTOCOL_VERSION) ui().pushError(`Protocol ${snap.protocol} from the server, ${PROTOCOL_VERSION} in this client`);
      if (pendingSession === snap.session.id) pendingSession = null;
      ui().takeSnapshot(snap);
      applySnapshot(live, snap, deps.nowMs());
      const resume = loadResume();
      saveResume({ sessionId: snap.session.id, token: resume?.sessionId === snap.session.id ? resume.token : undefined });
    },

    /** Returns what happened so tests can check it; the ack goes back whatever the outcome, or the server would stop sending. */
    onFrame(message: unknown, ack?: () => void): string {
      try {
        const frame = parsed(FrameSchema, message);
        if (frame === null) {
          if (!badFrameReported) ui().pushError('The server sent a malformed frame; it was skipped.');
          badFrameReported = true;
          return 'invalid';
        }
        if (ui().session === null) {
          // Frames without a snapshot cannot be drawn: ask for one, at most every 2 s.
          if (pendingSession !== null && deps.nowMs() - lastAskMs > 2000) {
            lastAskMs = deps.nowMs();
            void requestSnapshot();
          }
          return 'no-session';
        }
        const outcome = applyFrame(live, frame, deps.nowMs(), ui().layout);
        if (outcome === 'gap') void requestSnapshot();
        if (outcome === 'applied') ui().setControl({ running: live.running, speed: live.speed, locked: live.locked });
        return outcome;
      } finally {
        ack?.();
      }
    },

    onNotice(message: unknown): void {
      const s = ui();
      const notice = parsed(NoticeSchema, message);
      if (notice === null) {
        s.pushError('The server sent a malformed notice; it was ignored.');
        return;
      }
      switch (notice.type) {
        case 'role':
          s.setRole(notice.role);
          break;
        case 'param':
          s.applyParam(notice);
          break;
        case 'breakdown': {
          const servers = s.nodeInfo.find((n) => n.id === notice.nodeId)?.servers ?? 1;
          const now = s.breakdowns[notice.nodeId] ?? 0;
          const next = notice.server === null ? (notice.down ? servers : 0) : Math.min(servers, Math.max(0, now + (notice.down ? 1 : -1)));
          s.setBreakdown(notice.nodeId, next);
          break;
        }
        case 'ended':
          saveResume(null);
          s.leftSession();
          s.pushError(notice.reason);
          break;
        case 'error':
          s.pushError(notice.message);
          break;
        case 'roster':
          break; // the roster is the owner's admin view, which this client does not show yet
      }
    },

    /** Called when the server accepted a create or join: from now on frames are ours, and a snapshot is due. */
    joined(sessionId: string): void {
      if (ui().session?.id === sessionId) return;
      // Frames from now on belong to the new session; the old plant must not take them in.
      ui().leftSession();
      pendingSession = sessionId;
    },

    /** After every (re)connect: rejoin the session this tab was in, as owner if we hold its token. True when it did. */
    async onConnect(): Promise<boolean> {
      ui().setConnection('connected');
      const resume = loadResume();
      if (!resume) return false;
      const reply = await deps.send({ type: 'joinSession', sessionId: resume.sessionId, ...(resume.token ? { token: resume.token } : {}) });
      if (reply.ok) {
        if (ui().session?.id !== resume.sessionId) ui().leftSession();
        pendingSession = resume.sessionId;
        return true;
      }
      saveResume(null);
      ui().leftSession();
      ui().pushError(reply.error.message, reply.error.problems);
      return false;
    },

    onDisconnect(reason: string): void {
      // A disconnect we asked for stays down; anything else is retried by socket.io.
      ui().setConnection(reason === 'io client disconnect' ? 'disconnected' : 'reconnecting');
    },

    /**
     * A failed (re)connect. A refusal at the server's handshake (too many connections from this
     * address) is said in the page's language; the delay before trying again is returned, since
     * socket.io-client does not retry those by itself; null when socket.io retries on its own.
     */
    onConnectError(err: { message: string; data?: unknown }, random: () => number = Math.random): number | null {
      ui().setConnection('reconnecting');
      const refusal = connectRefusal(err);
      const message = refusal === null ? err.message : refusalText(refusal, ui().locale);
      const last = ui().errors.at(-1);
      // Each retry fails the same way; one message is enough.
      if (last?.message !== message) ui().pushError(message);
      return refusal === null ? null : retryDelayMs(refusal, random);
    },
  };
}

export type Handlers = ReturnType<typeof createHandlers>;
