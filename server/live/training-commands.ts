import type { Reply } from '../protocol/messages.ts';
import type { ParsedTrainingCommand } from '../protocol/training.ts';
import type { TrainingLogEntry } from '../protocol/training-messages.ts';
import { refusal } from '../protocol/training-refusals.ts';
import { TrainingError } from '../training/effects.ts';
import type { Session } from './session.ts';
import { CommandError } from './live-edits.ts';
import { entryVisible, exerciseDebrief, exerciseSnapshot, refused, rosterNotice, trainingStateFor, type Exercise, type Viewer } from './training-exercise.ts';
import type { TrainingHold } from './training-engine.ts';
import type { TrainingService } from './training-service.ts';

type InSession = Exclude<ParsedTrainingCommand, { type: 'startTraining' | 'replay' | 'joinTraining' }>;

/**
 * The training commands of a member of an exercise, checked against their role
 * (instructor = the session's owner) and the exercise's phase, and the exercise
 * clock's reactions to the engine (a prompt held the plant, the horizon came).
 */
export class TrainingCommands {
  constructor(private readonly service: TrainingService) {}

  async run(ex: Exercise, session: Session, viewer: Viewer, cmd: InSession): Promise<Reply> {
    if (cmd.type === 'trainingState') return { ok: true, result: trainingStateFor(ex, await exerciseSnapshot(session), viewer) };
    if (cmd.type === 'act') return this.act(ex, session, viewer, cmd.act);
    if (viewer.kind !== 'instructor') {
      const what = cmd.type === 'debrief' ? 'debrief: the debrief opens for everyone when the exercise ends' : `${cmd.type}: only the instructor may do this`;
      return refused('forbidden', what, refusal(cmd.type === 'debrief' ? 'notStarted' : 'instructorOnly'));
    }
    switch (cmd.type) {
      case 'debrief':
        return exerciseDebrief(ex, session);
      case 'beginExercise':
        ex.lifecycle.requireNotEnded(cmd.type);
        await this.begin(ex);
        return { ok: true, result: ex.clock.view() };
      case 'endExercise':
        ex.lifecycle.requireNotEnded(cmd.type);
        await this.service.end(ex, 'the instructor ended the exercise');
        return { ok: true, result: { runId: ex.sessionId } };
      case 'setPace':
        ex.lifecycle.requireNotEnded(cmd.type);
        ex.clock.pace = cmd.pace;
        await this.engine(session, { type: 'setSpeed', speed: cmd.pace });
        this.clockChanged(ex);
        return { ok: true, result: ex.clock.view() };
      case 'resume':
        ex.lifecycle.requireRunning(cmd.type);
        if (!ex.clock.release()) throw new TrainingError('conflict', 'resume: no prompt holds the plant');
        await this.play(ex);
        return { ok: true, result: ex.clock.view() };
      case 'grantActions': {
        ex.lifecycle.requireNotEnded(cmd.type);
        const changed = ex.roster.grant({ clientId: cmd.clientId, team: cmd.team }, cmd.grant);
        const ids = new Set(changed.map((t) => t.clientId));
        this.service.notify(ex, (v) => (v.kind === 'trainee' && ids.has(v.trainee.clientId) ? { type: 'you', you: ex.roster.self(v.trainee) } : null));
        this.rosterChanged(ex);
        return { ok: true, result: ex.roster.list() };
      }
      case 'fireEvent':
        return this.instructorOp(ex, session, viewer, { op: 'fire', eventIndex: cmd.index });
      case 'skipEvent':
        return this.instructorOp(ex, session, viewer, { op: 'skip', eventIndex: cmd.index });
      case 'delayEvent':
        return this.instructorOp(ex, session, viewer, { op: 'delay', eventIndex: cmd.index, byS: cmd.byS });
      case 'clearEventBreakdown':
        return this.instructorOp(ex, session, viewer, { op: 'clearBreakdown', nodeId: cmd.nodeId });
    }
  }

