import type { Refusal, RefusalKey } from '../../../server/protocol/training-refusals.ts';
import type { Model } from '../../../server/protocol/model.ts';
import { labelOf, type Locale } from '../i18n/format.ts';

type Params = Refusal['params'];
type Sentence = (p: Params, node: string) => string;

/**
 * What a refused training request means and what to do instead, in each UI language.
 * `node` is the node's label in that language ("Cathode coater + dryer"), not its id.
 * Russian covers every key (the types enforce it).
 */
const en: Record<RefusalKey, Sentence> = {
  notGranted: () => 'The instructor has not given you actions yet: wait for the grant, or ask the instructor.',
  instructorOnly: () => 'Only the instructor can do this: ask the instructor.',
  notStarted: () => 'The exercise has not started yet: wait until the instructor starts it.',
  exerciseEnded: () => 'The exercise is over: open its debrief.',
  unknownCode: (p) => `No open exercise has the code ${p.code}: check the code with your instructor.`,
  teamRequired: (p) => `This exercise is played in teams: choose one of ${p.teams}.`,
  unknownTeam: (p) => `There is no team "${p.team}" here: choose one of ${p.teams}.`,
  nameTaken: (p) => `Someone in this exercise is already called "${p.name}": add an initial or a surname.`,
  noSuchNode: (p) => `There is no "${p.nodeId}" in this plant: choose a node from the list.`,
  notStation: (_p, node) => `${node} is not a machine: choose a machine.`,
  notBuffer: (_p, node) => `${node} is not a buffer: choose a buffer to change its capacity.`,
  noSuchServer: (p, node) => `${node} has ${p.servers} station(s), numbered from 0: choose one of them.`,
  noCrewPool: (_p, node) => `${node} has no repair crew: send a crew to a machine that has one.`,
  crewNotWaiting: (_p, node) => `${node} is not waiting for a crew: send the crew to a stopped machine.`,
  singleRoute: (_p, node) => `${node} sends everything to one place: choose a node that splits its output.`,
  notDestination: (p, node) => `${p.dest} is not fed by ${node}: use its destinations (${p.dests}).`,
  tooFast: (p) => `Too many requests (at most ${p.limit} a second): wait a moment and try again.`,
  eventDone: (p) => `Event ${p.index} has already fired or been skipped: choose a pending event.`,
};

const ru: Record<RefusalKey, Sentence> = {
  notGranted: () => 'Инструктор ещё не разрешил вам действия: дождитесь разрешения или попросите инструктора.',
  instructorOnly: () => 'Это может сделать только инструктор: обратитесь к инструктору.',
  notStarted: () => 'Упражнение ещё не началось: дождитесь, когда инструктор его запустит.',
  exerciseEnded: () => 'Упражнение закончено: откройте разбор.',
  unknownCode: (p) => `Нет открытого упражнения с кодом ${p.code}: уточните код у инструктора.`,
  teamRequired: (p) => `Это упражнение проходят командами: выберите одну из команд (${p.teams}).`,
  unknownTeam: (p) => `Команды «${p.team}» здесь нет: выберите одну из команд (${p.teams}).`,
  nameTaken: (p) => `В упражнении уже есть участник «${p.name}»: добавьте инициал или фамилию.`,
  noSuchNode: (p) => `На этом заводе нет узла «${p.nodeId}»: выберите узел из списка.`,
  notStation: (_p, node) => `${node} — не станок: выберите станок.`,
  notBuffer: (_p, node) => `${node} — не буфер: чтобы изменить ёмкость, выберите буфер.`,
  noSuchServer: (p, node) => `У узла «${node}» ${p.servers} мест(а), нумерация с 0: выберите одно из них.`,
  noCrewPool: (_p, node) => `У узла «${node}» нет ремонтной бригады: направьте бригаду на станок, у которого она есть.`,
  crewNotWaiting: (_p, node) => `${node} не ждёт бригаду: направьте бригаду на остановленный станок.`,
  singleRoute: (_p, node) => `${node} отправляет всё в одно место: выберите узел, который делит поток.`,
  notDestination: (p, node) => `${p.dest} не получает детали от узла «${node}»: используйте его направления (${p.dests}).`,
  tooFast: (p) => `Слишком много запросов (не больше ${p.limit} в секунду): подождите и повторите.`,
  eventDone: (p) => `Событие ${p.index} уже произошло или пропущено: выберите ожидающее событие.`,
};

/** The refusal in `locale`, naming nodes by their label in the model the client shows. */
export function refusalText(r: Refusal, locale: Locale, model: Model | null): string {
  const id = typeof r.params.nodeId === 'string' ? r.params.nodeId : '';
  const spec = model?.nodes.find((n) => n.id === id);
  const node = spec ? labelOf(spec, locale) : id;
  return (locale === 'ru' ? ru : en)[r.key](r.params, node);
}
