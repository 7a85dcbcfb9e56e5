import { describe, expect, it } from 'vitest';
import { Simulation } from '../../server/engine/simulation.ts';

describe('Simulation', () => {
  it('advances the clock to each event and fires actions in time order', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const a = sim.event(() => log.push(`a@${sim.now}`), 'a');
    const b = sim.event(() => {
      log.push(`b@${sim.now}`);
      sim.scheduleIn(a, 0.5); // an action may schedule further events
    }, 'b');
    sim.scheduleIn(b, 2);
    sim.scheduleAt(a, 1);
    while (sim.step());
    expect(log).toEqual(['a@1', 'b@2', 'a@2.5']);
    expect(sim.now).toBe(2.5);
    expect(sim.eventsFired).toBe(3);
    expect(sim.step()).toBe(false);
  });

  it('runUntil fires events due at or before the horizon and then sets the clock to it', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    for (const t of [1, 5, 5, 6]) sim.scheduleAt(sim.event(() => fired.push(t)), t);
    expect(sim.runUntil(5)).toBe(3);
    expect(fired).toEqual([1, 5, 5]);
    expect(sim.now).toBe(5);
    expect(sim.runUntil(5.5)).toBe(0);
    expect(sim.now).toBe(5.5);
    expect(sim.nextEventTime()).toBe(6);
  });

  it('runUntil with maxEvents stops early and leaves the clock at the last fired event', () => {
    const sim = new Simulation();
    for (const t of [1, 2, 3, 4]) sim.scheduleAt(sim.event(() => {}), t);
    expect(sim.runUntil(10, 2)).toBe(2);
    expect(sim.now).toBe(2);
    expect(sim.runUntil(10)).toBe(2);
    expect(sim.now).toBe(10);
  });

  it('cancel prevents an event from firing; rescheduling moves it', () => {
    const sim = new Simulation();
    const fired: string[] = [];
    const x = sim.event(() => fired.push(`x@${sim.now}`));
    const y = sim.event(() => fired.push(`y@${sim.now}`));
    sim.scheduleIn(x, 1);
    sim.scheduleIn(y, 2);
    expect(sim.cancel(x)).toBe(true);
    sim.scheduleIn(y, 3);
    sim.runUntil(100);
    expect(fired).toEqual(['y@3']);
  });

  it('an action sees its own event as fired: not pending, not cancellable, free to schedule it again', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    let cycles = 0;
    const other = sim.event(() => seen.push(`other@${sim.now}`), 'other');
    const machine = sim.event(() => {
      // Reading the calendar (nextEventTime) in the first cycle only: the later ones reschedule with nothing read in between.
      seen.push(`machine@${sim.now} pending=${machine.pending} cancel=${sim.cancel(machine)}${cycles === 0 ? ` next=${sim.nextEventTime()}` : ''}`);
      // Another event at the same instant first, then the machine's next cycle: the other fires first.
      if (cycles === 0) sim.scheduleIn(other, 0);
      if (++cycles < 3) sim.scheduleIn(machine, 2);
    }, 'machine');
    sim.scheduleAt(machine, 1);
    sim.runUntil(100);
    expect(seen).toEqual([
      'machine@1 pending=false cancel=false next=Infinity',
      'other@1',
      'machine@3 pending=false cancel=false',
      'machine@5 pending=false cancel=false',
    ]);
    expect(sim.eventsFired).toBe(4);
    expect(sim.nextEventTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses to schedule into the past or with a negative or NaN delay', () => {
    const sim = new Simulation();
    const e = sim.event(() => {}, 'e');
    sim.runUntil(10);
    expect(() => sim.scheduleAt(e, 9)).toThrow(RangeError);
    expect(() => sim.scheduleIn(e, -1)).toThrow(RangeError);
    expect(() => sim.scheduleIn(e, Number.NaN)).toThrow(RangeError);
    expect(e.pending).toBe(false);
  });
});