  /** lobby → running: the plant plays at the training pace. */
  async begin(ex: Exercise): Promise<void> {
    ex.lifecycle.begin();
    const session = this.session(ex);
    await this.engine(session, { type: 'setSpeed', speed: ex.clock.pace });
    await this.engine(session, { type: 'play' });
    this.service.notify(ex, () => ({ type: 'phase', phase: 'running' }));
    this.service.listChanged(ex);
    this.clockChanged(ex);
  }

  /** The plant goes on (after a prompt was answered or timed out), if the exercise still runs. */
  async play(ex: Exercise): Promise<void> {
    if (ex.lifecycle.phase === 'running') await this.engine(this.session(ex), { type: 'play' });
    this.clockChanged(ex);
  }

  /** The engine paused by itself: at a prompt (the clock waits for the instructor or the timeout) or at the horizon (the end). */
  held(ex: Exercise, hold: TrainingHold): void {
    if (hold.reason === 'horizon') {
      if (ex.replayOf === null) void this.service.end(ex, 'the exercise reached its horizon').catch((err: unknown) => this.service.deps.logger?.error({ err }, 'could not end the exercise'));
      return;
    }
    // In the lobby a prompt fired by hand finds the plant paused already: nothing to wait for.
    if (ex.lifecycle.phase !== 'running' || hold.eventIndex === null) return;
    ex.clock.hold(hold.eventIndex, hold.atS);
    this.clockChanged(ex);
  }

  rosterChanged(ex: Exercise): void {
    const notice = rosterNotice(ex);
    this.service.notify(ex, (v) => (v.kind === 'instructor' ? notice : null));
    this.service.listChanged(ex); // the trainee count in every process's session list
  }

  private clockChanged(ex: Exercise): void {
    const clock = ex.clock.view();
    this.service.notify(ex, () => ({ type: 'clock', clock }));
  }

  private async act(ex: Exercise, session: Session, viewer: Viewer, act: Extract<InSession, { type: 'act' }>['act']): Promise<Reply> {
    ex.lifecycle.requireRunning('act');
    if (viewer.kind === 'observer' || (viewer.kind === 'trainee' && !viewer.trainee.granted)) {
      return refused('forbidden', 'act: the instructor has not granted you trainee actions', refusal('notGranted'));
    }
    const by = viewer.kind === 'trainee' ? viewer.trainee.name : viewer.name;
    const reply = await session.training({ type: 'apply', item: { op: 'action', act }, by, role: viewer.kind, wall: new Date().toISOString() });
    if (viewer.kind === 'trainee') ex.roster.counted(viewer.trainee.clientId, reply.ok);
    if (viewer.kind === 'trainee' && ex.roster.teams !== null) this.rosterChanged(ex);
    if (!reply.ok) return refused(reply.code, reply.message, reply.refusal);
    const entry = reply.result as TrainingLogEntry;
    this.service.notify(ex, (v) => (entryVisible(entry, v) ? { type: 'action', entry } : null));
    return { ok: true, result: entry };
  }

  private async instructorOp(ex: Exercise, session: Session, viewer: Extract<Viewer, { kind: 'instructor' }>, item: TrainingLogEntry['item']): Promise<Reply> {
    ex.lifecycle.requireNotEnded(item.op);
    const reply = await session.training({ type: 'apply', item, by: viewer.name, role: 'instructor', wall: new Date().toISOString() });
    if (!reply.ok) return refused(reply.code, reply.message, reply.refusal);
    const entry = reply.result as TrainingLogEntry;
    this.service.notify(ex, () => ({ type: 'action', entry }));
    const plan = (await exerciseSnapshot(session)).plan;
    this.service.notify(ex, (v) => (v.kind === 'instructor' ? { type: 'plan', plan } : null));
    return { ok: true, result: entry };
  }

  private session(ex: Exercise): Session {
    const session = this.service.deps.manager.get(ex.sessionId);
    if (session === undefined) throw new CommandError('unavailable', 'the exercise\'s session has ended');
    return session;
  }

  private async engine(session: Session, cmd: { type: 'play' } | { type: 'setSpeed'; speed: number }): Promise<void> {
    const reply = await session.control('', cmd);
    if (!reply.ok) throw new CommandError(reply.error.code, reply.error.message);
  }
}
