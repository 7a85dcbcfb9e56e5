import { create } from 'zustand';
import type { Failure } from '../../../server/protocol/failures.ts';
import type { RunRequest } from '../../../server/protocol/messages.ts';
import { getJson, postJson } from '../net/api.ts';
import { useUi } from '../state/ui-store.ts';
import { boundOf, runFacts, runMetrics, type RunEntry } from './run-results.ts';

const DAY = 86400;

export interface NodeLabel {
  label?: string;
  labelRu?: string;
}

/**
 * The capacity page's state, outside the component so runs survive switching
 * pages, and so a link (#/capacity/run/<id>,<id>) can fill it before the page mounts.
 */
export interface CapacityState {
  model: string;
  picked: string[];
  horizonDays: number;
  /** null: no warm-up given, so the server finds one (MSER-5, warmupS "auto"). */
  warmupDays: number | null;
  replications: number;
  runs: RunEntry[];
  busy: string | null;
  metricPath: string;
  historyNonce: number;
  /** Node labels per model id, for naming bottlenecks. */
  labels: Record<string, Record<string, NodeLabel>>;
  set(patch: Partial<Pick<CapacityState, 'model' | 'picked' | 'horizonDays' | 'warmupDays' | 'replications' | 'metricPath'>>): void;
  addRun(entry: RunEntry): void;
  removeRun(key: string): void;
  clearRuns(): void;
  /** Runs the picked scenarios one after the other (replications already use the server's cores). */
  runPicked(model: string, labelOf: (scenarioId: string) => string): Promise<void>;
  /** Adds stored runs by id (from the history list or a link); unknown ids are reported. */
  openRuns(ids: string[], labelOf: (scenarioId: string | null) => string): Promise<void>;
  ensureLabels(model: string): void;
}

async function fetchBound(model: string, scenario: string | null): Promise<RunEntry['bound']> {
  const q = new URLSearchParams({ model, ...(scenario ? { scenario } : {}) });
  return boundOf(await getJson<unknown>(`/api/capacity?${q}`));
}

const report = (what: string) => (err: Error & { problems?: string[]; failure?: Failure }) => {
  useUi.getState().pushError(`${what}: ${err.message}`, err.problems, { failure: err.failure, prefix: what });
  return null;
};

export const useCapacity = create<CapacityState>()((set, get) => ({
  model: '',
  picked: [''],
  horizonDays: 60,
  warmupDays: null,
  replications: 3,
  runs: [],
  busy: null,
  metricPath: '',
  historyNonce: 0,
  labels: {},

  set: (patch) => set(patch),
  addRun: (entry) => set((s) => ({ runs: [...s.runs.filter((r) => r.key !== entry.key && (entry.runId === undefined || r.runId !== entry.runId)), entry] })),
  removeRun: (key) => set((s) => ({ runs: s.runs.filter((r) => r.key !== key) })),
  clearRuns: () => set({ runs: [] }),

  async runPicked(model, labelOf) {
    const { picked, horizonDays, warmupDays, replications } = get();
    get().ensureLabels(model);
    // A new comparison starts from this model's runs only.
    set((s) => ({ runs: s.runs.filter((r) => r.model === model) }));
    for (const id of picked) {
      const scenario = id || null;
      const label = labelOf(id);
      set({ busy: label });
      const entry: RunEntry = { key: `${Date.now()}-${id}`, label, model, scenario, metrics: [], bound: null, replications, seed: null, warmupS: null, warnings: [], bottleneckId: null, currency: null };
      try {
        const request: RunRequest = { model, ...(scenario ? { scenario } : {}), horizonS: horizonDays * DAY, warmupS: warmupDays === null ? 'auto' : warmupDays * DAY, replications, wait: true };
        const body = await postJson<unknown>('/api/runs', request);
        Object.assign(entry, runFacts(body), { metrics: runMetrics(body) });
      } catch (err) {
        entry.error = (err as Error).message;
        report(label)(err as Error);
      }
      entry.bound = await fetchBound(model, scenario).catch(report('static bound'));
      get().addRun(entry);
    }
    set((s) => ({ busy: null, historyNonce: s.historyNonce + 1 }));
  },

  async openRuns(ids, labelOf) {
    for (const id of ids) {
      if (get().runs.some((r) => r.runId === id)) continue;
      set({ busy: id.slice(0, 8) });
      try {
        const rec = await getJson<{ id: string; model: string; scenario: string | null; result: unknown }>(`/api/runs/${encodeURIComponent(id)}`);
        get().ensureLabels(rec.model);
        const bound = await fetchBound(rec.model, rec.scenario).catch(() => null);
        get().addRun({ key: rec.id, label: labelOf(rec.scenario), model: rec.model, scenario: rec.scenario, metrics: runMetrics(rec), bound, ...runFacts(rec.result), runId: rec.id });
        if (!get().model) set({ model: rec.model });
      } catch (err) {
        report(id)(err as Error);
      }
    }
    set({ busy: null });
  },

  ensureLabels(model) {
    if (get().labels[model]) return;
    set((s) => ({ labels: { ...s.labels, [model]: {} } }));
    getJson<{ nodes?: { id: string; label?: string; labelRu?: string }[]; model?: { nodes?: { id: string; label?: string; labelRu?: string }[] } }>(`/api/models/${encodeURIComponent(model)}`)
      .then((body) => {
        const nodes = body.nodes ?? body.model?.nodes ?? [];
        set((s) => ({ labels: { ...s.labels, [model]: Object.fromEntries(nodes.map((n) => [n.id, { label: n.label, labelRu: n.labelRu }])) } }));
      })
      .catch(report(model));
  },
}));
