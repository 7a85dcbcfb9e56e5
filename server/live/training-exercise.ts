import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, type TrainingScript } from '../protocol/training.ts';
import type { Debrief, TrainingLogEntry, TrainingNotice, TrainingSelf, TrainingState } from '../protocol/training-messages.ts';
import type { Session } from './session.ts';
import { CommandError } from './live-edits.ts';
import type { ExerciseClock } from './exercise-clock.ts';
import type { TrainingLifecycle } from './training-lifecycle.ts';
import type { Trainee, TrainingRoster } from './training-roster.ts';
import type { TrainingSnapshot } from './training-engine.ts';
import type { Reply } from '../protocol/messages.ts';
import type { Refusal } from '../protocol/training-refusals.ts';
import { error } from './session-roles.ts';

/** One training session on the main thread: its script, people, clock and phase. */
export interface Exercise {
  sessionId: string;
  scriptId: string;
  script: TrainingScript;
  replayOf: string | null;
  title: string;
  /** The title in Russian (the script's `nameRu`), or null. */
  titleRu: string | null;
  /** What trainees type to join (not the controller token). */
  code: string;
  instructor: string;
  lifecycle: TrainingLifecycle;
  clock: ExerciseClock;
  roster: TrainingRoster;
}

/** Who receives a message: the instructor (session owner), a trainee, or someone only watching. */
export type Viewer = { kind: 'instructor'; clientId: string; name: string } | { kind: 'trainee'; trainee: Trainee } | { kind: 'observer'; clientId: string };

const JOIN_CODE_LENGTH = 6;

/** A fresh join code no live exercise uses (31⁶ ≈ 9·10⁸ codes, drawn with the crypto RNG so codes cannot be guessed from one another). */
export function newJoinCode(taken: (code: string) => boolean): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
    if (!taken(code)) return code;
  }
}

/** "Script name — instructor, 2026-12-06 21:40 UTC": what the session list shows. */
export function exerciseTitle(scriptName: string, instructor: string, startedAt: Date): string {
  return `${scriptName} — ${instructor}, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The script as a trainee sees it during the exercise: no reference actions and no
 * events to come (they learn of each event when it fires, from `fired`).
 */
function scriptForTrainees(script: TrainingScript): TrainingScript {
  return { ...script, events: [], reference: [] };
}

function selfOf(ex: Exercise, viewer: Viewer): TrainingSelf | null {
  switch (viewer.kind) {
    case 'instructor':
      return { clientId: viewer.clientId, name: viewer.name, role: 'instructor', team: null, granted: true };
    case 'trainee':
      return ex.roster.self(viewer.trainee);
    case 'observer':
      return null;
  }
}

/** Whether `viewer` may see log entry `e`: everyone sees the instructor's ops, a trainee only their own actions. */
export function entryVisible(e: TrainingLogEntry, viewer: Viewer): boolean {
  if (viewer.kind === 'instructor' || e.item.op !== 'action') return true;
  return viewer.kind === 'trainee' && e.role === 'trainee' && e.by === viewer.trainee.name;
}

/**
 * The training state for one receiver. Training secrets: the reference actions, the
 * events to come, the join code and the other trainees' names go to the instructor
 * only; a trainee gets their own entry and own actions.
 */
export function trainingStateFor(ex: Exercise, snap: TrainingSnapshot, viewer: Viewer): TrainingState {
  const base = {
    sessionId: ex.sessionId,
    title: ex.title,
    titleRu: ex.titleRu,
    scriptId: ex.scriptId,
    replayOf: ex.replayOf,
    phase: ex.lifecycle.phase,
    clock: ex.clock.view(),
    fired: snap.fired,
    you: selfOf(ex, viewer),
  };
  if (viewer.kind === 'instructor') {
    return { ...base, script: ex.script, trainees: ex.roster.list(), log: snap.log, code: ex.code, plan: snap.plan, teams: ex.roster.teamKpis() };
  }
  return {
    ...base,
    script: scriptForTrainees(ex.script),
    trainees: viewer.kind === 'trainee' ? [ex.roster.info(viewer.trainee)] : [],
    log: snap.log.filter((e) => entryVisible(e, viewer)),
  };
}

/** The roster notice the instructor gets on every join, leave and grant. */
export function rosterNotice(ex: Exercise): TrainingNotice {
  return { type: 'roster', trainees: ex.roster.list(), teams: ex.roster.teamKpis() };
}

/** The engine's log, fired events and event plan of a live exercise. */
export async function exerciseSnapshot(session: Session): Promise<TrainingSnapshot> {
  const reply = await session.training({ type: 'state' });
  if (!reply.ok) throw new CommandError(reply.code, reply.message);
  return reply.result as TrainingSnapshot;
}

/** The debrief of a live exercise so far (the instructor's), computed by its engine. */
export async function exerciseDebrief(ex: Exercise, session: Session): Promise<Reply<Debrief>> {
  const reply = await session.training({ type: 'debrief', teams: ex.roster.teamsByName() });
  if (!reply.ok) return error(reply.code, reply.message);
  return { ok: true, result: reply.result as Debrief };
}

/** An error reply carrying the refusal the client says in the user's language. */
export function refused(code: Parameters<typeof error>[0], message: string, why?: Refusal): Reply {
  const reply = error(code, message);
  if (why !== undefined) reply.error.refusal = why;
  return reply;
}
