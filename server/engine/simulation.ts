import { EventCalendar, SimEvent, type EventAction } from './calendar.ts';

/**
 * The simulation clock and its run loop. Time is a plain number of seconds.
 * Wall-clock pacing, sockets and files live outside: callers advance the clock
 * with `runUntil` / `step` in whatever slices suit them.
 */
export class Simulation {
  readonly calendar = new EventCalendar();
  private clock = 0;
  private fired = 0;

  get now(): number {
    return this.clock;
  }

  /** Number of events fired since construction. */
  get eventsFired(): number {
    return this.fired;
  }

  /** Creates a reusable event bound to an action (not yet scheduled). */
  event(action: EventAction, label = ''): SimEvent {
    return new SimEvent(action, label);
  }

  /** Schedules (or moves) `event` to fire `delay` seconds from now. */
  scheduleIn(event: SimEvent, delay: number): void {
    // The refusal is a call, not inline: this is inlined into every block's per-part path (calendar.ts).
    if (!(delay >= 0)) refuseDelay(event, delay);
    this.calendar.schedule(event, this.clock + delay);
  }

  /** Schedules (or moves) `event` to fire at absolute time `time` (not in the past). */
  scheduleAt(event: SimEvent, time: number): void {
    if (!(time >= this.clock)) throw new RangeError(`${event.label || 'event'}: time ${time} is before now (${this.clock})`);
    this.calendar.schedule(event, time);
  }

  cancel(event: SimEvent): boolean {
    return this.calendar.cancel(event);
  }

  /** Time of the next pending event (Infinity if none). */
  nextEventTime(): number {
    return this.calendar.peekTime();
  }

  /** Fires the single next event; returns false when there is none. */
  step(): boolean {
    const event = this.calendar.pop();
    if (event === undefined) return false;
    this.clock = event.time;
    this.fired++;
    event.action();
    return true;
  }

  /**
   * Fires every event due at or before `until`, then sets the clock to `until`.
   * `maxEvents` bounds the work done in one call (for pacing in slices); when it
   * cuts the call short the clock stays at the last fired event. Returns the number
   * of events fired.
   */
  runUntil(until: number, maxEvents = Number.POSITIVE_INFINITY): number {
    const calendar = this.calendar;
    let count = 0;
    while (count < maxEvents) {
      const event = calendar.popUntil(until);
      if (event === undefined) break;
      this.clock = event.time;
      count++;
      this.fired++;
      event.action();
    }
    if (calendar.peekTime() > until && until > this.clock && Number.isFinite(until)) this.clock = until;
    return count;
  }
}

function refuseDelay(event: SimEvent, delay: number): never {
  throw new RangeError(`${event.label || 'event'}: delay must be >= 0, got ${delay}`);
}
