import type { NodeLabel } from '../protocol/node-labels.ts';
import type { OptimizationPartial } from '../protocol/partial-result.ts';
import { stopReasonOf, type Executor } from './executors.ts';
import type { PilotOutcome, PilotTask, ReplicationOutcome, ReplicationTask } from './task.ts';
import type { OptimizePlan } from './optimize-plan.ts';
import { better, checkConstraints, closeTo, estimate, objectiveOf, statusOf, type Candidate, type ConstraintCheck, type Estimate, type Status } from './optimize-stats.ts';
import { front, patternSearch, type ParetoFront } from './optimize-search.ts';
import { resultWarnings, warningsAbout, type RunWarning } from '../protocol/warnings.ts';
import { initialOptimizeProgress, pilotPoints, searchSize, type OptimizeProgress } from './optimize-progress.ts';

export type { OptimizeProgress };

export interface CandidateRow {
  id: number;
  values: Record<string, number>;
  replications: number;
  status: Status;
  objective: number | null;
  kpis: Record<string, Estimate | null>;
}

export interface OptimizeResult {
  name: string;
  question?: string;
  model: string;
  /** The currency of every money KPI (the base model's `product.currency`; a variable cannot change it). */
  currency: string;
  /** Labels of the model's sinks by id, for naming `sinks.<id>.*` KPIs; absent in results stored before they were recorded. */
  sinkLabels: Record<string, NodeLabel>;
  method: 'exhaustive' | 'pattern search';
  horizonS: number;
  warmupS: number;
  /** How the warm-up was chosen: 'fixed', or MSER-5's method name with `warmup: "auto"`. */
  warmupMethod: string;
  /** The warm-up pilots' warnings (e.g. no steady state found), in English. */
  warnings: string[];
  /** The same warnings coded (server/protocol/warnings.ts), each naming its candidate in `of`; absent in results stored before. */
  warningCodes: RunWarning[];
  seed: number;
  gridSize: number;
  /** Candidates simulated. */
  evaluated: number;
  /** The candidates' replication runs in all (replications per candidate vary: see the table). */
  runs: number;
  /** MSER-5 warm-up pilot runs before the search (warm-up `auto`), not in `runs`; absent in results stored before, whose `runs` counted them. */
  pilotRuns?: number;
  objective: OptimizePlan['objective'];
  best: {
    values: Record<string, number>;
    objective: number | null;
    replications: number;
    /** Every measured KPI with its 95 % interval half-width. */
    kpis: Record<string, Estimate | null>;
    constraints: ConstraintCheck[];
    /** All constraints hold at their requested confidence. */
    holds: boolean;
  } | null;
  candidates: CandidateRow[];
  pareto: ParetoFront | null;
  engine: { events: number; wallSeconds: number };
  /** Only on a search stopped before it finished: every field above covers the candidates fully evaluated by then. */
  partial?: OptimizationPartial;
}

/**
 * Finds the best grid point: every point when the grid has at most
 * `exhaustiveUpTo` (so the optimum is exact at the given replications), else a
 * compass (pattern) search on the grid's index lattice. No optimisation package
 * is installed here, and the ones published (fmin's Nelder–Mead, genetic-js)
 * work on continuous, noise-free functions; a lattice pattern search with
 * ranking-and-selection fits integer decision variables and noisy, constrained
 * KPIs, and takes a few dozen lines.
 * Replication r of every candidate uses the same random streams (common random
 * numbers); replications are doubled (up to maxReplications) only for candidates
 * whose constraint is undecided at its confidence or whose objective cannot yet
 * be told apart from the best's.
 */
