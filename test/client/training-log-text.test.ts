import { describe, expect, it } from 'vitest';
import { trainingLines } from '../../client/src/training/log-text.ts';
import type { TrainingLogEntry, TrainingOp } from '../../server/protocol/training-messages.ts';
import type { TrainingEvent } from '../../server/protocol/training.ts';

/**
 * The exercise's log and script events read in the page's language with the model's labels:
 * a Russian trainee read "10 min · Алексей: setBufferCapacity stack-buffer" (an English unit,
 * the command's and the node's ids). A trainee's script has no events (they are the
 * instructor's secret), so an instructor's op on an event names it by its index there.
 */
const NODES = [
  { id: 'stack-buffer', label: 'Stacking infeed buffer', labelRu: 'Буфер перед укладкой' },
  { id: 'stacker', label: 'Z-stacker', labelRu: 'Укладчик электродов' },
];
const EVENTS: TrainingEvent[] = [
  { at: 600, kind: 'prompt' },
  { at: 3600, kind: 'breakdown', nodeId: 'stacker', durationS: 7200 },
];
const entry = (at: number, by: string, item: TrainingOp): TrainingLogEntry => ({ seq: 0, at, ev: 0, wall: '', by, role: 'trainee', item });

describe('training log lines in the reader’s language', () => {
  it('Russian: actions, event ops and clearing a breakdown name labels and minutes in Russian', () => {
    const ru = trainingLines('ru', NODES, EVENTS);
    expect(ru.log(entry(600, 'Алексей', { op: 'action', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: 30 } }))).toBe(
      '10 мин · Алексей: Ёмкость буфера · Буфер перед укладкой: 30',
    );
    expect(ru.log(entry(1800, 'Ирина', { op: 'delay', eventIndex: 1, byS: 600 }))).toBe('30 мин · Ирина: перенос события: Авария · Укладчик электродов +10 мин');
    expect(ru.log(entry(3660, 'Ирина', { op: 'clearBreakdown', nodeId: 'stacker' }))).toBe('61 мин · Ирина: снятие аварии · Укладчик электродов');
    expect(ru.event(EVENTS[0])).toBe('Вопрос');
    // A trainee's script carries no events: the index stands in.
    expect(trainingLines('ru', NODES, []).log(entry(60, 'Ирина', { op: 'fire', eventIndex: 1 }))).toBe('1 мин · Ирина: запуск события: #1');
  });

  it('English: the same in English; a buffer without a limit reads ∞, a node not in the model by its id', () => {
    const en = trainingLines('en', NODES, EVENTS);
    expect(en.log(entry(600, 'Alex', { op: 'action', act: { action: 'setBufferCapacity', nodeId: 'stack-buffer', capacity: null } }))).toBe(
      '10 min · Alex: Set buffer capacity · Stacking infeed buffer: ∞',
    );
    expect(en.log(entry(0, 'Alex', { op: 'action', act: { action: 'dispatchCrew', nodeId: 'coater' } }))).toBe('0 min · Alex: Dispatch crew · coater');
    expect(en.log(entry(120, 'Irina', { op: 'skip', eventIndex: 1 }))).toBe('2 min · Irina: event skipped: Breakdown · Z-stacker');
  });
});
