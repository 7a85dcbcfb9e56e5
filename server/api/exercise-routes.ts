import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../protocol/errors.ts';
import type { DebriefPending, ExerciseDebrief } from '../protocol/training-exercises.ts';
import type { HistoryStore } from '../store/history-store.ts';
import type { ExerciseDebriefs } from '../live/exercise-debriefs.ts';
import { exerciseSummary, finishedExercises } from '../live/exercise-list.ts';
import { HttpError } from './http-errors.ts';

const ListQuerySchema = z.object({
  limit: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be >= 1').max(200, 'must be <= 200').default(50),
});

/**
 * Finished training exercises: `GET /training/exercises` (newest first; only ended
 * exercises, each replayable at once) and `GET /training/exercises/:runId/debrief`:
 * 200 with the stored debrief, 202 with its status while it is computed (the first
 * request starts it), 500 when it failed, 404 when there is no such finished exercise.
 */
export function exerciseRoutes(history: HistoryStore, debriefs: ExerciseDebriefs): Router {
  const router = Router();

  router.get('/training/exercises', (req, res) => {
    const { limit } = parseOrThrow(ListQuerySchema, req.query, 'query');
    res.json(finishedExercises(history, limit).map((e) => exerciseSummary(e, debriefs.statusOf(e))));
  });

  router.get('/training/exercises/:runId/debrief', (req, res) => {
    const runId = req.params.runId;
    const found = debriefs.lookup(runId);
    switch (found.status) {
      case 'missing':
        throw new HttpError(404, `runId: no finished training exercise "${runId}"`);
      case 'failed':
        throw new HttpError(500, `the debrief of exercise "${runId}" failed: ${found.error}`);
      case 'ready': {
        const body: ExerciseDebrief = { runId, status: 'ready', exercise: exerciseSummary(found.exercise, 'ready'), debrief: found.debrief };
        res.json(body);
        return;
      }
      default: {
        const body: DebriefPending = { runId, status: found.status };
        res.status(202).location(req.originalUrl).json(body);
      }
    }
  });

  return router;
}
