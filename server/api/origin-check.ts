import type { IncomingHttpHeaders } from 'node:http';

/**
 * Cross-site request forgery and cross-site WebSocket hijacking: a browser on another site
 * sends our cookie with its form posts and WebSocket handshakes, but always says where the
 * page came from (Origin, else Referer). A request is accepted when that origin is the page's
 * own (its host equals the Host header, or X-Forwarded-Host behind a proxy: browsers cannot
 * set either on a cross-site request), is in the configured list (CORS_ORIGIN), or is absent
 * (a non-browser client, which has no cookie to abuse). The scheme is not compared: a proxy
 * that terminates TLS serves https pages from an http listener.
 */
export function originRefusal(headers: IncomingHttpHeaders, allowed: readonly string[]): string | null {
  const origin = requestOrigin(headers);
  if (origin === null) return null;
  if (allowed.includes('*') || allowed.includes(origin)) return null;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return refusal(origin);
  }
  const own = [headers.host, first(headers['x-forwarded-host'])].filter((h): h is string => typeof h === 'string' && h !== '').map(normalHost);
  return own.includes(host) ? null : refusal(origin);
}

/** The page's origin as the browser told it; null when the client sent neither Origin nor Referer. */
function requestOrigin(headers: IncomingHttpHeaders): string | null {
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin === 'null' ? 'null' : trimOrigin(origin);
  const referer = headers.referer;
  if (typeof referer === 'string' && referer !== '') return trimOrigin(referer);
  return null;
}

function trimOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function normalHost(host: string): string {
  try {
    return new URL(`http://${host.split(',')[0].trim()}`).host;
  } catch {
    return host;
  }
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const refusal = (origin: string) =>
  `origin "${origin}" is not this server's page; the server accepts writes and live connections only from its own pages and from the origins listed in CORS_ORIGIN`;

/** `CORS_ORIGIN` entries as origins (`http://localhost:5173/` → `http://localhost:5173`). */
export function normalOrigins(list: readonly string[]): string[] {
  return list.map((o) => o.trim()).filter((o) => o !== '').map((o) => (o === '*' ? o : trimOrigin(o)));
}
