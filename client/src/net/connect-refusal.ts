import { ConnectRefusalSchema, type ConnectRefusal } from '../../../server/protocol/connect-refusal.ts';
import type { Locale } from '../i18n/format.ts';

/**
 * A live connection the server refused at its handshake (server/protocol/connect-refusal.ts).
 * socket.io-client does not retry a refusal from a server middleware by itself, so the page
 * would sit at "reconnecting…" for ever: it tries again itself, when the refusal says, and
 * tells the user why in the page's language.
 */

/** At the cap of open connections the page tries again this often (another tab may have closed by then). */
export const CAP_RETRY_MS = 10_000;
/**
 * Each retry waits up to this much longer, drawn at random: a classroom refused together
 * (one NAT address) then comes back spread over two seconds, not in one burst again.
 */
export const RETRY_SPREAD_MS = 2_000;

/** The refusal in a connect_error, when the server sent one the page knows; null for anything else (network, protocol). */
export function connectRefusal(err: { data?: unknown }): ConnectRefusal | null {
  const parsed = ConnectRefusalSchema.safeParse(err.data);
  return parsed.success ? parsed.data : null;
}

/** How long to wait before connecting again; `random` in [0, 1) spreads the retries. */
export function retryDelayMs(refusal: ConnectRefusal, random: () => number): number {
  const base = refusal.code === 'too_many_new_connections' ? (refusal.retryAfterMs ?? 1000) : CAP_RETRY_MS;
  return Math.round(base + random() * RETRY_SPREAD_MS);
}

/** What the page says about a refusal (no countdown: the same words on every retry are shown once). */
export function refusalText(refusal: ConnectRefusal, locale: Locale): string {
  const cap = refusal.limit === undefined ? '' : locale === 'ru' ? ` (не больше ${refusal.limit})` : ` (at most ${refusal.limit})`;
  if (refusal.code === 'too_many_new_connections') {
    return locale === 'ru'
      ? 'С вашего адреса открывают слишком много новых подключений подряд; страница подключится сама через несколько секунд.'
      : 'Too many new connections from your address in a short time; the page connects again by itself in a few seconds.';
  }
  return locale === 'ru'
    ? `С вашего адреса открыто слишком много подключений${cap}: закройте лишние вкладки; страница пробует подключиться каждые ${CAP_RETRY_MS / 1000} с.`
    : `Too many open connections from your address${cap}: close some tabs; the page tries again every ${CAP_RETRY_MS / 1000} s.`;
}
