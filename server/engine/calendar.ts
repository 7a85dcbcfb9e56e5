/**
 * The future-event list: a binary min-heap ordered by (time, sequence number).
 *
 * Hand-written on purpose: general-purpose heap/priority-queue packages either
 * lack O(log n) cancel/reschedule of an arbitrary entry or allocate a wrapper per
 * insertion. Here every event is a long-lived object that remembers its own heap
 * slot, so blocks reuse one event per activity (a server's cycle end, a source's
 * next arrival) and a year of plant time allocates nothing per event.
 *
 * The keys live in parallel typed arrays (times, sequence numbers) beside the
 * array of events, so a sift compares numbers read from contiguous memory
 * instead of following a pointer to each event; the heap grows by doubling.
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

function throwNaNTime(event: SimEvent): never {
  throw new RangeError(`cannot schedule ${event.label || 'event'} at NaN`);
}

export class EventCalendar {
  private times = new Float64Array(INITIAL_CAPACITY);
  /** Sequence numbers: doubles, exact up to 2^53 schedulings. */
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private events: (SimEvent | undefined)[] = new Array<SimEvent | undefined>(INITIAL_CAPACITY).fill(undefined);
  private count = 0;
  private nextSeq = 0;

  get size(): number {
    return this.count;
  }

  /** Time of the earliest pending event, or +Infinity when the calendar is empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }

  /** Adds an event; an event that is already pending is moved to the new time. */
  schedule(event: SimEvent, time: number): void {
    // The rare branches are calls: V8's inlining budget counts bytecode, taken or not, and
    // this is inlined into every block that starts an activity.
    if (Number.isNaN(time)) throwNaNTime(event);
    event.time = time;
    const seq = this.nextSeq++;
    if (event.pos >= 0) return this.move(event, time, seq);
    if (this.count === this.times.length) this.grow();
    this.siftUp(this.count++, event, time, seq);
  }

  /** A pending event moved to (time, seq): a later key sinks, an earlier one rises. */
  private move(event: SimEvent, time: number, seq: number): void {
    const pos = event.pos;
    const later = time > this.times[pos] || (time === this.times[pos] && seq > this.seqs[pos]);
    if (later) this.siftDown(pos, event, time, seq);
    else this.siftUp(pos, event, time, seq);
  }

  /** Removes a pending event; returns false if it was not pending. */
  cancel(event: SimEvent): boolean {
    const pos = event.pos;
    if (pos < 0) return false;
    event.pos = -1;
    const last = --this.count;
    const moved = this.events[last]!;
    this.events[last] = undefined;
    if (pos !== last) {
      // The last entry fills the hole, then moves whichever way its key says.
      const t = this.times[last];
      const q = this.seqs[last];
      if (pos > 0 && this.before(t, q, (pos - 1) >> 1)) this.siftUp(pos, moved, t, q);
      else this.siftDown(pos, moved, t, q);
    }
    return true;
  }

  /** Removes and returns the earliest event (undefined when empty). */
  pop(): SimEvent | undefined {
    return this.popUntil(Number.POSITIVE_INFINITY);
  }

  /** Removes and returns the earliest event if it is due at or before `until` (else undefined): the run loop's peek and pop in one. */
  popUntil(until: number): SimEvent | undefined {
    if (this.count === 0 || !(this.times[0] <= until)) return undefined;
    const top = this.events[0]!;
    top.pos = -1;
    const last = --this.count;
    const moved = this.events[last]!;
    this.events[last] = undefined;
    if (last > 0) this.siftDown(0, moved, this.times[last], this.seqs[last]);
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) {
      this.events[i]!.pos = -1;
      this.events[i] = undefined;
    }
    this.count = 0;
  }

  /** Whether key (t, q) comes before the entry at `pos`. */
  private before(t: number, q: number, pos: number): boolean {
    const tp = this.times[pos];
    return t < tp || (t === tp && q < this.seqs[pos]);
  }

  /** Places `event` with key (t, q) at `pos` or above it, moving larger parents down. */
  private siftUp(pos: number, event: SimEvent, t: number, q: number): void {
    const { times, seqs, events } = this;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const tp = times[parent];
      if (t > tp || (t === tp && q > seqs[parent])) break;
      const e = events[parent]!;
      times[pos] = tp;
      seqs[pos] = seqs[parent];
      events[pos] = e;
      e.pos = pos;
      pos = parent;
    }
    times[pos] = t;
    seqs[pos] = q;
    events[pos] = event;
    event.pos = pos;
  }

  /** Places `event` with key (t, q) at `pos` or below it, moving smaller children up. */
  private siftDown(pos: number, event: SimEvent, t: number, q: number): void {
    const { times, seqs, events } = this;
    const n = this.count;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      let tc = times[child];
      const right = child + 1;
      if (right < n) {
        const tr = times[right];
        if (tr < tc || (tr === tc && seqs[right] < seqs[child])) {
          child = right;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && q < seqs[child])) break;
      const e = events[child]!;
      times[pos] = tc;
      seqs[pos] = seqs[child];
      events[pos] = e;
      e.pos = pos;
      pos = child;
    }
    times[pos] = t;
    seqs[pos] = q;
    events[pos] = event;
    event.pos = pos;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    for (let i = this.events.length; i < capacity; i++) this.events.push(undefined);
  }
}
