import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ValidationError } from '../protocol/errors.ts';
import { NotFoundError } from '../live/model-catalog.ts';
import { BusyError } from './batch-runs.ts';
import { StorageError } from '../store/storage-errors.ts';
import { QueueFullError } from '../experiments/tracked-runs.ts';
import { failureOf } from '../experiments/failure-of.ts';
import { failure, type Failure } from '../protocol/failures.ts';

/** An error with the HTTP status it should produce. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems?: string[],
    /** The failure's code, for a page to say it in its reader's language (server/protocol/failures.ts). */
    readonly failure?: Failure,
  ) {
    super(message);
  }
}

/** 404 for an id that names no `kind` ("no experiment \"x\""), with the not-found code a page can word in its own language. */
export function notFound(kind: 'run' | 'experiment' | 'optimisation', id: string): HttpError {
  return new HttpError(404, `no ${kind} "${id}"`, undefined, failure('not-found', { kind, id }));
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Every failure as `{ error: { status, message, problems?, code?, params? } }` with a fitting status
 * code; `code` and `params` (server/protocol/failures.ts) when the failure has one. The server keeps running.
 */
export function jsonErrors(logger?: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const { status, message, problems, failure: coded } = classify(err as Error);
    if (status >= 500) logger?.error({ err, url: req.originalUrl }, 'request failed');
    res.status(status).json({ error: { status, message, ...(problems ? { problems } : {}), ...(coded ? { code: coded.code, params: coded.params } : {}) } });
  };
}

function classify(err: BodyParserError): { status: number; message: string; problems?: string[]; failure?: Failure } {
  const plain = classifyPlain(err);
  const coded = plain.failure ?? failureOf(err);
  return coded ? { ...plain, failure: coded } : plain;
}

function classifyPlain(err: BodyParserError): { status: number; message: string; problems?: string[]; failure?: Failure } {
  if (err instanceof HttpError) return { status: err.status, message: err.message, problems: err.problems, failure: err.failure };
  if (err instanceof ValidationError) return { status: 400, message: `invalid ${err.what}`, problems: err.problems };
  if (err instanceof NotFoundError) return { status: 404, message: err.message };
  if (err instanceof BusyError || err instanceof QueueFullError) return { status: 503, message: err.message };
  // 507 Insufficient Storage when the disk is full; 503 when the data folder is read-only or unusable.
  if (err instanceof StorageError) return { status: err.problem === 'full' ? 507 : 503, message: err.message, failure: failure('storage', { problem: err.problem === 'full' ? 'full' : 'unusable' }) };
  if (err instanceof RangeError) return { status: 400, message: err.message };
  if (err.type === 'entity.parse.failed') return { status: 400, message: `body: not valid JSON (${err.message})` };
  if (err.type === 'entity.too.large') return { status: 413, message: `body: larger than the limit of ${err.limit} bytes`, failure: failure('too-large', { limit: err.limit ?? 0 }) };
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return { status: err.status, message: err.message };
  return { status: 500, message: 'internal error' };
}

export const notFoundApi: RequestHandler = (req, res) => {
  res.status(404).json({ error: { status: 404, message: `no such endpoint: ${req.method} ${req.path}` } });
};
