import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Fifo } from '../../server/engine/fifo.ts';

describe('Fifo', () => {
  it('is first in, first out', () => {
    const q = new Fifo<number>();
    expect(q.shift()).toBeUndefined();
    [1, 2, 3].forEach((x) => q.push(x));
    expect(q.peek()).toBe(1);
    expect(q.shift()).toBe(1);
    q.push(4);
    expect([...q]).toEqual([2, 3, 4]);
    expect(q.length).toBe(3);
    q.clear();
    expect(q.length).toBe(0);
    expect(q.peek()).toBeUndefined();
  });

  it('behaves like an array under long random push / shift / removeFirst sequences (across wrap-arounds and growth of the ring)', () => {
    // Runs long enough (hundreds of items) to wrap the ring and grow it many times.
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('push' as const), n: fc.integer({ min: 1, max: 400 }) }) },
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('shift' as const), n: fc.integer({ min: 1, max: 400 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), mod: fc.integer({ min: 2, max: 9 }) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const q = new Fifo<number>();
        const ref: number[] = [];
        let next = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            for (let i = 0; i < o.n; i++) {
              q.push(next);
              ref.push(next++);
            }
          } else if (o.kind === 'shift') {
            for (let i = 0; i < o.n; i++) expect(q.shift()).toBe(ref.shift());
          } else {
            const pred = (x: number) => x % o.mod === 0;
            const i = ref.findIndex(pred);
            const expected = i < 0 ? undefined : ref.splice(i, 1)[0];
            expect(q.removeFirst(pred)).toBe(expected);
          }
          expect(q.length).toBe(ref.length);
          expect(q.peek()).toBe(ref[0]);
        }
        expect([...q]).toEqual(ref);
      }),
      { seed: 3, numRuns: 100 },
    );
  });
});
