import type { Speed } from '../../../server/protocol/messages.ts';
import { CreateResultSchema } from '../../../server/protocol/messages.ts';
import type { TrainingCommand } from '../../../server/protocol/training.ts';
import { send } from '../net/connection.ts';
import { saveResume } from '../net/resume.ts';
import { useUi } from '../state/ui-store.ts';
import { train } from './training-store.ts';

/** Speeds offered for a replay: real time up to 600×, and as fast as the machine goes. */
export const REPLAY_SPEEDS: readonly Speed[] = [1, 2, 5, 10, 30, 60, 120, 300, 600, 'max'];

/**
 * Starts a training session (a script, or the replay of a finished exercise) and joins it
 * as its controller, so the live controls (speed, pause) are this client's.
 */
export async function startAndJoin(cmd: Extract<TrainingCommand, { type: 'startTraining' | 'replay' }>): Promise<boolean> {
  const started = await train(cmd, false, CreateResultSchema.pick({ sessionId: true, controllerToken: true }));
  if (!started) return false;
  const joined = await send({ type: 'joinSession', sessionId: started.sessionId, token: started.controllerToken, user: 'instructor' });
  if (!joined.ok) {
    useUi.getState().pushError(joined.error.message);
    return false;
  }
  saveResume({ sessionId: started.sessionId, token: started.controllerToken });
  return true;
}

/** Replays a finished exercise from its stored log at `speed` and shows the live plant. */
export async function replayExercise(runId: string, speed: Speed): Promise<void> {
  if (await startAndJoin({ type: 'replay', runId, speed })) useUi.getState().setPage('live');
}
