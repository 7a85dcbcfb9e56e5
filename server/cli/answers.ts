#!/usr/bin/env -S npx tsx
/**
 * `npm run answers`: runs the default plant and every scenario of it in
 * scenarios/ (not training scripts or experiments) — static bound, simulated
 * mean ± 95 % CI over replications, bottleneck by label — writes answers.json
 * and rewrites the README's block between the answers markers from it.
 * Options: --replications N (default 4), --horizon 120d, --seed 1, --check
 * (exit 1 if the README block differs from answers.json, without running),
 * --only <file> (re-run one scenario against the stored base, same settings).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, SCENARIOS_DIR, listScenarioFiles, loadModelWithScenario, readJsonFile } from '../files/model-files.ts';
import { parseDuration } from '../protocol/duration.ts';
import type { Model } from '../protocol/model.ts';
import { staticCapacity } from '../kpi/index.ts';
import { simulate } from './sim.ts';
import type { RunResult } from '../experiments/runner.ts';
import { currentBlock, reasonFor, renderAnswers, replaceBlock, type Answer, type Answers, type SimAnswer } from './answers-render.ts';

export const ANSWERS_MODEL = 'default-plant';
/** Beside the test that re-derives it: the top level holds only the project's fixed folders and configs. */
export const ANSWERS_JSON = join(PROJECT_ROOT, 'test', 'answers', 'answers.json');
export const README = join(PROJECT_ROOT, 'README.md');
const DAY = 86400;

export interface AnswerSettings {
  horizonS: number;
  replications: number;
  seed: number;
}
export const DEFAULT_ANSWER_SETTINGS: AnswerSettings = { horizonS: 120 * DAY, replications: 4, seed: 1 };

/** Scenario files of the answers' model in scenarios/, by name: the folder is the list. */
export function answerScenarioFiles(dir = SCENARIOS_DIR): string[] {
  return listScenarioFiles(dir)
    .filter((f) => {
      const raw = readJsonFile(join(dir, f)) as { model?: unknown };
      return typeof raw.model === 'string' && raw.model.replace(/\.json$/, '').replace(/^.*\//, '') === ANSWERS_MODEL;
    })
    .sort();
}

/** A scenario with a time schedule (a ramp) has no steady state: it runs from empty over its schedule, without a warm-up. */
function scheduleEndS(file: string | null): number | null {
  if (file === null) return null;
  const raw = readJsonFile(join(SCENARIOS_DIR, file)) as { schedule?: { at?: unknown }[] };
  if (!Array.isArray(raw.schedule) || raw.schedule.length === 0) return null;
  return Math.max(...raw.schedule.map((s) => (typeof s.at === 'string' || typeof s.at === 'number' ? parseDuration(s.at) : 0)));
}

const labelOf = (model: Model, id: string | undefined) => (id === undefined ? '' : (model.nodes.find((n) => n.id === id)?.label ?? id));
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);
const orNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function simAnswer(model: Model, r: RunResult, rep0: number | null): SimAnswer {
  const k = r.kpis as unknown as Record<string, unknown> & typeof r.kpis;
  const b = k.bottleneck;
  return {
    horizonS: r.horizonS,
    warmupS: r.warmupS,
    warmupMethod: r.warmupMethod,
    replications: r.replications,
    warnings: r.warnings,
    gwhPerYear: num(k.gwhPerYear),
    gwhPerYearCI95: orNull(k.gwhPerYearCI95) ?? 0,
    packGwhPerYear: orNull(k.packGwhPerYear),
    cellsPerDay: num(k.cellsPerDay),
    cellsPerDayCI95: orNull(k.cellsPerDayCI95) ?? 0,
    gradeBCellsPerDay: orNull(k.gradeBCellsPerDay),
    modulesPerDay: orNull(k.modulesPerDay),
    packsPerDay: orNull(k.packsPerDay),
    cellYield: num(k.yield.cell),
    leadTimeDays: orNull(k.leadTimeS.mean) === null ? null : k.leadTimeS.mean / DAY,
    wipCellEquivalents: orNull(k.wipByArea?.totalCellEquivalents),
    kwhPerKwhCell: orNull(k.energy?.kwhPerKwhCell),
    eurPerKwh: orNull(k.cost?.eurPerKwh),
    bottleneck: b === null ? null : { id: b.id, label: labelOf(model, b.id), kind: b.kind, measure: b.measure, share: b.share },
    rep0GwhPerYear: rep0 ?? Number.NaN,
  };
}

