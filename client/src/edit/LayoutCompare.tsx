import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { useCapacity } from '../capacity/capacity-store.ts';
import { ComparisonTable } from '../capacity/ComparisonTable.tsx';
import { runFacts, runMetrics, type RunEntry } from '../capacity/run-results.ts';
import { getJson, postJson, type ApiError } from '../net/api.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from '../ui/hooks.ts';
import { nameOf } from '../i18n/format.ts';
import { COMPARE_PATHS } from './compare-metrics.ts';
import { useEditText } from './edit-strings.ts';

const DAY = 86400;

interface ScenarioEntry {
  id: string;
  model: string;
  name?: string;
  nameRu?: string;
  question: string;
  questionRu?: string;
  user?: boolean;
}

/** The last comparison, kept outside the component so it survives switching pages. */
const useLayoutCompare = create<{ sides: RunEntry[]; busy: boolean }>()(() => ({ sides: [], busy: false }));

/**
 * Base layout against a saved layout scenario: both run with replications on
 * the server (POST /api/runs, one after the other, since replications already
 * use its cores), shown side by side with 95 % CIs.
 */
export function LayoutCompare({ model }: { model: string }) {
  const t = useEditText();
  const f = useFormat();
  const [scenarios, setScenarios] = useState<ScenarioEntry[]>([]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [horizonDays, setHorizonDays] = useState(30);
  // null: no warm-up given, so the server finds one (MSER-5, warmupS "auto").
  const [warmupDays, setWarmupDays] = useState<number | null>(null);
  const [replications, setReplications] = useState(3);
  const { sides, busy } = useLayoutCompare();

  useEffect(() => {
    getJson<{ scenarios: ScenarioEntry[] }>('/api/scenarios')
      .then((r) => setScenarios(r.scenarios.filter((s) => s.model === model)))
      .catch((err: Error) => useUi.getState().pushError(err.message));
  }, [model]);
  // Saved layouts first: they are what this view is for; shipped scenarios can be compared too.
  const options = [...scenarios.filter((s) => s.user), ...scenarios.filter((s) => !s.user)];
  const chosenB = b || options.find((s) => s.user)?.id || '';
  // Scenarios in the page's language (nameRu on the Russian page), saved layouts starred.
  const nameOfEntry = (s: ScenarioEntry) => `${s.user ? '★ ' : ''}${nameOf(s, f.locale)}`;
  const questionOf = (s: ScenarioEntry) => (f.locale === 'ru' && s.questionRu) || s.question;
  const labelOf = (id: string) => {
    const entry = options.find((s) => s.id === id);
    return id === '' ? t('baseLayout') : entry ? nameOf(entry, f.locale) : id;
  };

  const run = async () => {
    useLayoutCompare.setState({ busy: true, sides: [] });
    useCapacity.getState().ensureLabels(model);
    const out: RunEntry[] = [];
    for (const id of [a, chosenB]) {
      const side: RunEntry = { key: `layout-${id || 'base'}-${Date.now()}`, label: labelOf(id), model, scenario: id || null, metrics: [], bound: null, replications, seed: null, warmupS: null, warnings: [], bottleneckId: null, currency: null };
      try {
        const body = await postJson<unknown>('/api/runs', { model, ...(id ? { scenario: id } : {}), horizonS: horizonDays * DAY, warmupS: warmupDays === null ? 'auto' : warmupDays * DAY, replications, wait: true });
        Object.assign(side, runFacts(body), { metrics: runMetrics(body) });
      } catch (err) {
        side.error = (err as Error).message;
        const e = err as ApiError;
        useUi.getState().pushError(`${side.label}: ${side.error}`, e.problems, { failure: e.failure, prefix: side.label });
      }
      out.push(side);
      useLayoutCompare.setState({ sides: [...out] });
    }
    useLayoutCompare.setState({ busy: false });
  };

  const valid = chosenB !== '' && a !== chosenB && horizonDays > (warmupDays ?? 0) && replications >= 2;

  return (
    <div className="panel layout-compare" data-testid="layout-compare">
      <h3>{t('compareTitle')}</h3>
      {options.every((s) => !s.user) && <p className="muted">{t('noLayoutScenario')}</p>}
      <div className="row">
        <select value={a} onChange={(e) => setA(e.target.value)} aria-label="A">
          <option value="">{t('baseLayout')}</option>
          {options.map((s) => (
            <option key={s.id} value={s.id} title={questionOf(s)}>{nameOfEntry(s)}</option>
          ))}
        </select>
        {` ${t('versus')} `}
        <select value={chosenB} onChange={(e) => setB(e.target.value)} aria-label="B" data-testid="compare-b">
          <option value="">{t('baseLayout')}</option>
          {options.map((s) => (
            <option key={s.id} value={s.id} title={questionOf(s)}>{nameOfEntry(s)}</option>
          ))}
        </select>
      </div>
      <div className="row">
        <label>
          {f.t('horizonDays')} <input type="number" min={1} value={horizonDays} onChange={(e) => setHorizonDays(Number(e.target.value))} />
        </label>
        <label>
          {f.t('warmupDays')} <input type="number" min={0} placeholder="auto" value={warmupDays ?? ''} onChange={(e) => setWarmupDays(e.target.value === '' ? null : Number(e.target.value))} />
        </label>
        <label>
          {f.t('replications')} <input type="number" min={2} max={100} value={replications} onChange={(e) => setReplications(Number(e.target.value))} />
        </label>
      </div>
      <button disabled={!valid || busy} onClick={() => void run()} data-testid="compare-run">
        {busy ? f.t('running') : t('compare')}
      </button>
      {sides.length > 0 && <ComparisonTable runs={sides} paths={COMPARE_PATHS} exportName="layout-comparison" testId="compare-table" />}
    </div>
  );
}
