import { warningsOf, type ShownWarning } from '../i18n/warning-text.ts';

/** One number from a run result with its 95 % CI half-width when the server sent one. */
export interface Metric {
  path: string;
  value: number;
  ci: number | null;
}

const CI_SUFFIX = 'CI95';

/**
 * Flattens a run result into dotted paths. The server averages replications field by field
 * and puts the CI half-width in a sibling `<field>CI95`, so each number is paired with it here.
 */
export function flattenMetrics(result: unknown, prefix = ''): Metric[] {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return [];
  const obj = result as Record<string, unknown>;
  const out: Metric[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key.endsWith(CI_SUFFIX) && key.length > CI_SUFFIX.length) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number' && Number.isFinite(value)) {
      const ci = obj[`${key}${CI_SUFFIX}`];
      out.push({ path, value, ci: typeof ci === 'number' && Number.isFinite(ci) ? ci : null });
    } else if (typeof value === 'object' && value !== null) {
      out.push(...flattenMetrics(value, path));
    }
  }
  return out;
}

/** The server's plant KPIs (`kpis` of a run result: per replication, then mean and CI95) shown in a comparison. */
const KPI_HEADLINE = ['kpis.yield.overall', 'kpis.leadTimeS.mean', 'kpis.leadTimeS.p95', 'kpis.scrapCostTotal', 'kpis.bottleneck.activeShare'];

/**
 * Adds units per day at each sink, and for runs stored before results carried `kpis`, cells
 * per day summed from the sinks. Linear in `units`, so a sink's CI scales with it; a sum over
 * several sinks gets no CI (their covariance is unknown).
 */
export function withDerived(metrics: Metric[]): Metric[] {
  const get = (path: string) => metrics.find((m) => m.path === path)?.value;
  const horizon = get('horizonS');
  const span = horizon === undefined ? undefined : horizon - (get('warmupS') ?? 0);
  if (span === undefined || span <= 0 || metrics.some((m) => m.path === 'cellsPerDay')) return metrics;
  const perDay = metrics
    .filter((m) => /^sinks\.[^.]+\.units$/.test(m.path))
    .map((m) => ({ path: m.path.replace(/units$/, 'unitsPerDay'), value: (m.value * 86400) / span, ci: m.ci === null ? null : (m.ci * 86400) / span }));
  // With several sinks (good cells, grade B, packs) their units are not all good cells, so no total is claimed;
  // nor when the server already counted the good cells itself.
  if (perDay.length !== 1 || metrics.some((m) => m.path === 'kpis.cellsPerDay')) return [...metrics, ...perDay];
  return [...metrics, ...perDay, { path: 'cellsPerDay', value: perDay[0].value, ci: perDay[0].ci }];
}

/** The headline rows of a comparison: plant-level KPIs first, then sink rates; per-node details are left out. */
export function headlineMetrics(metrics: Metric[]): Metric[] {
  const rank = (p: string) => {
    if (/^(kpis\.)?cellsPerDay$/.test(p)) return 0;
    if (/^(kpis\.)?gwhPerYear$/.test(p)) return 1;
    if (/^(kpis\.)?(modules|packs)PerDay$/.test(p)) return 2;
    if (/^sinks\.[^.]+\.(perHour|unitsPerDay)$/.test(p)) return 3;
    if (/^system\./.test(p) || KPI_HEADLINE.includes(p)) return 4;
    if (/^sinks\.[^.]+\.(count|units)$/.test(p)) return 5;
    return 99;
  };
  return metrics.filter((m) => rank(m.path) < 99).sort((a, b) => rank(a.path) - rank(b.path));
}

/** The metric the chart compares by default: cells/day if the result has it, else the busiest sink's units per day. */
export function primaryMetric(metrics: Metric[]): Metric | undefined {
  const cells = metrics.find((m) => m.path === 'kpis.cellsPerDay') ?? metrics.find((m) => m.path === 'cellsPerDay');
  if (cells) return cells;
  // Grade-B and reject sinks collect units too, but they are not the plant's output.
  const sinks = metrics.filter((m) => /^sinks\.[^.]+\.unitsPerDay$/.test(m.path) && !/grade|reject|scrap|waste/i.test(m.path));
  if (sinks.length > 0) return sinks.reduce((a, b) => (b.value > a.value ? b : a));
  return headlineMetrics(metrics)[0];
}

