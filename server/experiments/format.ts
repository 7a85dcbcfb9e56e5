import { formatNumber, formatTable, NO_VALUE } from '../protocol/text-format.ts';
import { formatValue } from './design.ts';
import type { ExperimentResult, PointResult } from './experiment.ts';
import type { WarmupAnalysis } from './welch.ts';

export function formatDuration(s: number): string {
  if (s >= 2 * 86400 || (s >= 86400 && s % 86400 === 0)) return `${formatNumber(s / 86400)} d`;
  if (s >= 3600) return `${formatNumber(s / 3600)} h`;
  return `${formatNumber(s)} s`;
}

const table = (header: string[], rows: string[][]): string[] => formatTable(header, rows, '  ').split('\n');
const ciCell = (ci: number | null | undefined): string => (ci == null || !Number.isFinite(ci) ? NO_VALUE : `±${formatNumber(ci)}`);

function pointTable(p: PointResult, kpis: string[]): string[] {
  const rows = kpis.map((k) => {
    const s = p.kpis[k];
    return [k, formatNumber(s?.mean), ciCell(s?.ci95), formatNumber(s?.min), formatNumber(s?.max), String(s?.n ?? 0)];
  });
  return table(['KPI', 'mean', '95% CI', 'min', 'max', 'n'], rows);
}

/** The human-readable report: one table per alternative, differences, the best, the warm-up check. */
export function formatText(r: ExperimentResult): string {
  const out: string[] = [];
  const reps = r.precision
    ? `replications until ${r.precision.kpi} has a 95% CI half-width ≤ ${r.precision.halfWidth ?? `${r.precision.relative! * 100}% of the mean`} (${r.precision.minReplications}…${r.precision.maxReplications})${r.precision.reached ? '' : ' — NOT reached for every alternative'}`
    : `${r.replications} replications per alternative`;
  out.push(`Experiment "${r.experiment}" on model "${r.model}"`);
  if (r.question) out.push(`Question: ${r.question}`);
  out.push(`Horizon ${formatDuration(r.horizonS)}, warm-up ${formatDuration(r.warmupS)}${r.warmupMethod === 'fixed' ? '' : ' (MSER-5 pilots, the longest)'}, seed ${r.seed}, ${reps}; common random numbers across alternatives.`);
  for (const w of r.warnings ?? []) out.push(`warning: ${w}`);
  const partial = r.partial;
  if (partial) {
    out.push(
      `PARTIAL RESULT: ${partial.stoppedBy} during the ${partial.phase === 'warm-up pilot' ? 'warm-up pilot runs (no replication measured)' : 'replications'}; ` +
        'means, intervals and differences below use only the replications that finished (an alternative with fewer than 2 has no interval).',
    );
  }
  out.push('Means with 95% confidence-interval half-widths (Student t) over the replications.', '');
  r.points.forEach((p, i) => {
    const count = partial ? `${partial.stoppedBy} after ${p.replications} of ${partial.planned[i] ?? '?'} replications` : `${p.replications} replications`;
    out.push(`${p.parameters ? 'Point' : 'Scenario'} "${p.name}" (${count})`, ...(p.replications > 0 ? pointTable(p, r.kpis) : []), '');
  });
  if (r.differences.length > 0) {
    out.push(`Differences in ${r.rankBy.kpi} (paired by replication, common random numbers):`);
    const rows = r.differences.map((d) => [
      `${d.a} − ${d.b}`,
      `${d.mean >= 0 ? '+' : ''}${formatNumber(d.mean)}`,
      ciCell(d.ci95),
      String(d.n),
      d.significant ? 'differ' : 'not distinguishable',
    ]);
    out.push(...table(['difference', 'mean', '95% CI', 'n', 'at 95%'], rows), '');
  }
  if (r.best) {
    const b = r.best;
    const verdict = r.points.length < 2 ? '' : b.clearlyBest ? ', better than every other alternative at the 95% level' : `, but not clearly better than "${b.runnerUp}" — run more replications or treat them as equal`;
    out.push(`Best for ${b.goal === 'max' ? 'highest' : 'lowest'} ${b.kpi}: "${b.name}" (${formatNumber(b.mean)} ± ${formatNumber(b.ci95)})${verdict}.`, '');
  }
  if (r.warmup) out.push(...formatWarmup(r.warmup));
  out.push(`${r.engine.replications} replications${besideReplications(r.engine)}, ${r.engine.events} events, ${formatNumber(r.engine.elapsedSeconds)} s elapsed on ${r.engine.executor} (${formatNumber(r.engine.cpuSeconds)} s of simulation).`);
  return out.join('\n');
}

