import { FailureSchema, type Failure } from '../../../server/protocol/failures.ts';

/**
 * An HTTP failure with the server's own explanation (English), and its failure code when the
 * server gave one, so the UI can say it in the reader's language (i18n/failure-text.ts).
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problems?: string[],
    readonly failure?: Failure,
  ) {
    super(message);
  }
}

/** The body's `code` and `params` as a failure, when they are one this client knows (else the message is shown). */
function failureIn(body: { code?: unknown; params?: unknown }): Failure | undefined {
  const parsed = FailureSchema.safeParse({ code: body.code, params: body.params ?? {} });
  return parsed.success ? parsed.data : undefined;
}

/** Pulls a readable message out of whatever error body the server sent (JSON or text). */
export function errorFromBody(status: number, body: string): ApiError {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; problems?: unknown };
    const err = parsed.error;
    if (typeof err === 'object' && err !== null) {
      const e = err as { message?: unknown; problems?: unknown; code?: unknown; params?: unknown };
      return new ApiError(String(e.message ?? `HTTP ${status}`), status, Array.isArray(e.problems) ? e.problems.map(String) : undefined, failureIn(e));
    }
    const message = typeof err === 'string' ? err : typeof parsed.message === 'string' ? parsed.message : `HTTP ${status}`;
    return new ApiError(message, status, Array.isArray(parsed.problems) ? parsed.problems.map(String) : undefined);
  } catch {
    return new ApiError(body.trim().slice(0, 300) || `HTTP ${status}`, status);
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(`${method} ${url}: ${(err as Error).message}`, 0);
  }
  const text = await res.text();
  if (!res.ok) throw errorFromBody(res.status, text);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(`${method} ${url}: the server sent something that is not JSON`, res.status);
  }
}

export const getJson = <T>(url: string) => request<T>('GET', url);
export const postJson = <T>(url: string, body: unknown) => request<T>('POST', url, body);
export const deleteJson = <T>(url: string) => request<T>('DELETE', url);
