/** The client's training store: notices update the state and queue prompts in arrival order. */
import { describe, expect, it } from 'vitest';
import { useTraining } from '../../client/src/training/training-store.ts';
import type { TrainingState } from '../../server/protocol/training-messages.ts';

const state: TrainingState = {
  sessionId: 'x1',
  title: 'x',
  scriptId: 's',
  script: { name: 'x', model: 'demo-line', seed: 1, speed: 600, promptTimeoutS: 120, horizonS: 100, events: [], reference: [], crews: {} },
  replayOf: null,
  phase: 'running',
  clock: { pace: 60, promptTimeoutS: 120, held: null },
  you: { clientId: 'a', name: 'alice', role: 'trainee', team: null, granted: false },
  trainees: [{ clientId: 'a', user: 'alice', role: 'trainee', granted: false, team: null }],
  fired: [],
  log: [],
};

describe('training store', () => {
  it('queues prompts, records events, actions, grants and holds', () => {
    const s = useTraining.getState();
    s.setState(state);
    s.notice({ type: 'event', event: { index: 0, at: 5, kind: 'prompt', prompt: { en: 'one', ru: 'один' } } });
    s.notice({ type: 'event', event: { index: 1, at: 6, kind: 'breakdown', nodeId: 'stacker', prompt: { en: 'two', ru: 'два' } } });
    s.notice({ type: 'you', you: { clientId: 'a', name: 'alice', role: 'trainee', team: 'red', granted: true } });
    s.notice({ type: 'clock', clock: { pace: 60, promptTimeoutS: 120, held: { eventIndex: 1, atS: 6, resumesAt: '2026-01-01T00:00:00.000Z' } } });
    s.notice({ type: 'action', entry: { seq: 0, at: 7, ev: 10, wall: '', by: 'alice', role: 'viewer', item: { op: 'action', act: { action: 'dispatchCrew', nodeId: 'stacker' } } } });
    const after = useTraining.getState();
    expect(after.prompts.map((p) => p.en)).toEqual(['one', 'two']);
    expect(after.state?.fired.map((r) => r.index)).toEqual([0, 1]);
    expect(after.state?.trainees[0]).toMatchObject({ granted: true, team: 'red' });
    expect(after.state?.you?.granted).toBe(true);
    expect(after.state?.clock.held?.eventIndex).toBe(1);
    expect(after.state?.log).toHaveLength(1);
    after.dismissPrompt();
    expect(useTraining.getState().prompts.map((p) => p.ru)).toEqual(['два']);
  });
});
