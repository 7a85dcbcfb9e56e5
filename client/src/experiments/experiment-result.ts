import type { NodeLabel } from '../../../server/protocol/node-labels.ts';
import { pairedDifference, type Difference } from '../capacity/difference.ts';
import { nameOf, type Locale } from '../i18n/format.ts';

/** The parts of an experiment result (server/experiments/experiment.ts ExperimentResult) this page reads. */
export interface ExperimentOutcome {
  experiment: string;
  question?: string;
  model: string;
  /** The currency of the money KPIs (the model's product.currency); absent in results stored before it was recorded. */
  currency?: string;
  /** Sink labels by id, naming `sinks.<id>.*` KPIs; absent in results stored before they were recorded (the id is shown). */
  sinkLabels?: Record<string, NodeLabel>;
  horizonS: number;
  warmupS: number;
  warmupMethod?: string;
  seed: number;
  replications: number | null;
  precision: { reached: boolean; relative?: number; halfWidth?: number } | null;
  kpis: string[];
  rankBy: { kpi: string; goal: 'max' | 'min' };
  points: {
    name: string;
    /** A scenario file's Russian name; absent for sweep points, inline overlays and older results. */
    nameRu?: string;
    parameters?: Record<string, unknown>;
    replications: number;
    kpis: Record<string, { n: number; mean: number; ci95: number | null } | null>;
    samples: Record<string, (number | null)[]>;
  }[];
  best: { name: string; kpi: string; goal: 'max' | 'min'; mean: number; ci95: number | null; clearlyBest: boolean; runnerUp: string | null } | null;
  warmup: { kpi: string; suggestedWarmupS: number | null; configuredWarmupS: number } | null;
  warnings?: unknown[];
  /** The same warnings coded (server/protocol/warnings.ts); absent in results stored before. Read through warningsOf. */
  warningCodes?: unknown[];
  /** On a result stopped before it finished; read through experimentPartial (partial-text.ts), which validates it. */
  partial?: unknown;
}

export interface ExperimentCell {
  kpi: string;
  mean: number | null;
  ci: number | null;
  /** Against the first alternative (the base), paired over replications (common random numbers). */
  diff: Difference | null;
}

/** Alternatives down, KPIs across, each with its paired difference to the first alternative. */
export function experimentLines(o: ExperimentOutcome): { name: string; replications: number; best: boolean; cells: ExperimentCell[] }[] {
  const base = o.points[0];
  return o.points.map((p, i) => ({
    name: p.name,
    replications: p.replications,
    best: o.best?.name === p.name,
    cells: o.kpis.map((kpi) => {
      const s = p.kpis[kpi];
      return {
        kpi,
        mean: s?.mean ?? null,
        ci: s?.ci95 ?? null,
        diff: i === 0 || !base ? null : pairedDifference(p.samples[kpi] ?? [], base.samples[kpi] ?? []),
      };
    }),
  }));
}

/** An alternative (by the name the result uses for it, as in `best`) as the reader's language names it. */
export function alternativeName(o: ExperimentOutcome, name: string, locale: Locale): string {
  const point = o.points.find((p) => p.name === name);
  return nameOf({ id: name, name, nameRu: point?.nameRu }, locale);
}

/**
 * Welch's check against the configured warm-up: too short when the moving average
 * settles only after it (or never settles within the horizon); null without a check.
 */
export function warmupVerdict(o: ExperimentOutcome): { tooShort: boolean; suggestedS: number | null; configuredS: number } | null {
  if (!o.warmup) return null;
  const { suggestedWarmupS: suggested, configuredWarmupS: configured } = o.warmup;
  return { tooShort: suggested === null || suggested > configured, suggestedS: suggested, configuredS: configured };
}
