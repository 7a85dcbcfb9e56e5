import { RunWarningSchema, warningMessage, type RunWarning, type WarningCode } from '../../../server/protocol/warnings.ts';
import type { Locale } from './format.ts';

/** One warning of a result as a page shows it: the server's English text, and its code when the server sent one. */
export interface ShownWarning {
  message: string;
  coded?: RunWarning;
}

type Params = RunWarning['params'];

/**
 * A Russian sentence for each warning the server names (server/protocol/warnings.ts, which holds
 * the English): what is wrong with the result and what to do. The types make Russian cover every code.
 */
const RU: Record<WarningCode, (p: Params) => string> = {
  'mser-too-few-observations': (p) => `Для MSER-5 нужно не меньше 2 пакетов по ${p.batch ?? '?'} наблюдений, а получено ${p.observations ?? '?'} наблюдений: увеличьте горизонт`,
  'transient-too-long': (p) =>
    `прогон слишком короток для переходного периода: по MSER-5 разгон кончается на ${p.endPercent ?? '?'} % горизонта (во второй половине); взято лучшее усечение первой половины (${p.usedPercent ?? '?'} %), поэтому в результате может остаться смещение от пуска — увеличьте горизонт`,
  'few-batches-left': (p) => `после разгона осталось только ${p.left ?? '?'} пакетных средних (меньше ${p.min ?? '?'}): увеличьте горизонт`,
  'first-output-late': (p) => `первое изделие готово только на ${p.percent ?? '?'} % горизонта: большую часть прогона линия заполняется, и выпуск в час намного ниже установившегося — увеличьте горизонт`,
  'no-output-after-warmup': () => 'после разгона ничего не выпущено: измеряемый интервал короче времени до первой готовой ячейки',
  'nothing-can-finish': (p) => `горизонт (${p.horizonS ?? '?'} с) кончается раньше, чем может быть готово первое изделие: самый быстрый путь через линию занимает не меньше ${p.leastS ?? '?'} с, поэтому весь выпуск равен 0 — увеличьте горизонт`,
};

/**
 * A result's warnings (`warnings[]`, the English sentences, and `warningCodes[]`, the same coded
 * in the same order). The codes are used only when they match the sentences one for one, so a
 * result stored before codes existed, or a malformed list, shows its English text as it came.
 */
export function warningsOf(doc: { warnings?: unknown; warningCodes?: unknown }): ShownWarning[] {
  const list = Array.isArray(doc.warnings) ? doc.warnings : [];
  const messages = list.map((w) => (typeof w === 'string' ? w : typeof w === 'object' && w !== null && 'message' in w ? String((w as { message: unknown }).message) : JSON.stringify(w)));
  const codes = Array.isArray(doc.warningCodes) && doc.warningCodes.length === messages.length ? doc.warningCodes.map((c) => RunWarningSchema.safeParse(c)) : [];
  return messages.map((message, i) => (codes[i]?.success ? { message, coded: codes[i].data } : { message }));
}

/**
 * A warning in the reader's language: by its code (naming what it is about, an alternative or a
 * candidate, through `nameOf`), else, stored before codes, the server's English as it came.
 */
export function warningText(locale: Locale, w: ShownWarning, nameOf: (of: string) => string = (of) => of): string {
  if (w.coded === undefined) return w.message;
  const of = w.coded.params.of;
  if (locale !== 'ru') return of === undefined ? w.message : warningMessage({ code: w.coded.code, params: { ...w.coded.params, of: nameOf(String(of)) } });
  const text = RU[w.coded.code](w.coded.params);
  return of === undefined ? text.charAt(0).toUpperCase() + text.slice(1) : `${nameOf(String(of))}: ${text}`;
}
