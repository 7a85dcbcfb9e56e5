/**
 * The future-event list: a binary min-heap ordered by (time, sequence number).
 *
 * Hand-written on purpose: general-purpose heap/priority-queue packages either
 * lack O(log n) cancel/reschedule of an arbitrary entry or allocate a wrapper per
 * insertion. Here every event is a long-lived object that remembers its own heap
 * slot, so blocks reuse one event per activity (a server's cycle end, a source's
 * next arrival) and a year of plant time allocates nothing per event.
 *
 * The heap is an array of the events themselves, each holding its key (time, sequence).
 * Parallel typed arrays of keys were tried: with the bounds and type checks V8 emits on
 * every typed-array access, a pop and a schedule took about 40 % more instructions than
 * reading the keys from the events (counted with callgrind on a six-event heap).
 *
 * A fired event stays at the root while its action runs, marked FIRING (not pending). Most
 * actions schedule their own event again (a machine's next cycle end): that reschedule then
 * puts the new key at the root and sifts it down once, where popping first and pushing
 * afterwards would sift twice. An event left at the root is removed at the next read of the
 * heap (`settle`). Nothing scheduled during the action rises above it: its key is the smallest
 * (time = now, the oldest sequence number), and scheduling an earlier time settles it first.
 *
 * The sequence number is taken from a counter at every (re)scheduling, so events
 * due at the same instant fire in the order they were scheduled (FIFO ties) and
 * every run is reproducible. (time, sequence) is a total order, so the firing
 * order does not depend on how the heap arranges its entries.
 */
export type EventAction = () => void;

export class SimEvent {
  /** Due time; meaningful only while `pending`. */
  time = 0;
  /** Sequence number of the last scheduling (a double: exact up to 2^53 schedulings); breaks ties in time. */
  seq = 0;
  /** Index in the heap, or -1 when not scheduled. */
  pos = -1;

  constructor(
    readonly action: EventAction,
    readonly label = '',
  ) {}

  get pending(): boolean {
    return this.pos >= 0;
  }
}

const INITIAL_CAPACITY = 64;
/** `pos` of the event whose action is running while it still sits at the root. */
const FIRING = -2;

function throwNaNTime(event: SimEvent): never {
  throw new RangeError(`cannot schedule ${event.label || 'event'} at NaN`);
}

export class EventCalendar {
  /** The heap: slots [0, count) hold the pending events; the rest are free (null). */
  private events: (SimEvent | null)[] = new Array<SimEvent | null>(INITIAL_CAPACITY).fill(null);
  private count = 0;
  private nextSeq = 0;
  /** The event popped last: it may still sit at the root (pos FIRING) until `settle`. */
  private fired: SimEvent | null = null;
  /** Its time: nothing pending is earlier (the Simulation never schedules into the past). */
  private firedTime = Number.NEGATIVE_INFINITY;

  get size(): number {
    this.settle();
    return this.count;
  }

  /** Time of the earliest pending event, or +Infinity when the calendar is empty. */
  peekTime(): number {
    this.settle();
    return this.count > 0 ? this.events[0]!.time : Number.POSITIVE_INFINITY;
  }

  /** Adds an event; an event that is already pending is moved to the new time. */
  schedule(event: SimEvent, time: number): void {
    // The rare branches are calls: V8's inlining budget counts bytecode, taken or not, and
    // this is inlined into every block that starts an activity.
    // One comparison for both rare cases: NaN, and a time before the last popped event's.
    if (!(time >= this.firedTime)) this.beforeFired(event, time);
    const pos = event.pos;
    const later = pos >= 0 && time >= event.time;
    event.time = time;
    event.seq = this.nextSeq++;
    if (pos >= 0) return this.move(event, pos, later);
    // Its own action reschedules the event still at the root: the pop and the push in one sift.
    if (pos === FIRING) return this.siftDown(0, event);
    if (this.count === this.events.length) this.grow();
    this.siftUp(this.count++, event);
  }

