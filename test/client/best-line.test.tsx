import { describe, expect, it } from 'vitest';
import { pageText as text, renderIn as render } from './render-in-locale.ts';
import type { Locale } from '../../client/src/i18n/format.ts';
import { alternative, experimentOutcome } from './result-fixtures.ts';

/**
 * The experiment page's best line compares the best alternative with the runner-up; an experiment
 * of one alternative (the base model alone, as the form allows) has none, and the line says only
 * its value, not "not clearly better than —".
 */
async function bestLine(locale: Locale, alternatives: number): Promise<string> {
  const kpis = ['sinks.eol.perHour'];
  const points = [alternative('base', kpis, 100, 1), alternative('bigger buffer', kpis, 104, 1)].slice(0, alternatives);
  const outcome = experimentOutcome({
    experiment: 'best line',
    model: 'demo-line',
    kpis,
    rankBy: { kpi: 'sinks.eol.perHour', goal: 'max' },
    points,
    best: { name: points[points.length - 1].name, kpi: 'sinks.eol.perHour', goal: 'max', mean: 104, ci95: 1, clearlyBest: alternatives > 1, runnerUp: alternatives > 1 ? 'base' : null },
  });
  const html = await render(locale, async () => {
    const { ExperimentResults } = await import('../../client/src/experiments/ExperimentResults.tsx');
    return <ExperimentResults outcome={outcome} />;
  });
  return text(/data-testid="best-alternative">(.*?)<\/p>/.exec(html)![1]);
}

describe('the best-alternative line', () => {
  it('with one alternative says its value and compares it with nothing', async () => {
    const en = await bestLine('en', 1);
    expect(en).toMatch(/★ base — .*104/);
    expect(en).not.toContain('better than');
    expect(en).not.toContain('—;');
    expect(await bestLine('ru', 1)).not.toContain('лучше');
  });

  it('with two compares the best with the runner-up', async () => {
    expect(await bestLine('en', 2)).toMatch(/★ bigger buffer — .*104.*; /);
  });
});
