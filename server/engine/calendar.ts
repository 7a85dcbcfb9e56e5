/**
 * The future-event list: a binary min-heap ordered by (time, sequence number).
 *
 * Hand-written on purpose: general-purpose heap/priority-queue packages either
 * lack O(log n) cancel/reschedule of an arbitrary entry or allocate a wrapper per
 * insertion. Here every event is a long-lived object that remembers its own heap
 * slot, so blocks reuse one event per activity (a server's cycle end, a source's
 * next arrival) and a year of plant time allocates nothing per event.
 *
 * The sequence number is taken from a counter at every (re)scheduling, so events
 * due at the same instant fire in the order they were scheduled (FIFO ties) and
 * every run is reproducible.
 */
export type EventAction = () => void;

export class SimEvent {
  /** Due time; meaningful only while `pending`. */
  time = 0;
  /** Tie-breaker: the order in which events were scheduled. */
  seq = 0;
  /** Index in the heap array, or -1 when not scheduled. */
  pos = -1;

  constructor(readonly action: EventAction, readonly label = '') {}

  get pending(): boolean {
    return this.pos >= 0;
  }
}

export class EventCalendar {
  private heap: SimEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Time of the earliest pending event, or +Infinity when the calendar is empty. */
  peekTime(): number {
    return this.heap.length > 0 ? this.heap[0].time : Number.POSITIVE_INFINITY;
  }

  /** Adds an event; an event that is already pending is moved to the new time. */
  schedule(event: SimEvent, time: number): void {
    if (Number.isNaN(time)) throw new RangeError(`cannot schedule ${event.label || 'event'} at NaN`);
    event.time = time;
    event.seq = this.nextSeq++;
    if (event.pos >= 0) {
      this.siftUp(event.pos);
      this.siftDown(event.pos);
      return;
    }
    event.pos = this.heap.length;
    this.heap.push(event);
    this.siftUp(event.pos);
  }

  /** Removes a pending event; returns false if it was not pending. */
  cancel(event: SimEvent): boolean {
    const pos = event.pos;
    if (pos < 0) return false;
    const last = this.heap.pop()!;
    event.pos = -1;
    if (last !== event) {
      this.heap[pos] = last;
      last.pos = pos;
      this.siftUp(pos);
      this.siftDown(last.pos);
    }
    return true;
  }

  /** Removes and returns the earliest event (undefined when empty). */
  pop(): SimEvent | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    top.pos = -1;
    if (last !== top) {
      heap[0] = last;
      last.pos = 0;
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    for (const e of this.heap) e.pos = -1;
    this.heap = [];
  }

  private before(a: SimEvent, b: SimEvent): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private siftUp(pos: number): void {
    const heap = this.heap;
    const item = heap[pos];
    while (pos > 0) {
      const parentPos = (pos - 1) >> 1;
      const parent = heap[parentPos];
      if (!this.before(item, parent)) break;
      heap[pos] = parent;
      parent.pos = pos;
      pos = parentPos;
    }
    heap[pos] = item;
    item.pos = pos;
  }

  private siftDown(pos: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[pos];
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.before(heap[right], heap[child])) child = right;
      const c = heap[child];
      if (!this.before(c, item)) break;
      heap[pos] = c;
      c.pos = pos;
      pos = child;
    }
    heap[pos] = item;
    item.pos = pos;
  }
}
