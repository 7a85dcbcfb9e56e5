import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Debrief, TrainingKpis } from '../../server/protocol/training-messages.ts';
import type { ExerciseDebrief } from '../../server/protocol/training-exercises.ts';
import { formatter, type Locale } from '../../client/src/i18n/format.ts';

/**
 * The debrief names the model's currency wherever it shows money (the scrap-cost
 * chart's axis, the totals row, the teams column): it used to write "€" whatever the
 * model said. uPlot draws axis labels in an effect, which server rendering does not
 * run, so the chart component is replaced by one that records the labels it is given.
 * Server rendering also reads a zustand store's initial state only (the server
 * snapshot), so the page's language is set the way a link sets it (`?lang=`) before
 * the client modules load, afresh for each language.
 */
const yLabels: (string | undefined)[] = [];
vi.mock('../../client/src/ui/UPlotChart.tsx', () => ({
  UPlotChart: (props: { yLabel?: string }) => {
    yLabels.push(props.yLabel);
    return null;
  },
}));

const kpis: TrainingKpis = { simTimeS: 3600, goodUnits: 100, unitsPerHour: 100, meanWip: 5, downShare: 0.1, crewWaitMeanS: 0, downHours: 1, scrapCost: 2500 };
const curve: Debrief['curves']['session'] = [
  [0, 0, 0, 0],
  [3600, 100, 1, 2500],
];

function debriefIn(currency: string | undefined): ExerciseDebrief {
  const debrief: Debrief = {
    untilS: 3600,
    runs: { session: kpis, noActions: kpis, reference: kpis },
    curves: { session: curve, noActions: curve, reference: curve },
    timeline: [],
    trainees: [{ user: 'alice', team: 'red' }].map((t) => ({ ...t, actions: 0 })),
    teams: [{ team: 'red', members: ['alice'], actions: 0, kpis }],
    ...(currency === undefined ? {} : { currency }),
  };
  const exercise = { id: 'ex', scriptId: 's', title: 'T', titleRu: null, instructor: null, startedAt: '2026-12-06T20:00:00Z', endedAt: null, simTimeS: 3600, state: 'finished', trainees: [], actions: 0, debrief: 'ready' as const };
  return { runId: 'ex', status: 'ready', exercise, debrief };
}

/** The page's money labels: the scrap chart's y axis, the totals' scrap row, the teams table's scrap header. */
async function moneyLabels(locale: Locale, currency: string | undefined) {
  vi.resetModules();
  vi.stubGlobal('location', { search: `?lang=${locale}` });
  const { DebriefBody } = await import('../../client/src/training/DebriefPage.tsx');
  const { exercise, debrief } = debriefIn(currency);
  yLabels.length = 0;
  const html = renderToStaticMarkup(<DebriefBody exercise={exercise} debrief={debrief} f={formatter(locale)} />);
  vi.unstubAllGlobals();
  const scrapRow = /<tr><td>((?:Scrap cost|Стоимость брака)[^<]*)<\/td>/.exec(html)?.[1];
  const teamHeader = [...html.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1]).at(-1);
  return { axis: yLabels.at(-1), scrapRow, teamHeader };
}

describe('the debrief shows money in the model’s currency', () => {
  it('a model in RUB: ₽ in Russian, RUB in English, on the axis, the totals and the teams table', async () => {
    const ru = await moneyLabels('ru', 'RUB');
    expect(ru.axis).toMatch(/, ₽$/);
    expect(ru.scrapRow).toMatch(/, ₽$/);
    expect(ru.teamHeader).toMatch(/, ₽$/);
    const en = await moneyLabels('en', 'RUB');
    expect(en).toEqual({ axis: 'scrap cost, RUB', scrapRow: 'Scrap cost, RUB', teamHeader: 'Scrap cost, RUB' });
  });

  it('a model in EUR still shows €', async () => {
    expect((await moneyLabels('en', 'EUR')).axis).toBe('scrap cost, €');
  });

  it('a debrief stored before the currency was recorded names none rather than guess', async () => {
    expect(await moneyLabels('en', undefined)).toEqual({ axis: 'scrap cost', scrapRow: 'Scrap cost', teamHeader: 'Scrap cost' });
  });

  it('a currency Intl does not know is shown as the model writes it', async () => {
    expect((await moneyLabels('en', 'kEUR')).axis).toBe('scrap cost, kEUR');
  });
});
