import { describe, expect, it } from 'vitest';
import { storedTraining } from '../../server/live/stored-training.ts';
import type { RunRecord } from '../../server/store/history-store.ts';

const run = (result: unknown, params: Record<string, unknown> = { training: { scriptId: 'drill' } }): RunRecord => ({
  id: 'r1', kind: 'session', model: 'demo-line', scenario: null, seed: 7, status: 'finished', params, kpis: null, error: null, failure: null, startedAt: '', endedAt: null, result,
});
const entry = { seq: 0, at: 10, ev: 3, wall: '2026-01-01T00:00:00Z', by: 'c1', role: 'controller', item: { op: 'engine', cmd: { type: 'setParam', nodeId: 'm', field: 'yield', value: 0.9 } } };

describe('a training log read back from the database', () => {
  it('is validated against the log schema before it can be replayed', () => {
    expect(storedTraining(run({ simTimeS: 20, training: { log: [entry] } }))).toEqual({ scriptId: 'drill', seed: 7, simTimeS: 20, log: [entry], trainees: [], replayOf: null, teams: new Map() });
    const act = { ...entry, seq: 1, by: 'alice', role: 'viewer', item: { op: 'action', act: { action: 'setBufferCapacity', nodeId: 'b', capacity: 3 } } };
    // The recorded roster, plus anyone who acted without being on it (no team).
    const roster = { training: { scriptId: 'drill', trainees: [['bob', 'red']] } };
    expect(storedTraining(run({ training: { log: [entry, act] } }, roster))?.teams).toEqual(new Map([['bob', 'red'], ['alice', null]]));
  });

  it('is refused, naming the field, when an op does not match', () => {
    const bad = { ...entry, item: { op: 'engine', cmd: { type: 'setParam', nodeId: 'm', field: 'yield', value: 'high' } } };
    expect(() => storedTraining(run({ training: { log: [bad] } }))).toThrow("result.training.log[0].item.cmd.value: Invalid input: expected number");
    expect(() => storedTraining(run({ training: { log: [{ ...entry, item: { op: 'teleport' } }] } }))).toThrow(/malformed/);
  });

  it('is no training run when the run has no training part', () => {
    expect(storedTraining(run({}, {}))).toBeNull();
    expect(storedTraining(null)).toBeNull();
  });
});