/** A run as the page keeps it: what was asked and what came back. */
export interface RunEntry {
  key: string;
  /** The server's run id (run history), when the run was stored. */
  runId?: string;
  label: string;
  model: string;
  scenario: string | null;
  metrics: Metric[];
  replications: number;
  seed: number | null;
  warmupS: number | null;
  /** How the warm-up was chosen (e.g. "mser5"), when the server says. */
  warmupMethod?: string;
  /** The server's warnings about this result (e.g. a warm-up that may be too short), coded when the server says. */
  warnings: ShownWarning[];
  /** The simulated bottleneck's node id (mode over replications). */
  bottleneckId: string | null;
  /** The currency of its money KPIs (`kpis.currency`, the model's product.currency); null when the result does not say. */
  currency: string | null;
  /** Static capacity bound for the same model + scenario, when the server could compute it. */
  bound: { cellsPerDay?: number; cellsPerHour?: number; gwhPerYear?: number; bottleneck?: string } | null;
  error?: string;
}

/** Reads the interesting part of a POST /api/runs or GET /api/runs/:id reply, whichever wrapper it has. */
export function resultOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const o = body as Record<string, unknown>;
  // A stored run wraps the document in `result`; POST /api/runs answers with the document itself (which has its own `kpis`).
  if (o.result !== undefined) return o.result;
  return o.sinks !== undefined || o.horizonS !== undefined ? o : (o.kpis ?? o);
}

/** Picks the bound figures out of /api/capacity's reply (a CapacityReport, possibly wrapped). */
export function boundOf(body: unknown): RunEntry['bound'] {
  if (typeof body !== 'object' || body === null) return null;
  const o = ((body as Record<string, unknown>).capacity ?? body) as Record<string, unknown>;
  const bottleneck = o.bottleneck as { id?: unknown } | null | undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return {
    cellsPerDay: num(o.cellsPerDay),
    cellsPerHour: num(o.cellsPerHour),
    gwhPerYear: num(o.gwhPerYear),
    bottleneck: typeof bottleneck?.id === 'string' ? bottleneck.id : undefined,
  };
}

/** The bound on the same scale as a metric, when one can be derived. */
export function boundFor(metric: Metric | undefined, bound: RunEntry['bound']): number | undefined {
  if (!metric || !bound) return undefined;
  if (/cellsPerDay$/.test(metric.path)) return bound.cellsPerDay;
  if (/cellsPerHour$/.test(metric.path)) return bound.cellsPerHour;
  if (/gwhPerYear$/.test(metric.path)) return bound.gwhPerYear;
  return undefined;
}

/** What a run reply says besides its numbers: replications, seed, warm-up, warnings, bottleneck, currency. */
export function runFacts(body: unknown): Pick<RunEntry, 'replications' | 'seed' | 'warmupS' | 'warmupMethod' | 'warnings' | 'bottleneckId' | 'currency' | 'runId'> {
  const doc = (resultOf(body) ?? {}) as Record<string, unknown>;
  const outer = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const kpis = (doc.kpis ?? {}) as { bottleneck?: { id?: unknown } | null; currency?: unknown };
  const warnings = warningsOf(Array.isArray(doc.warnings) ? doc : outer);
  const runId = typeof outer.runId === 'string' ? outer.runId : typeof outer.id === 'string' ? outer.id : undefined;
  return {
    runId,
    replications: num(doc.replications) ?? 1,
    seed: num(doc.seed),
    warmupS: num(doc.warmupS),
    warmupMethod: typeof doc.warmupMethod === 'string' ? doc.warmupMethod : undefined,
    warnings,
    bottleneckId: typeof kpis.bottleneck?.id === 'string' ? kpis.bottleneck.id : null,
    currency: typeof kpis.currency === 'string' ? kpis.currency : null,
  };
}

/**
 * The metrics of a run reply, with derived per-day figures: units per day at each
 * sink, and total transport travel per day of the measured period (linear, so the
 * CI scales with it), so runs over different horizons compare.
 */
export function runMetrics(body: unknown): Metric[] {
  const metrics = withDerived(flattenMetrics(resultOf(body)));
  const travel = metrics.find((m) => m.path === 'kpis.transport.totalTravelM');
  const measured = metrics.find((m) => m.path === 'kpis.measuredS')?.value;
  if (travel && measured !== undefined && measured > 0) {
    const k = 86400 / measured;
    metrics.push({ path: 'kpis.transport.totalTravelMPerDay', value: travel.value * k, ci: travel.ci === null ? null : travel.ci * k });
  }
  return metrics;
}