/** Bound and simulation of the model (file null) or one scenario file. */
export function answerFor(file: string | null, settings: AnswerSettings, base: Answer | null, withRep0 = false): Answer {
  const path = file === null ? undefined : join(SCENARIOS_DIR, file);
  const { model, scenario } = loadModelWithScenario(file === null ? ANSWERS_MODEL : undefined, path);
  const cap = staticCapacity(model);
  const end = scheduleEndS(file);
  const horizon = end === null ? settings.horizonS : end + 30 * DAY;
  const opts = { scenario: path, horizon, warmup: end === null ? ('auto' as const) : 0, replications: settings.replications, seed: settings.seed };
  const r = simulate(ANSWERS_MODEL, opts);
  const rep0 = withRep0 ? simulate(ANSWERS_MODEL, { ...opts, warmup: r.warmupS, replications: 1 }).kpis.gwhPerYear : null;
  const partial: Omit<Answer, 'reason'> = {
    file,
    name: scenario?.name ?? model.name,
    question: scenario?.question ?? 'the plant as modelled',
    model: model.name,
    bound: { gwhPerYear: cap.gwhPerYear ?? Number.NaN, cellsPerHour: cap.cellsPerHour, bottleneck: cap.bottleneck === null ? null : { id: cap.bottleneck.id, label: labelOf(model, cap.bottleneck.id) } },
    sim: simAnswer(model, r, rep0),
  };
  return { ...partial, reason: reasonFor(partial, base) };
}

export function runAnswers(settings: AnswerSettings, log: (line: string) => void = () => {}): Answers {
  const t0 = performance.now();
  const base = answerFor(null, settings, null, true);
  log(`base: ${base.sim.gwhPerYear.toFixed(3)} ± ${base.sim.gwhPerYearCI95.toFixed(3)} GWh/yr (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  const scenarios = answerScenarioFiles().map((file) => {
    const a = answerFor(file, settings, base);
    log(`${file}: ${a.sim.gwhPerYear.toFixed(3)} ± ${a.sim.gwhPerYearCI95.toFixed(3)} GWh/yr; ${a.reason} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    return a;
  });
  return { generatedBy: 'npm run answers', seed: settings.seed, base, scenarios };
}

function main(argv: string[]): number {
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const readme = readFileSync(README, 'utf8');
  if (argv.includes('--check')) {
    const stored = readJsonFile(ANSWERS_JSON) as Answers;
    const same = currentBlock(readme) === renderAnswers(stored);
    process.stderr.write(same ? 'README answers block matches answers.json\n' : 'README answers block differs from answers.json: run npm run answers\n');
    return same ? 0 : 1;
  }
  const settings: AnswerSettings = {
    horizonS: arg('--horizon') !== undefined ? parseDuration(arg('--horizon')!) : DEFAULT_ANSWER_SETTINGS.horizonS,
    replications: arg('--replications') !== undefined ? Number(arg('--replications')) : DEFAULT_ANSWER_SETTINGS.replications,
    seed: arg('--seed') !== undefined ? Number(arg('--seed')) : DEFAULT_ANSWER_SETTINGS.seed,
  };
  const t0 = performance.now();
  const only = arg('--only');
  let answers: Answers;
  if (only !== undefined) {
    answers = readJsonFile(ANSWERS_JSON) as Answers;
    const i = answers.scenarios.findIndex((a) => a.file === only);
    if (i < 0) throw new Error(`--only: ${only} is not in answers.json`);
    const s = answers.base.sim;
    answers.scenarios[i] = answerFor(only, { horizonS: s.horizonS, replications: s.replications, seed: answers.seed }, answers.base);
  } else answers = runAnswers(settings, (line) => process.stderr.write(`${line}\n`));
  writeFileSync(ANSWERS_JSON, `${JSON.stringify(answers, null, 2)}\n`);
  writeFileSync(README, replaceBlock(readme, renderAnswers(answers)));
  process.stderr.write(`answers.json and README.md written in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
