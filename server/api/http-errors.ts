import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ValidationError } from '../protocol/errors.ts';
import { NotFoundError } from '../live/model-catalog.ts';
import { BusyError } from './batch-runs.ts';
import { QueueFullError } from '../experiments/tracked-runs.ts';

/** An error with the HTTP status it should produce. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems?: string[],
  ) {
    super(message);
  }
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Every failure as `{ error: { status, message, problems? } }` with a fitting status code; the server keeps running. */
export function jsonErrors(logger?: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const { status, message, problems } = classify(err as Error);
    if (status >= 500) logger?.error({ err, url: req.originalUrl }, 'request failed');
    res.status(status).json({ error: { status, message, ...(problems ? { problems } : {}) } });
  };
}

function classify(err: BodyParserError): { status: number; message: string; problems?: string[] } {
  if (err instanceof HttpError) return { status: err.status, message: err.message, problems: err.problems };
  if (err instanceof ValidationError) return { status: 400, message: `invalid ${err.what}`, problems: err.problems };
  if (err instanceof NotFoundError) return { status: 404, message: err.message };
  if (err instanceof BusyError || err instanceof QueueFullError) return { status: 503, message: err.message };
  if (err instanceof RangeError) return { status: 400, message: err.message };
  if (err.type === 'entity.parse.failed') return { status: 400, message: `body: not valid JSON (${err.message})` };
  if (err.type === 'entity.too.large') return { status: 413, message: `body: larger than the limit of ${err.limit} bytes` };
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return { status: err.status, message: err.message };
  return { status: 500, message: 'internal error' };
}

export const notFoundApi: RequestHandler = (req, res) => {
  res.status(404).json({ error: { status: 404, message: `no such endpoint: ${req.method} ${req.path}` } });
};
