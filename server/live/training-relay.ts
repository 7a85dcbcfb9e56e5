import type { Socket } from 'socket.io';
import type { Reply } from '../protocol/messages.ts';
import type { ParsedTrainingCommand } from '../protocol/training.ts';
import { refusal } from '../protocol/training-refusals.ts';
import { ValidationError } from '../protocol/errors.ts';
import { TrainingError } from '../training/effects.ts';
import { CommandError } from './live-edits.ts';
import { NotFoundError } from './model-catalog.ts';
import { RemoteSession } from './remote-session.ts';
import type { SessionManager } from './session-manager.ts';
import { error } from './session-roles.ts';
import { refused } from './training-exercise.ts';
import type { EnterSession } from './training-service.ts';

/** Runs a training command, turning what it throws into the reply (a refusal's key lets the client say it in the sender's language). */
export async function trainingReply(run: () => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof TrainingError) return refused(err.code, err.message, err.refusal);
    if (err instanceof ValidationError) return error('invalid', err.message, err.problems);
    if (err instanceof NotFoundError) return error('not_found', err.message);
    if (err instanceof CommandError) return error(err.code, err.message);
    throw err;
  }
}

export function unknownCode(code: string): Reply {
  return refused('not_found', `code: no exercise with code "${code}" is open; check the code with your instructor`, refusal('unknownCode', { code }));
}

/**
 * A trainee connected here joins, by its code, an exercise that runs in another process
 * of the service (REDIS_URL): the code is looked up in the session registry, this
 * process relays the session (as for any viewer), and the exercise's process puts the
 * trainee on its roster (refusing a taken name or a wrong team, as for its own clients)
 * before the trainee is seated here.
 */
export async function joinElsewhere(manager: SessionManager, client: { socket: Socket; clientId: string; enter: EnterSession }, cmd: Extract<ParsedTrainingCommand, { type: 'joinTraining' }>): Promise<Reply> {
  const sessionId = (await manager.directory?.findTraining(cmd.code)) ?? null;
  if (sessionId === null) return unknownCode(cmd.code);
  const found = await manager.find(sessionId, undefined);
  if (!('session' in found)) return found.error.code === 'not_found' ? unknownCode(cmd.code) : found;
  const relay = found.session;
  if (!(relay instanceof RemoteSession)) return unknownCode(cmd.code); // the registry named another process: never a session here
  const admitted = await relay.train(client.clientId, client.socket.id, cmd);
  if (!admitted.ok) {
    if (relay.members.size === 0) relay.end('nobody here watches it'); // opened for this join alone: stop relaying
    return admitted;
  }
  if (client.socket.disconnected) {
    relay.trainLeft(client.clientId); // gone while joining: off the roster again
    return error('unavailable', 'the client left while joining');
  }
  return { ok: true, result: client.enter(relay, cmd.name) };
}
