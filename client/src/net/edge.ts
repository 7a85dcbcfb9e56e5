import { ReplySchema, type Reply } from '../../../server/protocol/messages.ts';

/** Any protocol schema (zod), seen from the client's edge. */
export interface Schema<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false };
}

/** The message parsed with its protocol schema, or null when it does not match. */
export function parsed<T>(schema: Schema<T>, message: unknown): T | null {
  const r = schema.safeParse(message);
  return r.success ? r.data : null;
}

/**
 * An acknowledgement as a Reply: checked with ReplySchema, and its result with `result`
 * when the caller reads it. A malformed ack becomes an error reply, never a crash later.
 */
export function replyOf<R>(ack: unknown, what: string, result?: Schema<R>): Reply<R> {
  const malformed: Reply<R> = { ok: false, error: { code: 'internal', message: `The server sent a malformed reply to "${what}"` } };
  const reply = parsed(ReplySchema, ack);
  if (reply === null) return malformed;
  if (!reply.ok) return reply;
  if (result === undefined) return reply as Reply<R>;
  const value = parsed(result, reply.result);
  return value === null ? malformed : { ok: true, result: value };
}
