import type { TrainingPhase } from '../protocol/training-messages.ts';
import { refusal } from '../protocol/training-refusals.ts';
import { TrainingError } from '../training/effects.ts';

/**
 * lobby → running → ended, and what each phase allows. In the lobby the plant is
 * paused at time 0 and trainees join; the instructor starts it; it ends at the
 * script's horizon or on "End exercise", once. Pure, so the rules are tested alone.
 */
export class TrainingLifecycle {
  private current: TrainingPhase = 'lobby';

  get phase(): TrainingPhase {
    return this.current;
  }

  /** lobby → running; refused in any other phase. */
  begin(): void {
    if (this.current === 'running') throw new TrainingError('conflict', 'beginExercise: the exercise is running already');
    this.requireNotEnded('beginExercise');
    this.current = 'running';
  }

  /** → ended; false when it had ended already (the horizon and the button may race). */
  end(): boolean {
    if (this.current === 'ended') return false;
    this.current = 'ended';
    return true;
  }

  /** Trainee actions need a running exercise. */
  requireRunning(what: string): void {
    this.requireNotEnded(what);
    if (this.current === 'lobby') throw new TrainingError('conflict', `${what}: the exercise has not started yet; wait for the instructor to start it`, refusal('notStarted'));
  }

  /** Joining, granting, pacing, firing: anything before the end. */
  requireNotEnded(what: string): void {
    if (this.current === 'ended') throw new TrainingError('conflict', `${what}: the exercise is over; open its debrief`, refusal('exerciseEnded'));
  }
}
