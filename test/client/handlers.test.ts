import { beforeEach, describe, expect, it } from 'vitest';
import type { Command, Reply } from '../../server/protocol/messages.ts';
import { createHandlers } from '../../client/src/net/handlers.ts';
import { loadResume, saveResume } from '../../client/src/net/resume.ts';
import { createLiveData } from '../../client/src/state/live-frame.ts';
import { useUi } from '../../client/src/state/ui-store.ts';
import { frame, snapshot, testModel } from './fixtures.ts';

function setup(reply: Reply = { ok: true, result: {} }) {
  const sent: Command[] = [];
  const live = createLiveData();
  const handlers = createHandlers({
    ui: useUi.getState,
    live,
    send: async (cmd) => {
      sent.push(cmd);
      return reply;
    },
    nowMs: () => 1000,
  });
  return { sent, live, handlers };
}

beforeEach(() => {
  useUi.getState().leftSession();
  useUi.setState({ errors: [], connection: 'connecting' });
  saveResume(null);
});

describe('socket handlers', () => {
  it('takes a snapshot into the store and the live data, and remembers the session for a reconnect', () => {
    const { handlers, live } = setup();
    handlers.onSnapshot(snapshot(testModel(), frame({ n: 5, t: 50 })));
    const s = useUi.getState();
    expect(s.session?.id).toBe('s1');
    expect(s.role).toBe('owner');
    expect(s.layout?.nodes).toHaveLength(8);
    expect(live.t).toBe(50);
    expect(loadResume()).toEqual({ sessionId: 's1', token: undefined });
  });

  it('keeps the owner token when the snapshot is for the session it belongs to', () => {
    const { handlers } = setup();
    saveResume({ sessionId: 's1', token: 'secret' });
    handlers.onSnapshot(snapshot(testModel()));
    expect(loadResume()).toEqual({ sessionId: 's1', token: 'secret' });
  });

  it('acknowledges every frame, even a malformed one, and reports the malformed one once', () => {
    const { handlers } = setup();
    handlers.onSnapshot(snapshot(testModel()));
    let acks = 0;
    expect(handlers.onFrame({ n: 'x' }, () => acks++)).toBe('invalid');
    expect(handlers.onFrame(null, () => acks++)).toBe('invalid');
    expect(handlers.onFrame(frame({ n: 11, t: 5 }), () => acks++)).toBe('applied');
    expect(acks).toBe(3);
    expect(useUi.getState().errors).toHaveLength(1);
  });

  it('asks for a snapshot when a delta does not follow the frame it holds', () => {
    const { handlers, sent } = setup();
    handlers.onSnapshot(snapshot(testModel()));
    expect(handlers.onFrame(frame({ n: 15, k: 0, st: [], ws: [], ut: [], lv: [], ct: [], sc: [] }))).toBe('gap');
    expect(sent).toEqual([{ type: 'snapshot' }]);
  });

  it('asks for the snapshot of a joined session when frames come without one, at most every 2 s', () => {
    let now = 1000;
    const sent: Command[] = [];
    const handlers = createHandlers({ ui: useUi.getState, live: createLiveData(), send: async (c) => (sent.push(c), { ok: true, result: null }), nowMs: () => now });
    expect(handlers.onFrame(frame({ n: 1 }))).toBe('no-session');
    expect(sent).toEqual([]); // not in a session: nothing to ask for
    handlers.joined('s1');
    handlers.onFrame(frame({ n: 2 }));
    now += 500;
    handlers.onFrame(frame({ n: 3 }));
    expect(sent).toEqual([{ type: 'snapshot' }]);
    now += 2000;
    handlers.onFrame(frame({ n: 4 }));
    expect(sent).toHaveLength(2);
    handlers.onSnapshot(snapshot(testModel(), frame({ n: 4 })));
    now += 5000;
    expect(handlers.onFrame(frame({ n: 5 }))).toBe('applied');
    expect(sent).toHaveLength(2);
  });

  it('drops the old plant when joining another session, so its frames are not mixed in', () => {
    const { handlers } = setup();
    handlers.onSnapshot(snapshot(testModel()));
    handlers.joined('other');
    expect(useUi.getState().session).toBeNull();
    expect(handlers.onFrame(frame({ n: 11 }))).toBe('no-session');
  });

  it('updates play state from frames without touching the store when nothing changed', () => {
    const { handlers } = setup();
    handlers.onSnapshot(snapshot(testModel()));
    const before = useUi.getState().control;
    handlers.onFrame(frame({ n: 11, r: 1, x: 100 }));
    expect(useUi.getState().control).toBe(before);
    handlers.onFrame(frame({ n: 12, r: 0, x: 100, lk: 1 }));
    expect(useUi.getState().control).toEqual({ running: false, speed: 100, locked: true });
  });

  it('applies notices: breakdowns, parameter edits, role changes, the end of a session', () => {
    const { handlers } = setup();
    handlers.onSnapshot(snapshot(testModel()));
    handlers.onNotice({ type: 'breakdown', nodeId: 'formation', server: null, down: true, by: 'c2' });
    expect(useUi.getState().breakdowns).toEqual({ formation: 1 });
    handlers.onNotice({ type: 'breakdown', nodeId: 'formation', server: 0, down: false, by: 'c2' });
    expect(useUi.getState().breakdowns).toEqual({});
    handlers.onNotice({ type: 'param', nodeId: 'eol', field: 'yield', value: 0.5, by: 'c2' });
    expect(useUi.getState().model?.nodes.find((n) => n.id === 'eol')).toMatchObject({ yield: 0.5 });
    handlers.onNotice({ type: 'role', role: 'viewer' });
    expect(useUi.getState().role).toBe('viewer');
    handlers.onNotice({ type: 'ended', reason: 'stopped by the owner' });
    expect(useUi.getState().session).toBeNull();
    expect(useUi.getState().errors.at(-1)?.message).toBe('stopped by the owner');
    expect(loadResume()).toBeNull();
  });

  it('validates notices at the edge: a malformed one is reported and changes nothing', () => {
    const { handlers } = setup();
    handlers.onSnapshot(snapshot(testModel()));
    const model = useUi.getState().model;
    handlers.onNotice({ type: 'param', nodeId: 'eol', field: 'yield', value: 7, by: 'c2' }); // a yield must be <= 1
    handlers.onNotice({ type: 'mystery' });
    expect(useUi.getState().model).toBe(model);
    expect(useUi.getState().errors.map((e) => e.message)).toEqual(['The server sent a malformed notice; it was ignored.', 'The server sent a malformed notice; it was ignored.']);
  });

  it('rejoins the remembered session on reconnect, with the owner token', async () => {
    const { handlers, sent } = setup();
    saveResume({ sessionId: 's1', token: 'tok' });
    await handlers.onConnect();
    expect(useUi.getState().connection).toBe('connected');
    expect(sent).toEqual([{ type: 'joinSession', sessionId: 's1', token: 'tok' }]);
  });

  it('shows why a rejoin failed and forgets the session', async () => {
    const { handlers } = setup({ ok: false, error: { code: 'not_found', message: 'no session "s1"' } });
    saveResume({ sessionId: 's1' });
    await handlers.onConnect();
    expect(useUi.getState().errors.at(-1)?.message).toBe('no session "s1"');
    expect(loadResume()).toBeNull();
  });

  it('reports a refused connection once, however often the retry fails', () => {
    const { handlers } = setup();
    handlers.onConnectError({ message: 'protocol 2 from the client, server speaks 1' });
    handlers.onConnectError({ message: 'protocol 2 from the client, server speaks 1' });
    expect(useUi.getState().errors).toHaveLength(1);
    expect(useUi.getState().connection).toBe('reconnecting');
    handlers.onDisconnect('io client disconnect');
    expect(useUi.getState().connection).toBe('disconnected');
  });
});
