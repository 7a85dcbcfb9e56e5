import { ModelCatalog } from '../../server/live/model-catalog.ts';
import type { TrainingLogEntry } from '../../server/protocol/training-messages.ts';
import type { HistoryStore } from '../../server/store/history-store.ts';
import { runHeadless } from '../../server/training/debrief.ts';
import { loadTrainingScript } from '../../server/training/script-files.ts';

const catalog = new ModelCatalog();

/** A script and its model as the server loads them. */
export function script(id: string) {
  return loadTrainingScript(id, (m, s) => catalog.load(m, s).model);
}

/**
 * The log a live exercise would have stored had `user` applied the script's reference
 * actions at their times: produced by the same TrainingRun the live engine uses, so each
 * entry carries the event count (`ev`) it was applied at and replays exactly.
 */
export function referenceLog(id: string, untilS: number, user = 'alice'): TrainingLogEntry[] {
  const { script: s, model } = script(id);
  const ops = s.reference.map((r, i): TrainingLogEntry => ({ seq: i, at: r.at, ev: 0, wall: '', by: user, role: 'viewer', item: { op: 'action', act: r.act } }));
  // In the by-time run each op is a simulation event of its own, counted in `ev`; a live
  // exercise applies ops between events, so its count lacks those op events (every op applies here).
  return runHeadless(model, s, s.seed, { mode: 'byTime', log: ops, untilS }).run.log.map((e, i) => ({ ...e, ev: e.ev - (i + 1), wall: '2026-12-06T20:00:00.000Z' }));
}

/** Writes a finished exercise into the history as the session manager records an ended training session. */
export function storeExercise(history: HistoryStore, opts: { id: string; scriptId: string; seed: number; simTimeS: number; log: TrainingLogEntry[]; trainees?: [string, string | null][]; replayOf?: string | null; status?: 'finished' | 'stopped' }): void {
  history.started({ id: opts.id, kind: 'session', model: 'demo-line', scenario: null, seed: opts.seed, params: { name: `Training: ${opts.scriptId}` } });
  history.ended(opts.id, {
    status: opts.status ?? 'finished',
    params: { name: `Training: ${opts.scriptId}`, training: { scriptId: opts.scriptId, replayOf: opts.replayOf ?? null, ...(opts.trainees ? { trainees: opts.trainees } : {}) } },
    result: { simTimeS: opts.simTimeS, training: { log: opts.log } },
  });
}
