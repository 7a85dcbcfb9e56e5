import { Router } from 'express';
import { hasRole, principalOf } from '../protocol/access.ts';
import type { Reply } from '../protocol/messages.ts';
import type { Debrief, TrainingState } from '../protocol/training-messages.ts';
import type { HistoryStore } from '../store/history-store.ts';
import { loadTrainingScript, trainingScriptIds } from '../training/script-files.ts';
import { roleRefusalText } from '../protocol/accounts.ts';
import type { ModelCatalog } from './model-catalog.ts';
import type { ExerciseDebriefs } from './exercise-debriefs.ts';

/** What the REST routes need of the live exercises (training-service.ts). */
export interface LiveTraining {
  /** The instructor's view of a live exercise, or null when `sessionId` is none. */
  instructorState(sessionId: string): Promise<TrainingState | null>;
  debrief(sessionId: string): Promise<Reply<Debrief> | null>;
}

/**
 * REST: GET /api/training/scripts, /api/training/:id/debrief, /api/training/:id/log.
 * The log names every trainee and holds the reference actions: instructor accounts
 * only. The debrief likewise while the exercise runs; once it has ended (a stored
 * run) the debrief is for everyone.
 */
export function trainingRoutes(deps: { live: LiveTraining; catalog: ModelCatalog; history: HistoryStore | null; debriefs: ExerciseDebriefs }): Router {
  const r = Router();
  r.get('/training/scripts', (_req, res) => {
    res.json(
      trainingScriptIds().map((id) => {
        try {
          const { script } = loadTrainingScript(id, (m, s) => deps.catalog.load(m, s).model);
          return { id, name: script.name, nameRu: script.nameRu ?? null, model: script.model, horizonS: script.horizonS, events: script.events.length, teams: script.teams ?? null };
        } catch (err) {
          return { id, error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
  });
  r.get('/training/:sessionId/debrief', async (req, res) => {
    const instructor = hasRole(principalOf(res.locals), 'instructor');
    const reply = instructor ? await deps.live.debrief(req.params.sessionId) : null;
    if (reply === null) {
      if (!instructor && (await deps.live.instructorState(req.params.sessionId)) !== null) {
        res.status(403).json({ error: 'the debrief opens for everyone when the exercise ends; while it runs only the instructor sees it' });
        return;
      }
      // A finished exercise: its debrief is computed once in a worker and stored with the run (exercise-debriefs.ts).
      if (deps.debriefs.lookup(req.params.sessionId).status === 'missing') {
        res.status(404).json({ error: `no training session or stored training run "${req.params.sessionId}"` });
        return;
      }
      try {
        res.json(await deps.debriefs.compute(req.params.sessionId));
      } catch (err) {
        res.status(500).json({ error: err instanceof Error ? err.message : String(err) });
      }
      return;
    }
    if (reply.ok) res.json(reply.result);
    else res.status(reply.error.code === 'unavailable' ? 503 : 409).json({ error: reply.error.message });
  });
  r.get('/training/:sessionId/log', async (req, res) => {
    // The log names every trainee and holds the reference actions: instructors and admins only (the debrief is for all once ended).
    const principal = principalOf(res.locals);
    if (!hasRole(principal, 'instructor')) {
      const status = principal.user === null ? 401 : 403;
      res.status(status).json({ error: { status, message: roleRefusalText(principal, 'instructor', `GET /api/training/${req.params.sessionId}/log`) } });
      return;
    }
    const state = await deps.live.instructorState(req.params.sessionId);
    if (state !== null) {
      res.json(state);
      return;
    }
    const run = deps.history?.get(req.params.sessionId) ?? null;
    const stored = (run?.result as { training?: unknown } | null | undefined)?.training;
    if (run === null || stored === undefined) res.status(404).json({ error: `no training run "${req.params.sessionId}"` });
    else res.json({ runId: run.id, seed: run.seed, params: run.params, ...stored });
  });
  return r;
}
