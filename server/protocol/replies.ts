import { z } from 'zod';
import { RoleSchema, SpeedSchema } from './wire.ts';
import { RefusalSchema } from './training-refusals.ts';

/** Acknowledgements: every command's ack callback receives one `Reply`. */

export const ERROR_CODES = ['invalid', 'forbidden', 'not_found', 'not_in_session', 'conflict', 'unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorReplySchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.enum(ERROR_CODES),
    /** One line for people, e.g. `setParam.value.mean: must be > 0`. */
    message: z.string(),
    /** One line per bad field when code = invalid. */
    problems: z.array(z.string()).optional(),
    /** A refusal the client can say in the user's language (training-refusals.ts). */
    refusal: RefusalSchema.optional(),
  }),
});
export type ErrorReply = z.output<typeof ErrorReplySchema>;

/** A reply whose result has the given shape (`z.unknown()` when the caller does not look inside). */
export const replySchema = <R extends z.ZodType>(result: R) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), result }), ErrorReplySchema]);
export const ReplySchema = replySchema(z.unknown());

export interface OkReply<R = unknown> {
  ok: true;
  result: R;
}
export type Reply<R = unknown> = OkReply<R> | ErrorReply;

export const JoinResultSchema = z.object({ sessionId: z.string(), clientId: z.string(), role: RoleSchema });
export type JoinResult = z.output<typeof JoinResultSchema>;
/** createSession's result; keep the token to rejoin as owner. */
export const CreateResultSchema = JoinResultSchema.extend({ controllerToken: z.string() });
export type CreateResult = z.output<typeof CreateResultSchema>;
/** play, pause, step, setSpeed, reset, setParam, breakdowns: the state right after the command. */
export const ControlResultSchema = z.object({ simTimeS: z.number(), running: z.boolean(), speed: SpeedSchema, eventsFired: z.number() });
export type ControlResult = z.output<typeof ControlResultSchema>;
