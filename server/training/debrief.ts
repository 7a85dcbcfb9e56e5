import { Plant } from '../plant/plant.ts';
import { currencyOf, type Model } from '../protocol/model.ts';
import type { TrainingScript } from '../protocol/training.ts';
import type { Debrief, TrainingKpis, TrainingLogEntry } from '../protocol/training-messages.ts';
import { goodUnits, losses, trainingKpis } from './scoreboard.ts';
import { TrainingRun, type EngineOpExecutor } from './training-run.ts';

/** Points on each throughput curve. */
const CURVE_POINTS = 60;

export interface HeadlessResult {
  kpis: TrainingKpis;
  /** [simTimeS, good units, down server-hours, scrap cost], cumulative (see CurvePointSchema). */
  curve: [number, number, number, number][];
  run: TrainingRun;
  plant: Plant;
}

export interface HeadlessOptions {
  /** exact: replay a logged run op for op; byTime: apply ops at their sim times (counterfactuals). */
  mode: 'exact' | 'byTime';
  log: readonly TrainingLogEntry[];
  untilS: number;
  engineOp?: EngineOpExecutor;
}

/** Runs a script with a set of ops to `untilS` on a fresh plant, sampling the throughput curve. */
export function runHeadless(model: Model, script: TrainingScript, seed: number, opts: HeadlessOptions): HeadlessResult {
  const plant = new Plant(model, seed, 0);
  const run = new TrainingRun(script, { engineOp: opts.engineOp });
  run.attach(plant);
  if (opts.mode === 'exact') run.replayExact(opts.log);
  else run.scheduleByTime(opts.log.map((e) => ({ at: e.at, item: e.item, by: e.by, role: e.role })));
  const curve: HeadlessResult['curve'] = [[0, 0, 0, 0]];
  for (let k = 1; k <= CURVE_POINTS; k++) {
    const t = (opts.untilS * k) / CURVE_POINTS;
    plant.runUntil(t);
    const lost = losses(plant);
    curve.push([t, goodUnits(plant, script.measureAt), lost.downHours, lost.scrapCost]);
  }
  return { kpis: trainingKpis(plant, script.measureAt), curve, run, plant };
}

/** Log entries that are the instructor's (kept in every variant) rather than a trainee's. */
function instructorOps(log: readonly TrainingLogEntry[]): TrainingLogEntry[] {
  return log.filter((e) => e.item.op !== 'action');
}

/**
 * The debrief: the session's run (replayed exactly from its log) against the
 * same script and seed with no trainee actions and with the script's reference
 * actions; plus a timeline of script events and actions for the charts.
 */
export function debrief(
  model: Model,
  script: TrainingScript,
  seed: number,
  log: readonly TrainingLogEntry[],
  untilS: number,
  teams: ReadonlyMap<string, string | null>,
  engineOp?: EngineOpExecutor,
): Debrief {
  const horizon = Math.max(untilS, 1);
  const session = runHeadless(model, script, seed, { mode: 'exact', log, untilS: horizon, engineOp });
  const none = runHeadless(model, script, seed, { mode: 'byTime', log: instructorOps(log), untilS: horizon, engineOp });
  const reference = script.reference.map((r, i): TrainingLogEntry => ({ seq: -1 - i, at: r.at, ev: 0, wall: '', by: 'reference', role: 'reference', item: { op: 'action', act: r.act } }));
  const ref = runHeadless(model, script, seed, { mode: 'byTime', log: [...instructorOps(log), ...reference], untilS: horizon, engineOp });

  const timeline: Debrief['timeline'] = [
    ...session.run.fired.map((r) => ({ at: r.at, kind: r.ended ? `${r.kind} ended` : r.kind, label: `${r.kind}${r.nodeId ? ` ${r.nodeId}` : ''}${r.ended ? ' (end)' : ''}` })),
    ...log.map((e) => ({ at: e.at, kind: e.item.op === 'action' ? e.item.act.action : e.item.op, label: describe(e), by: e.by, team: teams.get(e.by) ?? null })),
  ].sort((a, b) => a.at - b.at);

  const counts = new Map<string, number>();
  for (const e of log) if (e.item.op === 'action') counts.set(e.by, (counts.get(e.by) ?? 0) + 1);
  const trainees = [...new Set([...teams.keys(), ...counts.keys()])].map((user) => ({ user, team: teams.get(user) ?? null, actions: counts.get(user) ?? 0 }));

  // Each team scored on its own decisions: the script with only its members' actions.
  const teamNames = [...new Set([...teams.values()].filter((t): t is string => t !== null))].sort();
  const perTeam = teamNames.map((team) => {
    const members = trainees.filter((t) => t.team === team).map((t) => t.user);
    const own = log.filter((e) => e.item.op === 'action' && members.includes(e.by));
    const run = runHeadless(model, script, seed, { mode: 'byTime', log: [...instructorOps(log), ...own], untilS: horizon, engineOp });
    return { team, members, actions: own.length, kpis: run.kpis };
  });

  return {
    untilS: horizon,
    runs: { session: session.kpis, noActions: none.kpis, reference: ref.kpis },
    curves: { session: session.curve, noActions: none.curve, reference: ref.curve },
    timeline,
    trainees,
    teams: perTeam,
    currency: currencyOf(model), // as the plant KPIs take it
  };
}

function describe(e: TrainingLogEntry): string {
  const item = e.item;
  switch (item.op) {
    case 'action':
      return `${item.act.action} ${item.act.nodeId}`;
    case 'fire':
      return `fire event ${item.eventIndex}`;
    case 'skip':
      return `skip event ${item.eventIndex}`;
    case 'delay':
      return `delay event ${item.eventIndex} by ${item.byS} s`;
    case 'clearBreakdown':
      return `clear ${item.nodeId}`;
    case 'engine':
      return `${item.cmd.type}${typeof item.cmd.nodeId === 'string' ? ` ${item.cmd.nodeId}` : ''}`;
  }
}
