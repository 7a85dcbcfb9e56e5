import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../client/src/net/handlers.ts';
import { CAP_RETRY_MS, RETRY_SPREAD_MS } from '../../client/src/net/connect-refusal.ts';
import { createLiveData } from '../../client/src/state/live-frame.ts';
import { useUi } from '../../client/src/state/ui-store.ts';

/**
 * A handshake refused by the server's per-address budgets: socket.io-client gives up on
 * such a refusal, so the handler says why in the page's language and returns when to try
 * again (the server's retry time, or every CAP_RETRY_MS at the cap, plus a random spread).
 */
const handlers = () => createHandlers({ ui: useUi.getState, live: createLiveData(), send: async () => ({ ok: true, result: {} }), nowMs: () => 0 });
const tooFast = { message: 'too many new connections from 10.1.1.1: at most 2 per second per address, plus 100 more once a minute; try again in 1 s', data: { code: 'too_many_new_connections', retryAfterMs: 800 } };
const atCap = { message: 'too many connections from 10.1.1.1: at most 100 open connections per address; close some tabs or clients and try again', data: { code: 'too_many_connections', limit: 100 } };

beforeEach(() => useUi.setState({ errors: [], connection: 'connecting', locale: 'en' }));

describe('a refused handshake', () => {
  it('too many new connections: says so once, and retries after the server’s time plus a spread', () => {
    const h = handlers();
    expect(h.onConnectError(tooFast, () => 0)).toBe(800);
    expect(h.onConnectError(tooFast, () => 0.5)).toBe(800 + 0.5 * RETRY_SPREAD_MS);
    const errors = useUi.getState().errors;
    expect(errors.map((e) => e.message)).toEqual(['Too many new connections from your address in a short time; the page connects again by itself in a few seconds.']);
    expect(useUi.getState().connection).toBe('reconnecting');
  });

  it('in Russian for a Russian page', () => {
    useUi.setState({ locale: 'ru' });
    handlers().onConnectError(tooFast, () => 0);
    expect(useUi.getState().errors.at(-1)?.message).toMatch(/^С вашего адреса открывают слишком много новых подключений/);
  });

  it('at the cap of open connections: names the cap and retries every CAP_RETRY_MS', () => {
    expect(handlers().onConnectError(atCap, () => 0)).toBe(CAP_RETRY_MS);
    expect(useUi.getState().errors.at(-1)?.message).toBe(`Too many open connections from your address (at most 100): close some tabs; the page tries again every ${CAP_RETRY_MS / 1000} s.`);
  });

  it('any other failure keeps the server’s words and leaves retrying to socket.io', () => {
    const h = handlers();
    expect(h.onConnectError({ message: 'websocket error' })).toBeNull();
    expect(h.onConnectError({ message: 'odd', data: { code: 'something_else' } })).toBeNull();
    expect(useUi.getState().errors.map((e) => e.message)).toEqual(['websocket error', 'odd']);
  });
});
