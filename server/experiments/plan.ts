import { DEFAULT_EXPERIMENT_REPLICATIONS, type Experiment, type Precision, type WarmupReportSettings } from '../protocol/experiment.ts';
import { ValidationError } from '../protocol/errors.ts';
import { currencyOf } from '../protocol/model.ts';
import { Plant } from '../plant/plant.ts';
import { plantReport } from '../plant/report.ts';
import { computeKpis } from '../kpi/index.ts';
import type { DesignPoint } from './design.ts';
import type { WarmupSetting } from './warmup.ts';
import { defaultKpis, defaultRankKpi, suggestKpis } from './metrics.ts';
import { horizonProblem } from './flow-time.ts';

/** Everything needed to run an experiment, checked: models built, KPI names known. */
export interface ExperimentPlan {
  name: string;
  question?: string;
  modelName: string;
  points: DesignPoint[];
  horizonS: number;
  /** Seconds, or 'auto': MSER-5 pilots decide before the replications. */
  warmupS: WarmupSetting;
  seed: number;
  /** Fixed number of replications per alternative, or… */
  replications?: number;
  /** …replicate until the CI of `precision.kpi` is narrow enough. */
  precision?: Precision & { kpi: string };
  kpis: string[];
  rankBy: { kpi: string; goal: 'max' | 'min' };
  warmupReport: (WarmupReportSettings & { kpi: string }) | false;
}

/**
 * KPI paths of the alternatives, read from a report taken before the first
 * event: `numeric` are there already; `open` are empty so far (e.g. no
 * bottleneck yet), and any path below them is accepted.
 */
export function availableKpis(points: readonly DesignPoint[], horizonS: number): { numeric: string[]; open: string[] } {
  const numeric = new Set<string>();
  const open = new Set<string>();
  const walk = (v: unknown, prefix: string) => {
    if (typeof v === 'number') numeric.add(prefix);
    else if (v === null) open.add(prefix);
    else if (typeof v === 'object' && !Array.isArray(v)) for (const [k, c] of Object.entries(v)) walk(c, prefix ? `${prefix}.${k}` : k);
  };
  for (const p of points) {
    const report = plantReport(new Plant(p.model, 1, 0));
    walk(report, '');
    // Only the keys matter here; the KPIs are computed over the nominal horizon so rates are defined.
    walk({ kpi: computeKpis(p.model, { ...report, horizonS, warmupS: 0 }) }, '');
  }
  return { numeric: [...numeric], open: [...open].filter((o) => !numeric.has(o)) };
}

export function makePlan(exp: Experiment, points: DesignPoint[], modelName: string): ExperimentPlan {
  const { numeric: available, open } = availableKpis(points, exp.horizon);
  const known = new Set(available);
  const problems: string[] = [];
  const check = (kpi: string, field: string) => {
    // A KPI that is null before the first event (eurPerKwh before the first cell) is itself an open path.
    if (known.has(kpi) || open.some((o) => kpi === o || kpi.startsWith(`${o}.`))) return;
    problems.push(`${field}: unknown KPI "${kpi}"; close matches: ${suggestKpis(kpi, available).join(', ')}`);
  };
  const defaults = defaultKpis(available);
  const rankKpi = defaultRankKpi(available);
  const rankBy = exp.rankBy ?? (rankKpi !== undefined ? { kpi: rankKpi, goal: 'max' as const } : undefined);
  if (rankBy === undefined) problems.push('rankBy: the model has no sink, so there is no default KPI to rank by; name one');
  else if (exp.rankBy !== undefined) check(rankBy.kpi, 'rankBy.kpi');
  exp.kpis?.forEach((k, i) => check(k, `kpis[${i}]`));
  if (exp.precision?.kpi !== undefined) check(exp.precision.kpi, 'precision.kpi');
  const warm = exp.warmupReport === false ? false : (exp.warmupReport ?? { buckets: 40, window: 3, replications: 5 });
  if (warm !== false && warm.kpi !== undefined) check(warm.kpi, 'warmupReport.kpi');
  // Money KPIs of alternatives are compared by difference, which means nothing across currencies.
  const currency = currencyOf(points[0].model);
  points.forEach((p) => {
    if (currencyOf(p.model) !== currency) problems.push(`${p.name}: product.currency is ${currencyOf(p.model)}, the first alternative's ${currency}; alternatives must count money in one currency`);
  });
  // A horizon no part can cross would report 0 for every output; each alternative has its own line.
  problems.push(...new Set(points.flatMap((p) => horizonProblem(p.model, exp.horizon) ?? [])));
  if (problems.length > 0 || rankBy === undefined) throw new ValidationError('experiment', problems);

  const kpis = unique([rankBy.kpi, ...(exp.kpis ?? defaults), ...(exp.precision?.kpi ? [exp.precision.kpi] : [])]);
  return {
    name: exp.name,
    ...(exp.question === undefined ? {} : { question: exp.question }),
    modelName,
    points,
    horizonS: exp.horizon,
    warmupS: exp.warmup,
    seed: exp.seed,
    ...(exp.precision !== undefined
      ? { precision: { ...exp.precision, kpi: exp.precision.kpi ?? rankBy.kpi } }
      : { replications: exp.replications ?? DEFAULT_EXPERIMENT_REPLICATIONS }),
    kpis,
    rankBy,
    warmupReport: warm === false ? false : { ...warm, kpi: warm.kpi ?? rankBy.kpi },
  };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
