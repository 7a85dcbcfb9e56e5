import { describe, expect, it } from 'vitest';
import { failureOf } from '../../server/experiments/failure-of.ts';
import { ValidationError } from '../../server/protocol/errors.ts';
import { CodedError, failure, FailureSchema } from '../../server/protocol/failures.ts';

/** The codes a page translates, from the errors jobs and requests actually end with. */
describe('failureOf', () => {
  it('keeps a coded error’s own code and names a refused document by what it was', () => {
    expect(failureOf(new CodedError('stopped after 3 s', failure('timed-out', { seconds: 3 })))).toEqual({ code: 'timed-out', params: { seconds: 3 } });
    expect(failureOf(new ValidationError('scenario', ['set.stacker.cycle.mean: must be > 0']))).toEqual({ code: 'invalid-input', params: { what: 'scenario' } });
  });

  it('recognises the thread pool’s failures: out of memory, a thread that exited, the pool shut down', () => {
    const oom = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(failureOf(oom)?.code).toBe('out-of-memory');
    expect(failureOf(oom)?.params.maxMb).toBeGreaterThan(0);
    expect(failureOf(new Error('worker exited with code: 134'))).toEqual({ code: 'worker-crashed', params: { exitCode: 134 } });
    expect(failureOf(new Error('Terminating worker thread'))).toEqual({ code: 'shutdown', params: {} });
  });

  it('gives no code to an error it does not know (the page shows the message)', () => {
    expect(failureOf(new Error('deadlock at node x'))).toBeNull();
    expect(failureOf('a string')).toBeNull();
  });

  it('codes parse at the client’s edge; an unknown code does not (the client then keeps the message)', () => {
    expect(FailureSchema.safeParse({ code: 'queue-full', params: { running: 1, waiting: 2, max: 2 } }).success).toBe(true);
    expect(FailureSchema.safeParse({ code: 'disk-on-fire' }).success).toBe(false);
  });
});
