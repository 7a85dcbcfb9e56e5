import { z } from 'zod';

/**
 * Why the server refused a live connection at its handshake: `data` of the Socket.IO
 * connect_error (the English `message` says it for people and scripts). A refusal in a
 * namespace middleware is final for socket.io-client (it does not retry by itself), so
 * the refusals that pass with time say when: the page connects again after `retryAfterMs`.
 */
export const CONNECT_REFUSAL_CODES = [
  /** The address holds its cap of open connections (MAX_CONNECTIONS_PER_ADDRESS); `limit`. */
  'too_many_connections',
  /** The address opened new connections faster than its budget; `retryAfterMs`. */
  'too_many_new_connections',
] as const;

export const ConnectRefusalSchema = z.object({
  code: z.enum(CONNECT_REFUSAL_CODES),
  limit: z.number().optional(),
  /** When the address may connect again (ms from the refusal). */
  retryAfterMs: z.number().nonnegative().optional(),
});
export type ConnectRefusal = z.output<typeof ConnectRefusalSchema>;
