import { join } from 'node:path';
import { SCENARIOS_DIR, readJsonFile } from '../files/model-files.ts';
import type { DebriefStatus, ExerciseSummary } from '../protocol/training-exercises.ts';
import type { HistoryStore, RunRecord } from '../store/history-store.ts';
import { storedTraining, type StoredTraining } from './stored-training.ts';

/** How a run ended that makes it a finished exercise (running and interrupted runs have no complete log). */
const ENDED = new Set(['finished', 'stopped']);

/** A finished exercise read back from the history: the run and its training part. */
export interface FinishedExercise {
  run: RunRecord;
  stored: StoredTraining;
}

/**
 * The finished exercise `runId`, or null when the history has no such run, or it is
 * not a training run, still running, cut off, or a replay of another run.
 */
export function finishedExercise(history: HistoryStore | null, runId: string): FinishedExercise | null {
  const run = history?.get(runId) ?? null;
  if (run === null || !ENDED.has(run.status)) return null;
  const stored = storedTraining(run);
  if (stored === null || stored.replayOf !== null) return null;
  return { run, stored };
}

/** Finished exercises, newest first (replays of exercises are not exercises of their own). */
export function finishedExercises(history: HistoryStore | null, limit: number): FinishedExercise[] {
  if (history === null) return [];
  const out: FinishedExercise[] = [];
  // Read a little more than asked: running runs and replays are skipped after reading.
  for (const summary of history.list({ kind: 'session', withParam: 'training', limit: limit * 2 })) {
    if (out.length >= limit) break;
    try {
      const found = finishedExercise(history, summary.id);
      if (found !== null) out.push(found);
    } catch {
      // A malformed stored run (another version, edited by hand) is left out of the list; its own URL says why.
    }
  }
  return out;
}

const titles = new Map<string, { name: string; nameRu: string | null } | null>();

/** The script's title from its file (names only: no model is loaded); null if the file is gone or unreadable. */
function scriptTitle(scriptId: string, dir: string): { name: string; nameRu: string | null } | null {
  const key = `${dir}/${scriptId}`;
  if (!titles.has(key)) {
    try {
      const raw = readJsonFile(join(dir, `${scriptId}.training.json`)) as { name?: unknown; nameRu?: unknown };
      titles.set(key, typeof raw.name === 'string' ? { name: raw.name, nameRu: typeof raw.nameRu === 'string' ? raw.nameRu : null } : null);
    } catch {
      titles.set(key, null);
    }
  }
  return titles.get(key) ?? null;
}

/** The list row of an exercise: title, instructor, times, trainees, state, where its debrief is. */
export function exerciseSummary({ run, stored }: FinishedExercise, debrief: DebriefStatus, dir = SCENARIOS_DIR): ExerciseSummary {
  const training = (run.params as { training?: { title?: unknown; titleRu?: unknown; instructor?: unknown } }).training ?? {};
  const fromFile = scriptTitle(stored.scriptId, dir);
  const title = typeof training.title === 'string' ? training.title : (fromFile?.name ?? String(run.params.name ?? stored.scriptId));
  const titleRu = typeof training.titleRu === 'string' ? training.titleRu : (fromFile?.nameRu ?? null);
  // The instructor as the lifecycle recorded them, else whoever carried out the instructor's ops.
  const instructor = typeof training.instructor === 'string' ? training.instructor : (stored.log.find((e) => e.role === 'owner')?.by ?? null);
  return {
    id: run.id,
    scriptId: stored.scriptId,
    title,
    titleRu,
    instructor,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    simTimeS: stored.simTimeS,
    state: run.status,
    trainees: [...stored.teams].map(([user, team]) => ({ user, team })),
    actions: stored.log.filter((e) => e.item.op === 'action' && e.role !== 'owner').length,
    debrief,
  };
}