  /** A pending event got a new key: a later one (its sequence number only grows) sinks, an earlier one rises. */
  private move(event: SimEvent, pos: number, later: boolean): void {
    if (later) this.siftDown(pos, event);
    else this.siftUp(pos, event);
  }

  /** Removes a pending event; returns false if it was not pending. */
  cancel(event: SimEvent): boolean {
    const pos = event.pos;
    if (pos < 0) return false;
    event.pos = -1;
    const last = --this.count;
    const moved = this.events[last]!;
    this.events[last] = null;
    if (pos !== last) {
      // The last entry fills the hole, then moves whichever way its key says.
      if (pos > 0 && before(moved, this.events[(pos - 1) >> 1]!)) this.siftUp(pos, moved);
      else this.siftDown(pos, moved);
    }
    return true;
  }

  /** Removes and returns the earliest event (undefined when empty). */
  pop(): SimEvent | undefined {
    return this.popUntil(Number.POSITIVE_INFINITY);
  }

  /** Removes and returns the earliest event if it is due at or before `until` (else undefined): the run loop's peek and pop in one. */
  popUntil(until: number): SimEvent | undefined {
    this.settle();
    if (this.count === 0) return undefined;
    const top = this.events[0]!;
    if (!(top.time <= until)) return undefined;
    // Left at the root, not pending, while the caller runs its action (see the class comment).
    top.pos = FIRING;
    this.fired = top;
    this.firedTime = top.time;
    return top;
  }

  /** schedule() of a time before the last popped event's: NaN is refused; an earlier time would rise above it, so it leaves the root first. */
  private beforeFired(event: SimEvent, time: number): void {
    if (Number.isNaN(time)) throwNaNTime(event);
    this.settle();
  }

  /** Removes the last popped event from the root unless its action scheduled it again. */
  private settle(): void {
    const fired = this.fired;
    if (fired === null) return;
    this.fired = null;
    if (fired.pos !== FIRING) return;
    fired.pos = -1;
    const events = this.events;
    const last = --this.count;
    const moved = events[last]!;
    events[last] = null;
    if (last > 0) this.siftDown(0, moved);
  }

  clear(): void {
    this.settle();
    for (let i = 0; i < this.count; i++) {
      this.events[i]!.pos = -1;
      this.events[i] = null;
    }
    this.count = 0;
  }

  /** Places `event` at `pos` or above it, moving later parents down. */
  private siftUp(pos: number, event: SimEvent): void {
    const events = this.events;
    const t = event.time;
    const q = event.seq;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const e = events[parent]!;
      if (t > e.time || (t === e.time && q > e.seq)) break;
      events[pos] = e;
      e.pos = pos;
      pos = parent;
    }
    events[pos] = event;
    event.pos = pos;
  }

  /** Places `event` at `pos` or below it, moving earlier children up. */
  private siftDown(pos: number, event: SimEvent): void {
    const events = this.events;
    const n = this.count;
    const t = event.time;
    const q = event.seq;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      let c = events[child]!;
      const right = child + 1;
      if (right < n) {
        const r = events[right]!;
        if (r.time < c.time || (r.time === c.time && r.seq < c.seq)) {
          child = right;
          c = r;
        }
      }
      if (t < c.time || (t === c.time && q < c.seq)) break;
      events[pos] = c;
      c.pos = pos;
      pos = child;
    }
    events[pos] = event;
    event.pos = pos;
  }

  private grow(): void {
    const capacity = this.events.length * 2;
    for (let i = this.events.length; i < capacity; i++) this.events.push(null);
  }
}

/**
 * Whether `a` fires before `b`: (time, sequence) order. The sifts write the same comparison out
 * with the moving event's key held in locals: calling this there cost 2 % of the tandem line's
 * instructions (counted with callgrind).
 */
function before(a: SimEvent, b: SimEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