export async function runOptimization(plan: OptimizePlan, executor: Executor, onProgress?: (p: OptimizeProgress) => void, signal?: AbortSignal): Promise<OptimizeResult> {
  const t0 = performance.now();
  const { dims, gridSize, exhaustive, budget } = searchSize(plan);
  const byKey = new Map<string, Candidate>();
  // The candidates' runs; the warm-up pilots are counted apart (they measure nothing the result holds).
  let runsDone = 0;
  let runsQueued = 0;
  const { pilots: pilotCount } = initialOptimizeProgress(plan);
  let events = 0;
  let phase: OptimizationPartial['phase'] = plan.warmupS === 'auto' ? 'warm-up pilot' : 'search';
  /** Candidates whose first replications were cut short by a stop. */
  let unfinished = 0;
  // Polls may create candidates that the budget then leaves unsimulated: count only those with runs.
  const evaluatedCount = () => [...byKey.values()].filter((c) => c.replications > 0).length;
  const progress = (at: OptimizeProgress['phase']) => onProgress?.({ evaluated: evaluatedCount(), budget, runsDone, runsQueued, phase: at, ...(pilotCount ? { pilots: { ...pilotCount } } : {}) });
  progress('search');

  // 'auto': MSER-5 pilots at the low corner, centre and high corner of the grid (the pattern search's
  // starts); every candidate then uses the longest warm-up found, so all are measured over one window.
  let warmupS = plan.warmupS === 'auto' ? 0 : plan.warmupS;
  let warmupMethod = 'fixed';
  const warnings: RunWarning[] = [];
  let stopped = false;
  /** Runs a stage; a stop by `signal` ends the search there, keeping what finished. */
  const untilStopped = async (stage: () => Promise<void>) => {
    try {
      await stage();
    } catch (err) {
      if (!signal?.aborted) throw err;
      stopped = true;
    }
  };
  await untilStopped(async () => {
    if (plan.warmupS === 'auto') {
      const unique = pilotPoints(dims);
      const pilots: PilotTask[] = unique.map((c, point) => ({ kind: 'pilot', point, replication: 0, model: plan.modelAt(c), horizonS: plan.horizonS, seed: plan.seed }));
      const found = (await executor.run(pilots, () => {
        pilotCount!.done++;
        progress('search');
      })) as PilotOutcome[];
      for (const p of found) events += p.events;
      warmupS = Math.max(0, ...found.map((p) => p.warmupS));
      warmupMethod = found[0]?.method ?? 'fixed';
      for (const p of found) warnings.push(...warningsAbout(JSON.stringify(Object.fromEntries(plan.variables.map((v, i) => [v.path, v.values[unique[p.point][i]]]))), p.warnings));
    }
  });

  const candidate = (indices: number[]): Candidate => {
    const key = indices.join(',');
    let c = byKey.get(key);
    if (c === undefined) {
      const values = Object.fromEntries(plan.variables.map((v, i) => [v.path, v.values[indices[i]]]));
      c = { id: byKey.size, indices, values, samples: new Map(plan.metrics.map((m) => [m, []])), replications: 0 };
      byKey.set(key, c);
    }
    return c;
  };

  /**
   * Runs replications [c.replications, upTo) of each candidate, all in one batch on the executor.
   * When the batch is stopped (`signal`), each candidate keeps its replications that finished
   * from 0 on without a gap, so pairs over common replications stay whole; a candidate left
   * short of its first `replications` was not fully evaluated and is dropped.
   */
  const replicate = async (wanted: { c: Candidate; upTo: number }[], batchPhase: OptimizeProgress['phase']) => {
    const tasks: ReplicationTask[] = [];
    for (const { c, upTo } of wanted) {
      const model = plan.modelAt(c.indices);
      for (let r = c.replications; r < upTo; r++) {
        tasks.push({ kind: 'replication', point: c.id, replication: r, model, horizonS: plan.horizonS, warmupS, seed: plan.seed, kpis: plan.metrics });
      }
    }
    if (tasks.length === 0) return;
    phase = batchPhase;
    runsQueued += tasks.length;
    progress(batchPhase);
    const byId = new Map(wanted.map(({ c }) => [c.id, c]));
    const finished = new Map(wanted.map(({ c }) => [c.id, new Set<number>()]));
    // Outcomes count until the batch rejects (queue mode hands over jobs that finished before the stop just after it).
    let over = false;
    try {
      await executor.run(tasks, (outcome) => {
        if (over) return; // a straggler after the stop is not part of the result
        const o = outcome as ReplicationOutcome;
        const c = byId.get(o.point)!;
        runsDone++;
        events += o.events;
        for (const m of plan.metrics) c.samples.get(m)![o.replication] = o.metrics[m] ?? Number.NaN;
        finished.get(c.id)!.add(o.replication);
        progress(batchPhase);
      });
    } catch (err) {
      over = true;
      if (!signal?.aborted) throw err;
      for (const { c } of wanted) {
        let kept = c.replications;
        while (finished.get(c.id)!.has(kept)) kept++;
        if (kept < plan.replications) {
          if (finished.get(c.id)!.size > 0) unfinished++;
          kept = 0;
        }
        c.replications = kept;
        for (const values of c.samples.values()) values.length = kept;
      }
      throw err;
    }
    for (const { c, upTo } of wanted) c.replications = Math.max(c.replications, upTo);
    progress(batchPhase);
  };

  const evaluate = async (list: Candidate[]) => {
    await replicate(list.filter((c) => c.replications === 0).map((c) => ({ c, upTo: plan.replications })), 'search');
    await refine(list);
  };

  const bestOf = (list: Iterable<Candidate>): Candidate | null => {
    let best: Candidate | null = null;
    for (const c of list) if (c.replications > 0 && (best === null || better(plan, c, best))) best = c;
    return best;
  };

  /** Ranking and selection: more replications where the decision is still open. */
  const refine = async (pool: Candidate[]) => {
    for (;;) {
      const best = bestOf(byKey.values());
      const open = (c: Candidate) => {
        const s = statusOf(checkConstraints(plan, c));
        if (s === 'uncertain') return true;
        return s === 'holds' && best !== null && c !== best && statusOf(checkConstraints(plan, best)) === 'holds' && closeTo(plan, c, best);
      };
      const need = new Set(pool.filter((c) => c.replications < plan.maxReplications && open(c)));
      // The best is compared in pairs over common replications, so it gets as many as its close rivals,
      // including rivals refined earlier (which are no longer in need).
      const rivals = [...byKey.values()].filter((c) => c !== best && c.replications > 0 && (need.has(c) || c.replications > (best?.replications ?? 0)));
      if (best !== null && best.replications < plan.maxReplications && rivals.some((c) => statusOf(checkConstraints(plan, c)) !== 'fails' && closeTo(plan, c, best))) need.add(best);
      if (need.size === 0) return;
      await replicate([...need].map((c) => ({ c, upTo: Math.min(plan.maxReplications, 2 * c.replications) })), 'refine');
    }
  };

  if (!stopped) {
    await untilStopped(async () => {
      if (exhaustive) {
        const all: Candidate[] = [];
        for (let k = 0; k < gridSize; k++) {
          let rest = k;
          all.push(candidate(dims.map((d) => {
            const i = rest % d;
            rest = Math.floor(rest / d);
            return i;
          })));
        }
        await evaluate(all);
      } else {
        await patternSearch(dims, budget, candidate, evaluate, (a, b) => better(plan, a, b), evaluatedCount);
      }
    });
  }

  const all = [...byKey.values()].filter((c) => c.replications > 0);
  const row = (c: Candidate): CandidateRow => ({
    id: c.id,
    values: c.values,
    replications: c.replications,
    status: statusOf(checkConstraints(plan, c)),
    objective: objectiveOf(plan, c),
    kpis: Object.fromEntries(plan.metrics.map((m) => [m.replace(/^kpi\./, 'kpis.'), estimate(c.samples.get(m)!)])),
  });
  const winner = bestOf(all);
  const checks = winner === null ? [] : checkConstraints(plan, winner);
  return {
    name: plan.name,
    ...(plan.question === undefined ? {} : { question: plan.question }),
    model: plan.modelName,
    currency: plan.currency,
    sinkLabels: plan.sinkLabels,
    method: exhaustive ? 'exhaustive' : 'pattern search',
    horizonS: plan.horizonS,
    warmupS,
    warmupMethod,
    ...resultWarnings(warnings),
    seed: plan.seed,
    gridSize,
    evaluated: all.length,
    runs: runsDone,
    ...(pilotCount ? { pilotRuns: pilotCount.done } : {}),
    objective: plan.objective,
    best: winner === null || statusOf(checks) !== 'holds' ? null : { ...row(winner), constraints: checks, holds: true },
    candidates: all.map(row),
    pareto: front(plan, all),
    engine: { events, wallSeconds: (performance.now() - t0) / 1000 },
    ...(stopped ? { partial: { stoppedBy: stopReasonOf(signal!.reason), phase, evaluated: all.length, unfinished } } : {}),
  };
}
