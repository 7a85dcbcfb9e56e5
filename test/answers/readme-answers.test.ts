/**
 * The README's default-plant figures and scenario table come from the tool:
 * the block must be exactly what answers.json renders to, answers.json must
 * cover every scenario in the folder, its static bounds must be what the bound
 * computes today, and one simulated figure is re-run (runs are deterministic
 * for a seed, so replication 0 with the stored warm-up reproduces it exactly).
 * A failure here means: run `npm run answers` and commit what it writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWERS_JSON, ANSWERS_MODEL, README, answerScenarioFiles } from '../../server/cli/answers.ts';
import { currentBlock, reasonFor, renderAnswers, type Answer, type Answers } from '../../server/cli/answers-render.ts';
import { simulate } from '../../server/cli/sim.ts';
import { SCENARIOS_DIR, loadModelWithScenario } from '../../server/files/model-files.ts';
import { staticCapacity } from '../../server/kpi/capacity.ts';

const answers = JSON.parse(readFileSync(ANSWERS_JSON, 'utf8')) as Answers;
const readme = readFileSync(README, 'utf8');

describe('README figures come from npm run answers', () => {
  it('the README block is what answers.json renders to', () => {
    expect(currentBlock(readme)).toBe(renderAnswers(answers));
  });

  it('answers.json covers exactly the scenarios in the folder', () => {
    expect(answers.scenarios.map((a) => a.file)).toEqual(answerScenarioFiles());
  });

  it('every static bound is what the bound computes today', () => {
    for (const a of [answers.base, ...answers.scenarios]) {
      const { model } = loadModelWithScenario(a.file === null ? ANSWERS_MODEL : undefined, a.file === null ? undefined : join(SCENARIOS_DIR, a.file));
      const cap = staticCapacity(model);
      expect(cap.gwhPerYear! / a.bound.gwhPerYear - 1, a.file ?? 'base').toBeCloseTo(0, 9);
      expect(cap.bottleneck?.id, a.file ?? 'base').toBe(a.bound.bottleneck?.id);
    }
  });

  it('every reason is derived from its numbers', () => {
    const strip = ({ reason: _r, ...rest }: Answer) => rest;
    expect(answers.base.reason).toBe(reasonFor(strip(answers.base), null));
    for (const a of answers.scenarios) expect(a.reason, a.file ?? '').toBe(reasonFor(strip(a), answers.base));
  });

  it('the base plant, replication 0 with the stored warm-up, gives the stored GWh/yr', () => {
    const s = answers.base.sim;
    const r = simulate(ANSWERS_MODEL, { horizon: s.horizonS, warmup: s.warmupS, replications: 1, seed: answers.seed });
    expect(r.kpis.gwhPerYear).toBeCloseTo(s.rep0GwhPerYear, 9);
    // And the published mean is the mean of replications like it: within its own 95 % interval of rep 0 x √n-ish slack.
    expect(Math.abs(s.gwhPerYear - s.rep0GwhPerYear)).toBeLessThanOrEqual(s.gwhPerYearCI95 * Math.sqrt(s.replications) + 1e-9);
  });
});

describe('README quotes the optimiser answer of record', () => {
  // The optimisation takes minutes, so it is not re-run here; its file records the last answer and the README must quote that, not a hand copy.
  it('the cheapest-4gwh result in the README is the optimisation file description', () => {
    const file = JSON.parse(readFileSync(join(SCENARIOS_DIR, 'cheapest-4gwh.optimize.json'), 'utf8')) as { description?: string };
    expect(file.description).toMatch(/stackers .* formation racks make [0-9.]+ ± [0-9.]+ GWh\/yr/);
    expect(readme).toContain(`> ${file.description}\n`);
  });
});
