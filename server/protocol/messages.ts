/**
 * The live-session wire protocol, shared by the server and the client: one zod schema
 * per message in each direction, so both ends validate at their edge.
 *
 * Transport (Socket.IO 4.8):
 * - The client connects with `auth: { protocol: PROTOCOL_VERSION }`; a mismatch is
 *   refused at connect time (`connect_error` with a message saying both versions).
 * - Client → server: event `cmd` with one `Command` (commands.ts) and an ack callback;
 *   the ack receives a `Reply` (replies.ts: `{ ok: true, result }` or `{ ok: false, error }`).
 *   A malformed or unauthorised command gets an error reply and changes nothing.
 * - Server → client: `snapshot` (a `Snapshot`: full state, sent on join, on request,
 *   after reset and whenever the client's role changes), `frame` (a `Frame`, 10–20 Hz,
 *   frames.ts) and `notice` (a `Notice`); snapshot.ts holds the snapshot and notices.
 * - Flow control: every `frame` is emitted with an ack callback; the client MUST
 *   call it once it has taken the frame in. The server keeps at most
 *   `MAX_FRAMES_IN_FLIGHT` unacknowledged frames per viewer and skips that viewer
 *   otherwise; when it acknowledges again it gets the newest state as a keyframe.
 *   So a slow viewer sees fewer frames, never old ones.
 *
 * This module only gathers the pieces, so importers need one path.
 */
export * from './wire.ts';
export * from './server-states.ts';
export * from './commands.ts';
export * from './replies.ts';
export * from './frames.ts';
export * from './snapshot.ts';
export * from './live-edit.ts';
export * from './run-request.ts';
export { PlantKpisSchema, type PlantKpis } from './plant-kpis.ts';
