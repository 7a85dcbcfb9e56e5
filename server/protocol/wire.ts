import { z } from 'zod';

/**
 * Constants and small schemas every live-session message shares (commands, replies,
 * frames, training): the protocol version, limits, roles, ids and the speed.
 */
// 2: frames and snapshots carry the server's plant KPIs (Frame.pk, Snapshot.plantKpis); the client no longer estimates them.
export const PROTOCOL_VERSION = 2;

export const MAX_FRAMES_IN_FLIGHT = 2;
/** Moving parts sampled into one frame at most (`Frame.mv` holds 3 numbers per move). */
export const MAX_MOVES_PER_FRAME = 64;
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1e5;

export const ROLES = ['owner', 'controller', 'viewer'] as const;
/**
 * owner: created the session and holds its controller token (the instructor): may
 *   command, grant or revoke control, lock, and sees who is connected.
 * controller: granted control by the owner; may command unless the session is locked.
 * viewer: sees everything, commands nothing.
 */
export const RoleSchema = z.enum(ROLES);
export type Role = (typeof ROLES)[number];

export const SessionIdSchema = z.string('must be a string').regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a session id');
export const ModelRefSchema = z.string('must be a string').regex(/^[A-Za-z0-9_.-]{1,80}$/, 'must be a model or scenario id (letters, digits, "_", ".", "-")');
export const SeedSchema = z.int('must be a whole number').gte(0, 'must be >= 0').lte(2 ** 31 - 1);
export const ServerIndexSchema = z.int('must be a whole number').gte(0, 'must be >= 0').max(9999);

/** Simulated seconds per wall second, or "max" (as fast as possible). */
export const SpeedSchema = z.union(
  [z.literal('max'), z.number('must be a number').gte(MIN_SPEED, `must be >= ${MIN_SPEED}`).lte(MAX_SPEED, `must be <= ${MAX_SPEED}`)],
  { error: `must be a number from ${MIN_SPEED} to ${MAX_SPEED} (1 = real time) or "max"` },
);
export type Speed = number | 'max';
