import type { ExerciseClock as ClockView } from '../protocol/training-messages.ts';

/** The wall clock and timers, passed in so tests drive the clock by hand. */
export interface WallTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: WallTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * The exercise clock on the main thread: the training pace the instructor set and the
 * prompt holding the plant. A prompt *pauses* the plant (it does not slow it to real
 * time): the engine stops exactly at the prompt's sim time by itself (training-engine.ts),
 * and this clock resumes it when the instructor says so or when the prompt's timeout has
 * passed, whichever comes first. Wall time decides only when the plant goes on, never
 * what happens at which simulated time, so runs stay deterministic in sim time.
 */
export class ExerciseClock {
  private heldAt: { eventIndex: number; atS: number; resumesAtMs: number } | null = null;
  private timer: unknown = null;

  constructor(
    public pace: number,
    readonly promptTimeoutS: number,
    /** Plays the plant again; called on a timeout (the instructor's resume calls `release` itself). */
    private readonly onTimeout: () => void,
    private readonly timers: WallTimers = REAL_TIMERS,
  ) {}

  get held(): boolean {
    return this.heldAt !== null;
  }

  /** The engine paused at prompt `eventIndex` (sim time `atS`): wait for the instructor or the timeout. */
  hold(eventIndex: number, atS: number): void {
    this.cancelTimer();
    const ms = this.promptTimeoutS * 1000;
    this.heldAt = { eventIndex, atS, resumesAtMs: this.timers.now() + ms };
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.release()) this.onTimeout();
    }, ms);
  }

  /** Ends the hold (resume or timeout); false when nothing was held. */
  release(): boolean {
    this.cancelTimer();
    const was = this.heldAt !== null;
    this.heldAt = null;
    return was;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  view(): ClockView {
    const h = this.heldAt;
    return { pace: this.pace, promptTimeoutS: this.promptTimeoutS, held: h === null ? null : { eventIndex: h.eventIndex, atS: h.atS, resumesAt: new Date(h.resumesAtMs).toISOString() } };
  }

  dispose(): void {
    this.cancelTimer();
    this.heldAt = null;
  }
}
