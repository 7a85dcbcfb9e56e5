import type { Failure, FailureCode } from '../../../server/protocol/failures.ts';
import type { Locale } from './format.ts';

type Params = Failure['params'];

/** What was refused, as the object of "Сервер отклонил …" (by the first word of the server's `what`). */
const REFUSED_RU: [RegExp, string][] = [
  [/^experiment/, 'эксперимент'],
  [/^optimi[sz]ation/, 'оптимизацию'],
  [/^scenario save/, 'запрос на сохранение сценария'],
  [/^scenario/, 'сценарий'],
  [/^model/, 'модель'],
  [/^run request/, 'запрос на прогон'],
];
const refusedRu = (what: unknown) => REFUSED_RU.find(([re]) => re.test(String(what ?? '')))?.[1] ?? 'запрос';

const KIND_RU: Record<string, string> = { experiment: 'Эксперимент', optimisation: 'Оптимизация', run: 'Прогон' };

/**
 * A Russian sentence for each failure the server names (server/protocol/failures.ts): what
 * happened and what to do. The types make Russian cover every code. English shows the server's
 * own message, which says the same with more detail (it is the source these were written from).
 */
const RU: Record<FailureCode, (p: Params) => string> = {
  'timed-out': (p) => `Расчёт остановлен: он шёл дольше предельного времени (${p.seconds ?? '?'} с). Сократите горизонт или число репликаций.`,
  cancelled: (p) => (p.when === 'queued' ? 'Отменено до начала расчёта.' : 'Отменено во время расчёта.'),
  'invalid-input': (p) => `Сервер отклонил ${refusedRu(p.what)}: исправьте поля, перечисленные ниже.`,
  'worker-crashed': (p) => `Поток расчёта неожиданно завершился${p.exitCode === undefined ? '' : ` (код выхода ${p.exitCode})`}. Запустите расчёт снова; если ошибка повторится, сообщите администратору.`,
  'out-of-memory': (p) => `Расчёту не хватило памяти (предел ${p.maxMb ?? '?'} МБ на поток, WORKER_MAX_MB): сократите горизонт, число вариантов или размер модели.`,
  'queue-full': (p) => `Сервер занят: ${p.running ?? '?'} расчёт(а) выполняется и ${p.waiting ?? '?'} ждут в очереди — это предел (EXPERIMENT_QUEUE = ${p.max ?? '?'}). Повторите позже или отмените один из расчётов.`,
  busy: (p) => `Очередь прогонов заполнена (ждут ${p.waiting ?? '?'} репликаций): повторите позже.`,
  'planning-timed-out': (p) => `Подготовка расчёта заняла больше ${p.seconds ?? '?'} с и была остановлена: уменьшите число вариантов или размер модели.`,
  shutdown: () => 'Сервер останавливается: расчёт прерван или не начат. Повторите запуск позже.',
  'not-found': (p) => `${KIND_RU[String(p.kind)] ?? 'Объект'} «${p.id ?? ''}» не найден: ссылка неверна или запись уже удалена.`,
  'rate-limited': (p) => `Слишком много запросов с этого адреса: повторите через ${p.retryAfterS ?? '?'} с.`,
  'too-large': (p) => `Запрос слишком велик (больше ${p.limit ?? '?'} байт).`,
  storage: (p) => (p.problem === 'full' ? 'На сервере закончилось место для данных: ничего не сохранено. Сообщите администратору.' : 'Папка данных сервера недоступна для записи: ничего не сохранено. Сообщите администратору.'),
};

/**
 * A failure in the reader's language: for a known code in Russian its sentence, else (English,
 * or a code this client does not know, or none) the server's message as it came.
 */
export function failureText(locale: Locale, error: { message?: string; failure?: Failure | null }): string {
  if (locale === 'ru' && error.failure) return RU[error.failure.code](error.failure.params);
  return error.message ?? '';
}

const TYPE_RU: Record<string, string> = { number: 'число', string: 'строка', object: 'объект', array: 'массив', boolean: 'логическое значение', undefined: 'ничего', null: 'null' };

/**
 * The reasons a refused document's problem line may end with (the schemas' own words, see
 * server/protocol/*.ts), each with its Russian; `$1`… are the reason's own values (numbers,
 * field names, ids), kept as written. A reason not listed stays English.
 */
const REASONS_RU: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^must be (>=|>|<=|<) (.+)$/, (m) => `должно быть ${({ '>=': '≥', '<=': '≤' } as Record<string, string>)[m[1]] ?? m[1]} ${m[2]}`],
  [/^must be a whole number >= 1 or null$/, () => 'должно быть целым числом ≥ 1 или null'],
  [/^must be a whole number$/, () => 'должно быть целым числом'],
  [/^must be a number$/, () => 'должно быть числом'],
  [/^must be a string$/, () => 'должно быть строкой'],
  [/^must not be empty$/, () => 'не должно быть пустым'],
  [/^unknown field$/, () => 'неизвестное поле'],
  [/^Unrecognized keys?: (.+)$/, (m) => `неизвестное поле: ${m[1]}`],
  [/^must be one of (.+)$/, (m) => `должно быть одним из: ${m[1]}`],
  [/^must be at most (\d+) characters$/, (m) => `не длиннее ${m[1]} символов`],
  [/^must be shorter than the horizon \((.+) s\)$/, (m) => `должно быть короче горизонта (${m[1]} с)`],
  [
    /^(\S+) s \((.+)\) ends before the first unit can be finished: the quickest path through the line takes at least (\S+) s \((.+)\), so every output would be 0; choose a horizon well beyond it, with a warm-up for the line to fill$/,
    (m) => `${m[1]} с (${m[2]}) кончается раньше, чем может быть готово первое изделие: самый быстрый путь через линию занимает не меньше ${m[3]} с (${m[4]}), поэтому весь выпуск был бы равен 0; возьмите горизонт заметно длиннее, с разгоном для заполнения линии`,
  ],
  [/^must be an object \(a JSON merge patch\)$/, () => 'должно быть объектом (JSON merge patch)'],
  [/^must sum to 1$/, () => 'сумма должна быть равна 1'],
  [/^must list at least one (.+)$/, () => 'список не должен быть пустым'],
  [/^must list at most (\d+) (.+)$/, (m) => `не больше ${m[1]} элементов`],
  [/^unknown node id "([^"]+)"$/, (m) => `нет узла с id «${m[1]}»`],
  [/^"([^"]+)" cannot be reached from any source$/, (m) => `до узла «${m[1]}» не доходит ни один источник`],
  [/^a node cannot route to itself$/, () => 'узел не может отправлять детали сам себе'],
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `неверный тип: ожидается ${TYPE_RU[m[1]] ?? m[1]}, получено ${TYPE_RU[m[2]] ?? m[2]}`],
];

/**
 * One problem line of a refused document (`nodes[3].cycle.mean: must be > 0`) in the reader's
 * language: the field path stays as written, a reason from the known set is translated.
 */
export function problemText(locale: Locale, line: string): string {
  if (locale !== 'ru') return line;
  // The reason is what follows the last "path: " prefix; try each suffix from the shortest, so nested prefixes stay.
  const cuts = [0, ...[...line.matchAll(/: /g)].map((m) => m.index + 2)].reverse();
  for (const cut of cuts) {
    const reason = line.slice(cut);
    for (const [re, ru] of REASONS_RU) {
      const m = re.exec(reason);
      if (m) return line.slice(0, cut) + ru(m);
    }
  }
  return line;
}