/** The runs that measured nothing in the result, said apart from its replications: " + 2 warm-up pilot runs and 5 warm-up check runs". */
function besideReplications(e: ExperimentResult['engine']): string {
  const parts = [e.pilotRuns ? `${e.pilotRuns} warm-up pilot run${e.pilotRuns === 1 ? '' : 's'}` : '', e.checkRuns ? `${e.checkRuns} warm-up check run${e.checkRuns === 1 ? '' : 's'}` : ''].filter((x) => x !== '');
  return parts.length === 0 ? '' : ` + ${parts.join(' and ')}`;
}

/** Welch's plot as text: at most ~24 rows, a bar per row so the eye sees where the curve flattens. */
export function formatWarmup(w: WarmupAnalysis): string[] {
  const out = [`Warm-up check (Welch): ${w.kpi} in "${w.scenario}", ${w.replications} pilot replications without warm-up, intervals of ${formatDuration(w.bucketS)}, moving-average window ±${w.window}`];
  const shown = w.series.filter((s) => s.movingAverage !== null);
  const step = Math.max(1, Math.ceil(shown.length / 24));
  const rows = shown.filter((_, i) => i % step === 0 || i === shown.length - 1);
  const vals = rows.map((s) => s.movingAverage!);
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const bar = (v: number) => '█'.repeat(hi > lo ? Math.round(((v - lo) / (hi - lo)) * 30) : 15);
  out.push(...table(['until', 'interval mean', 'moving avg', ''], rows.map((s) => [formatDuration(s.endS), formatNumber(s.mean), formatNumber(s.movingAverage), bar(s.movingAverage!)])));
  if (w.suggestedWarmupS === null) out.push('  The moving average does not settle within the horizon: lengthen the horizon or check the KPI.');
  else {
    const ok = w.configuredWarmupS >= w.suggestedWarmupS;
    out.push(`  Settles after about ${formatDuration(w.suggestedWarmupS)}; configured warm-up ${formatDuration(w.configuredWarmupS)}${ok ? ' looks long enough.' : ' looks SHORT — consider increasing warmupS.'}`);
  }
  out.push('');
  return out;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The CSV's columns after the alternative's parameters; `formatCsv` fills them in this order (the CLI's --csv help names them). */
export const CSV_COLUMNS = ['kpi', 'n', 'mean', 'ci95', 'sd', 'min', 'max', 'status', 'replications_finished', 'replications_planned'] as const;

/**
 * One row per alternative and KPI, for spreadsheets. Every row says whether its result is
 * complete or partial (`status`: `complete`, or `partial: interrupted` / `cancelled` /
 * `timed-out`) and its alternative's replications finished of those asked for, so a row copied
 * out of a stopped run still says what it stands on.
 */
export function formatCsv(r: ExperimentResult): string {
  const paramNames = [...new Set(r.points.flatMap((p) => Object.keys(p.parameters ?? {})))];
  const header = ['alternative', ...paramNames, ...CSV_COLUMNS];
  const status = r.partial ? `partial: ${r.partial.stoppedBy}` : 'complete';
  const lines = [header.map(csvCell).join(',')];
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
  r.points.forEach((p, i) => {
    const planned = String(r.partial?.planned[i] ?? p.replications);
    for (const k of r.kpis) {
      const s = p.kpis[k];
      const params = paramNames.map((n) => (p.parameters && n in p.parameters ? formatValue(p.parameters[n]) : ''));
      lines.push([p.name, ...params, k, String(s?.n ?? 0), num(s?.mean), num(s?.ci95), num(s?.sd), num(s?.min), num(s?.max), status, String(p.replications), planned].map(csvCell).join(','));
    }
  });
  return lines.join('\n');
}
