/**
 * SESSION_IDLE_TIMEOUT (SessionManager's idleStopMs): every kind of session with nobody
 * inside stops after the limit, training included, and is recorded as finished; a session
 * with someone inside runs on. The limit here is short so the test does not wait long;
 * it asserts what happened, not how fast.
 */
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../server/protocol/messages.ts';
import { useLiveTestServer } from './test-server.ts';

const IDLE_MS = 400;
const live = useLiveTestServer({ publicSession: false, idleStopMs: IDLE_MS });

describe('idle sessions expire', () => {
  it('an empty training lobby and an abandoned plain session stop; an occupied session stays', async () => {
    const instructor = await live.client();
    const training = await instructor.socket.timeout(30_000).emitWithAck('train', { type: 'startTraining', script: 'demo-line-stacker-down' }) as { ok: true; result: { sessionId: string } };
    expect(training.ok).toBe(true);
    const leaver = await live.client();
    const plain = await leaver.ok<{ sessionId: string }>({ type: 'createSession', model: 'demo-line' });
    await leaver.ok({ type: 'leaveSession' });
    const stayer = await live.client();
    const kept = await stayer.ok<{ sessionId: string }>({ type: 'createSession', model: 'demo-line' });

    // Stopped: out of the manager at once, then recorded once its engine has wound down (SessionManager.stop awaits it).
    const stopped = (id: string) => live.server.manager.get(id) === undefined && live.server.history.get(id)?.status !== 'running';
    await stayer.until(() => stopped(training.result.sessionId) && stopped(plain.sessionId), 30_000, 'the idle sessions to stop and be recorded');
    expect(live.server.history.get(training.result.sessionId)?.status).toBe('finished');
    expect(live.server.history.get(plain.sessionId)?.status).toBe('finished');
    const list = await stayer.ok<SessionInfo[]>({ type: 'listSessions' });
    expect(list.map((s) => s.id)).toEqual([kept.sessionId]);
  }, 60_000);
});
