import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError, parseOrThrow } from '../../server/protocol/errors.ts';
import { ModelSchema } from '../../server/protocol/model.ts';
import { ScenarioSchema, applyScenario } from '../../server/protocol/scenario.ts';
import { ExperimentSchema } from '../../server/protocol/experiment.ts';
import { ROOT } from '../e2e/harness.ts';
import { NAMED_LINE, mutate, mutationArb } from './mutate.ts';

/**
 * Random and almost-right documents against the model, scenario and experiment
 * schemas: the only failure is a ValidationError, and every line of it names the
 * field it is about. Fixed seeds, so a failure replays.
 */
const json = (dir: string, file: string) => JSON.parse(readFileSync(join(ROOT, dir, file), 'utf8')) as Record<string, unknown>;
const MODELS = ['demo-line.json', 'default-plant.json'].map((f) => json('models', f));
const SCENARIOS = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json') && !f.includes('.experiment.')).map((f) => json('scenarios', f));
const EXPERIMENTS = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.includes('.experiment.')).map((f) => json('scenarios', f));
const RUNS = { seed: 8008, numRuns: 300 };

/** Runs `fn`; returns the problem lines if it threw a ValidationError, [] if it passed, and rethrows anything else. */
function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
    return [];
  } catch (err) {
    if (err instanceof ValidationError) {
      expect(err.problems.length, 'a ValidationError lists at least one problem').toBeGreaterThan(0);
      return err.problems;
    }
    throw new Error(`threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`, { cause: err });
  }
}

function expectNamed(problems: string[]): void {
  for (const line of problems) expect(line, 'each problem names its field').toMatch(NAMED_LINE);
}

describe('model schema under fuzzing', () => {
  it('random JSON is refused with a ValidationError, never another exception', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (doc) => {
        const p = problemsOf(() => parseOrThrow(ModelSchema, doc, 'model'));
        expect(p.length).toBeGreaterThan(0);
        if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) expectNamed(p);
      }),
      RUNS,
    );
  });

  it('mutated shipped models either parse or name every bad field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS.keys()), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (which, muts) => {
        expectNamed(problemsOf(() => parseOrThrow(ModelSchema, mutate(MODELS[which], muts), 'model')));
      }),
      RUNS,
    );
  });
});

describe('scenario schema under fuzzing', () => {
  it('mutated scenarios applied to their model either work or name every bad field', () => {
    const plant = MODELS[1] as unknown as Parameters<typeof applyScenario>[0];
    const fitting = SCENARIOS.filter((s) => s.model === 'default-plant');
    expect(fitting.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...fitting.keys()), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (which, muts) => {
        const doc = mutate(fitting[which], muts);
        expectNamed(
          problemsOf(() => {
            const scenario = parseOrThrow(ScenarioSchema, doc, 'scenario');
            applyScenario(plant, scenario);
          }),
        );
      }),
      { ...RUNS, numRuns: 150 }, // each run validates the whole default plant
    );
  });

  it('random JSON is refused as a scenario with a ValidationError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (doc) => {
        expect(problemsOf(() => parseOrThrow(ScenarioSchema, doc, 'scenario')).length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('experiment schema under fuzzing', () => {
  it('mutated experiment files either parse or name every bad field', () => {
    expect(EXPERIMENTS.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...EXPERIMENTS.keys()), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (which, muts) => {
        expectNamed(problemsOf(() => parseOrThrow(ExperimentSchema, mutate(EXPERIMENTS[which], muts), 'experiment')));
      }),
      RUNS,
    );
  });
});
