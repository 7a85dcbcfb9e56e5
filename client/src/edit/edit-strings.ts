import { useUi } from '../state/ui-store.ts';

/**
 * The editor's own words, kept beside it rather than in i18n/strings.ts so the
 * editor can change without touching a file the other panels share.
 */
const en = {
  editLayout: 'Edit layout',
  doneEditing: 'Leave edit mode',
  editTitle: 'Layout edit',
  editHint: 'Click a machine or buffer, then drag its yellow frame on the floor (0.5 m grid). Edits stay local until saved as a scenario.',
  selectNode: 'Select a node in the plant to move or change it.',
  position: 'Position',
  rotate: 'Rotate 90°',
  servers: 'Parallel machines',
  capacity: 'Buffer slots',
  unbounded: 'unbounded',
  conveyorPath: 'Conveyor path',
  drawPath: 'Draw path',
  finishPath: 'Finish path',
  cancel: 'Cancel',
  clearPath: 'Remove path',
  drawHint: 'Click the floor at each bend, from the feeder to the destination; then finish.',
  points: 'points',
  transport: 'Transport distances',
  from: 'From',
  to: 'To',
  distance: 'Distance',
  travel: 'Travel',
  total: 'Total',
  refused: 'Not applied',
  changes: 'Changed nodes',
  reset: 'Undo all',
  saveAs: 'Save as scenario',
  scenarioName: 'Name (file id)',
  question: 'Question it answers',
  overwrite: 'Overwrite my saved scenario of that name',
  save: 'Save',
  saved: 'Saved as',
  saveNeedsChange: 'Nothing changed yet.',
  basedOnScenario: 'The session runs a scenario; the saved overlay applies to the base model',
  compareTitle: 'Compare layouts',
  baseLayout: 'Base layout',
  layoutScenario: 'Layout scenario',
  compare: 'Run both',
  throughput: 'Throughput',
  leadTime: 'Lead time (mean)',
  vehicleUtil: 'Vehicle utilisation',
  waitTransport: 'Wait for transport',
  travelTotal: 'Total travel distance',
  noLayoutScenario: 'No saved layout scenarios yet: save one in edit mode on the live page.',
};

export type EditKey = keyof typeof en;

const ru: Record<EditKey, string> = {
  editLayout: 'Редактировать планировку',
  doneEditing: 'Выйти из редактирования',
  editTitle: 'Редактирование планировки',
  editHint: 'Выберите станок или буфер и перетащите жёлтую рамку по полу (сетка 0,5 м). Изменения локальны, пока не сохранены как сценарий.',
  selectNode: 'Выберите узел на схеме, чтобы переместить или изменить его.',
  position: 'Положение',
  rotate: 'Повернуть на 90°',
  servers: 'Параллельные станки',
  capacity: 'Места буфера',
  unbounded: 'без ограничения',
  conveyorPath: 'Трасса конвейера',
  drawPath: 'Нарисовать трассу',
  finishPath: 'Завершить трассу',
  cancel: 'Отмена',
  clearPath: 'Удалить трассу',
  drawHint: 'Щёлкайте по полу в каждой точке поворота, от подачи к приёму; затем завершите.',
  points: 'точек',
  transport: 'Транспортные расстояния',
  from: 'Откуда',
  to: 'Куда',
  distance: 'Расстояние',
  travel: 'В пути',
  total: 'Итого',
  refused: 'Не применено',
  changes: 'Изменённые узлы',
  reset: 'Отменить всё',
  saveAs: 'Сохранить как сценарий',
  scenarioName: 'Имя (id файла)',
  question: 'На какой вопрос отвечает',
  overwrite: 'Перезаписать мой сценарий с этим именем',
  save: 'Сохранить',
  saved: 'Сохранено как',
  saveNeedsChange: 'Пока ничего не изменено.',
  basedOnScenario: 'Сессия идёт по сценарию; сохранённое изменение применяется к базовой модели',
  compareTitle: 'Сравнение планировок',
  baseLayout: 'Базовая планировка',
  layoutScenario: 'Сценарий планировки',
  compare: 'Запустить оба',
  throughput: 'Выпуск',
  leadTime: 'Время выполнения (среднее)',
  vehicleUtil: 'Загрузка транспорта',
  waitTransport: 'Ожидание транспорта',
  travelTotal: 'Суммарный пробег',
  noLayoutScenario: 'Сохранённых сценариев планировки пока нет: сохраните на странице «Live» в режиме редактирования.',
};

const DICTS = { en, ru };

/** The editor's strings in the chosen language. */
export function useEditText(): (key: EditKey) => string {
  const locale = useUi((s) => s.locale);
  return (key) => DICTS[locale][key];
}
