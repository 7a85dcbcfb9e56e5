import type { RunCount } from '../protocol/experiment-progress.ts';
import type { OptimizePlan } from './optimize-plan.ts';

/**
 * Where a search stands, as the page and `npm run optimize` show it. The run counts are the
 * candidates' replications, the ones whose numbers the result holds; the MSER-5 warm-up pilots
 * (warm-up `auto`) only choose the warm-up and are counted apart, as an experiment's are, so
 * "runs 12 / 40" is never ahead of the candidates.
 */
export interface OptimizeProgress {
  /** Candidates simulated so far, and at most (the grid, or the search budget). */
  evaluated: number;
  budget: number;
  /** Candidates' replication runs done and queued so far. */
  runsDone: number;
  runsQueued: number;
  phase: 'search' | 'refine';
  /** The warm-up pilots, before the search (warm-up `auto` only). */
  pilots?: RunCount;
}

/** The grid's shape and how many of its points the search may simulate. */
export interface SearchSize {
  /** Values per variable. */
  dims: number[];
  gridSize: number;
  /** Every point is simulated (a small grid); else a pattern search within `budget`. */
  exhaustive: boolean;
  budget: number;
}

export function searchSize(plan: Pick<OptimizePlan, 'variables' | 'exhaustiveUpTo' | 'maxEvaluations'>): SearchSize {
  const dims = plan.variables.map((v) => v.values.length);
  const gridSize = dims.reduce((a, b) => a * b, 1);
  const exhaustive = gridSize <= plan.exhaustiveUpTo;
  return { dims, gridSize, exhaustive, budget: exhaustive ? gridSize : Math.min(gridSize, plan.maxEvaluations) };
}

/**
 * Where 'auto' runs its MSER-5 pilots: the grid's low corner, centre and high corner (the
 * pattern search's starts), each once however the corners coincide.
 */
export function pilotPoints(dims: readonly number[]): number[][] {
  const corners = [dims.map(() => 0), dims.map((d) => Math.floor((d - 1) / 2)), dims.map((d) => d - 1)];
  return [...new Map(corners.map((c) => [c.join(','), c])).values()];
}

/**
 * The progress of a search that has not run anything yet: its candidate budget and pilots are
 * known from the plan, so a job stopped before it began (a cancel, a timeout) still reads
 * "0 / 36 candidates", not "0 / 0".
 */
export function initialOptimizeProgress(plan: Pick<OptimizePlan, 'variables' | 'exhaustiveUpTo' | 'maxEvaluations' | 'warmupS'>): OptimizeProgress {
  const { dims, budget } = searchSize(plan);
  const pilots = plan.warmupS === 'auto' ? { pilots: { done: 0, total: pilotPoints(dims).length } } : {};
  return { evaluated: 0, budget, runsDone: 0, runsQueued: 0, phase: 'search', ...pilots };
}
