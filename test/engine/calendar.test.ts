import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventCalendar, SimEvent } from '../../server/engine/calendar.ts';

/** Pops everything, returning the labels in firing order. */
function drain(cal: EventCalendar): string[] {
  const out: string[] = [];
  for (let e = cal.pop(); e !== undefined; e = cal.pop()) out.push(e.label);
  return out;
}

const ev = (label: string) => new SimEvent(() => {}, label);

describe('EventCalendar', () => {
  it('pops events in time order and reports the earliest time', () => {
    const cal = new EventCalendar();
    expect(cal.peekTime()).toBe(Number.POSITIVE_INFINITY);
    expect(cal.pop()).toBeUndefined();
    cal.schedule(ev('c'), 3);
    cal.schedule(ev('a'), 1);
    cal.schedule(ev('b'), 2);
    expect(cal.peekTime()).toBe(1);
    expect(cal.size).toBe(3);
    expect(drain(cal)).toEqual(['a', 'b', 'c']);
  });

  it('runs events due at the same time in the order they were scheduled (FIFO ties)', () => {
    const cal = new EventCalendar();
    const labels = Array.from({ length: 50 }, (_, i) => `e${i}`);
    // Interleave two instants so the heap has to reorder, not just append.
    labels.forEach((l, i) => cal.schedule(ev(l), i % 2 === 0 ? 5 : 7));
    const expected = [...labels.filter((_, i) => i % 2 === 0), ...labels.filter((_, i) => i % 2 === 1)];
    expect(drain(cal)).toEqual(expected);
  });

  it('cancel removes a pending event and reports whether it was pending', () => {
    const cal = new EventCalendar();
    const events = ['a', 'b', 'c', 'd', 'e'].map(ev);
    events.forEach((e, i) => cal.schedule(e, i));
    expect(cal.cancel(events[2])).toBe(true);
    expect(events[2].pending).toBe(false);
    expect(cal.cancel(events[2])).toBe(false);
    expect(cal.cancel(events[0])).toBe(true);
    expect(drain(cal)).toEqual(['b', 'd', 'e']);
    expect(events.every((e) => !e.pending)).toBe(true);
  });

  it('rescheduling a pending event moves it (once) and puts it behind events already due then', () => {
    const cal = new EventCalendar();
    const a = ev('a');
    const b = ev('b');
    const c = ev('c');
    cal.schedule(a, 1);
    cal.schedule(b, 4);
    cal.schedule(c, 4);
    cal.schedule(a, 4); // moved: now ties with b and c but was (re)scheduled last
    expect(cal.size).toBe(3);
    expect(drain(cal)).toEqual(['b', 'c', 'a']);
    cal.schedule(a, 9);
    cal.schedule(b, 8);
    cal.schedule(a, 2); // moved earlier
    expect(drain(cal)).toEqual(['a', 'b']);
  });

  it('rejects NaN times and can be cleared', () => {
    const cal = new EventCalendar();
    expect(() => cal.schedule(ev('x'), Number.NaN)).toThrow(RangeError);
    const e = ev('y');
    cal.schedule(e, 1);
    cal.clear();
    expect(e.pending).toBe(false);
    expect(cal.size).toBe(0);
  });

  it('a popped event is not pending; rescheduled or cancelled before the next pop, it behaves as if it had left', () => {
    // pop() leaves the event at the heap's root until the next read (the rescheduling fast path):
    // none of that may be visible.
    const cal = new EventCalendar();
    const [a, b, c] = ['a', 'b', 'c'].map(ev);
    cal.schedule(a, 1);
    cal.schedule(b, 2);
    cal.schedule(c, 3);
    expect(cal.pop()).toBe(a);
    expect(a.pending).toBe(false);
    expect(cal.cancel(a)).toBe(false);
    cal.schedule(a, 2); // its own action reschedules it: a tie with b, scheduled after b
    expect(a.pending).toBe(true);
    expect(cal.size).toBe(3);
    expect(cal.pop()).toBe(b);
    expect(cal.size).toBe(2); // b left at the next read
    expect(cal.peekTime()).toBe(2);
    expect(cal.pop()).toBe(a);
    cal.schedule(c, 0.5); // earlier than the popped event's time: it must not sit below it
    expect(cal.peekTime()).toBe(0.5);
    expect(drain(cal)).toEqual(['c']);
    expect(cal.size).toBe(0);
  });

  it('matches a sorted-list reference under random schedule / reschedule / cancel / pop', () => {
    // Model-based check: the reference keeps (time, seq) pairs and sorts; the heap must agree.
    const op = fc.oneof(
      fc.record({ kind: fc.constant('schedule' as const), which: fc.nat(19), time: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ kind: fc.constant('cancel' as const), which: fc.nat(19) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('popAndReschedule' as const), delay: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('peek' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const cal = new EventCalendar();
        const events = Array.from({ length: 20 }, (_, i) => ev(String(i)));
        const ref = new Map<string, { time: number; seq: number }>();
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'schedule') {
            cal.schedule(events[o.which], o.time);
            ref.set(String(o.which), { time: o.time, seq: seq++ });
          } else if (o.kind === 'cancel') {
            expect(cal.cancel(events[o.which])).toBe(ref.delete(String(o.which)));
          } else if (o.kind === 'peek') {
            const times = [...ref.values()].map((r) => r.time);
            expect(cal.peekTime()).toBe(times.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...times));
          } else if (o.kind === 'popAndReschedule') {
            // An action that schedules its own event again, as a machine's cycle end does.
            const sorted = [...ref.entries()].sort((x, y) => x[1].time - y[1].time || x[1].seq - y[1].seq);
            const got = cal.pop();
            if (sorted.length === 0) expect(got).toBeUndefined();
            else {
              const [label, key] = sorted[0];
              expect(got?.label).toBe(label);
              expect(got!.pending).toBe(false);
              cal.schedule(got!, key.time + o.delay);
              ref.set(label, { time: key.time + o.delay, seq: seq++ });
            }
          } else {
            const sorted = [...ref.entries()].sort((x, y) => x[1].time - y[1].time || x[1].seq - y[1].seq);
            const got = cal.pop();
            if (sorted.length === 0) expect(got).toBeUndefined();
            else {
              expect(got?.label).toBe(sorted[0][0]);
              ref.delete(sorted[0][0]);
            }
          }
          expect(cal.size).toBe(ref.size);
        }
        const rest = [...ref.entries()].sort((x, y) => x[1].time - y[1].time || x[1].seq - y[1].seq).map((e) => e[0]);
        expect(drain(cal)).toEqual(rest);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
