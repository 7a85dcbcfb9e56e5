import { describe, expect, it } from 'vitest';
import { pageText as text, renderIn as render } from './render-in-locale.ts';
import type { Locale } from '../../client/src/i18n/format.ts';
import type { ExperimentOutcome } from '../../client/src/experiments/experiment-result.ts';
import { warningsOf, warningText } from '../../client/src/i18n/warning-text.ts';
import { resultWarnings, runWarning, warningsAbout } from '../../server/protocol/warnings.ts';

/**
 * A result's warnings (MSER-5's "too short for its transient" and the like) come as English
 * sentences and, from servers that code them, as codes with parameters in the same order. A
 * Russian page says them in Russian; an English page, and any result stored before codes
 * existed, shows the English text as it came.
 */
const transient = runWarning('transient-too-long', { endPercent: 70, usedPercent: 12 });
const fewLeft = runWarning('few-batches-left', { left: 8, min: 30 });

describe('result warnings in the reader’s language', () => {
  it('Russian by code, English as the server wrote it', () => {
    const doc = resultWarnings([transient, fewLeft]);
    const shown = warningsOf(doc);
    expect(shown.map((w) => warningText('en', w))).toEqual(doc.warnings);
    expect(warningText('ru', shown[0])).toBe(
      'Прогон слишком короток для переходного периода: по MSER-5 разгон кончается на 70 % горизонта (во второй половине); взято лучшее усечение первой половины (12 %), поэтому в результате может остаться смещение от пуска — увеличьте горизонт',
    );
    expect(warningText('ru', shown[1])).toBe('После разгона осталось только 8 пакетных средних (меньше 30): увеличьте горизонт');
  });

  it('a stored result without codes, or with codes that do not match its sentences, keeps its English', () => {
    const { warnings } = resultWarnings([transient]);
    expect(warningsOf({ warnings }).map((w) => warningText('ru', w))).toEqual(warnings);
    expect(warningsOf({ warnings, warningCodes: [] }).map((w) => warningText('ru', w))).toEqual(warnings);
    expect(warningsOf({ warnings, warningCodes: [{ code: 'from-a-newer-server' }] }).map((w) => warningText('ru', w))).toEqual(warnings);
  });

  async function experimentPage(locale: Locale, coded: boolean) {
    const doc = resultWarnings(warningsAbout('base', [runWarning('no-output-after-warmup')]));
    const outcome: ExperimentOutcome = {
      experiment: 'short', model: 'line', horizonS: 3600, warmupS: 0, seed: 1, replications: 2, precision: null, kpis: ['sinks.out.perHour'],
      rankBy: { kpi: 'sinks.out.perHour', goal: 'max' },
      points: [{ name: 'base', nameRu: 'база', replications: 2, kpis: { 'sinks.out.perHour': { n: 2, mean: 0, ci95: 0 } }, samples: {} }],
      best: null, warmup: null, warnings: doc.warnings, ...(coded ? { warningCodes: doc.warningCodes } : {}),
    };
    return render(locale, async () => {
      const { ExperimentResults } = await import('../../client/src/experiments/ExperimentResults.tsx');
      return <ExperimentResults outcome={outcome} />;
    });
  }
  const warningsIn = (html: string) => text(/data-testid="experiment-warnings"[^>]*>(.*?)<\/div>/.exec(html)?.[1] ?? '');

  it('on the experiments page, naming the alternative in the page’s language', async () => {
    expect(warningsIn(await experimentPage('ru', true))).toBe('⚠ Предупреждения: база: после разгона ничего не выпущено: измеряемый интервал короче времени до первой готовой ячейки');
    expect(warningsIn(await experimentPage('en', true))).toBe('⚠ Warnings: base: no output after the warm-up: the measured window is shorter than the time to the first finished cell');
    // Stored before codes: the English sentence, on the Russian page too.
    expect(warningsIn(await experimentPage('ru', false))).toBe('⚠ Предупреждения: base: no output after the warm-up: the measured window is shorter than the time to the first finished cell');
  });
});

describe('an optimisation’s warnings', () => {
  async function optimizePage(locale: Locale) {
    const doc = resultWarnings(warningsAbout('{"cut.servers":1}', [runWarning('first-output-late', { percent: 80 })]));
    return render(locale, async () => {
      const { OptimizeResults } = await import('../../client/src/optimize/OptimizeResults.tsx');
      const kpis = { 'sinks.out.perHour': { mean: 0.5, ci95: 0.1 } };
      return (
        <OptimizeResults
          outcome={{
            name: 'short', model: 'line', method: 'exhaustive', gridSize: 1, evaluated: 1, runs: 2,
            best: { values: { 'cut.servers': 1 }, objective: 0.5, replications: 2, kpis, holds: true },
            candidates: [{ id: 0, values: { 'cut.servers': 1 }, replications: 2, status: 'holds', objective: 0.5, kpis }],
            pareto: null, engine: { events: 10, wallSeconds: 1 }, ...doc,
          }}
        />
      );
    });
  }
  const box = (html: string) => text(/data-testid="optimize-warnings"[^>]*>(.*?)<\/div>/.exec(html)?.[1] ?? '');

  it('are shown, naming the candidate by its variables as the table does', async () => {
    expect(box(await optimizePage('en'))).toBe('⚠ Warnings: cut.servers = 1: the first unit finished only at 80 % of the horizon: most of the run is the line filling, so rates are far below the steady state — run longer');
    expect(box(await optimizePage('ru'))).toBe('⚠ Предупреждения: cut.servers = 1: первое изделие готово только на 80 % горизонта: большую часть прогона линия заполняется, и выпуск в час намного ниже установившегося — увеличьте горизонт');
  });
});
