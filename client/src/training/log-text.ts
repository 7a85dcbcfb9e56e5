import type { TrainingLogEntry } from '../../../server/protocol/training-messages.ts';
import type { TraineeAction, TrainingEvent } from '../../../server/protocol/training.ts';
import { labelOf, type Locale } from '../i18n/format.ts';
import { trainingText, type TrainingKey } from './strings.ts';

type Named = { id: string; label?: string; labelRu?: string };

const ACTION_WORDS: Record<TraineeAction['action'], TrainingKey> = {
  dispatchCrew: 'dispatchCrew',
  setBufferCapacity: 'setBuffer',
  switchRecipe: 'switchRecipe',
  setRoute: 'setRoute',
  sendQualityTeam: 'sendQualityTeam',
};

/**
 * Lines of the exercise in the reader's language, with the model's labels: the log said
 * "10 min · Алексей: setBufferCapacity stack-buffer" (the command and the node's id) to a
 * Russian trainee. `nodes` are the model's (labels), `events` the script's as this reader sees them.
 */
export function trainingLines(locale: Locale, nodes: readonly Named[], events: readonly TrainingEvent[]) {
  const t = trainingText(locale);
  const node = (id: string) => labelOf(nodes.find((n) => n.id === id) ?? { id }, locale);
  const minutes = (s: number) => `${Math.round(s / 60)} ${t('minutes')}`;
  /** A script event by its kind and node ("Авария · Укладчик электродов"). */
  const event = (e: TrainingEvent): string => `${t(`ev_${e.kind}`)}${'nodeId' in e ? ` · ${node(e.nodeId)}` : ''}`;
  const eventAt = (index: number): string => (events[index] ? event(events[index]) : `#${index}`);
  const action = (a: TraineeAction): string =>
    `${t(ACTION_WORDS[a.action])} · ${node(a.nodeId)}${a.action === 'setBufferCapacity' ? `: ${a.capacity ?? '∞'}` : ''}`;
  const log = (e: TrainingLogEntry): string => {
    const item = e.item;
    const what =
      item.op === 'action'
        ? action(item.act)
        : item.op === 'clearBreakdown'
          ? `${t('log_clearBreakdown')} · ${node(item.nodeId)}`
          : item.op === 'engine'
            ? t('log_engine')
            : `${t(`log_${item.op}`)}: ${eventAt(item.eventIndex)}${item.op === 'delay' ? ` +${minutes(item.byS)}` : ''}`;
    return `${minutes(e.at)} · ${e.by}: ${what}`;
  };
  return { log, event, minutes };
}
