import { labelOf, nameOf } from '../i18n/format.ts';
import type { CatalogEntry } from '../net/catalog.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from '../ui/hooks.ts';
import { useCan } from '../net/account.ts';
import { useCatalog, useModel } from '../ui/useCatalog.ts';
import { ModelSelect } from '../ui/ModelSelect.tsx';
import { usePlannerText } from '../capacity/planner-strings.ts';
import { RESULT_ROWS } from '../capacity/result-rows.ts';
import { experimentDocument, SWEEP_FIELDS, type ExperimentDraft, type SweepDraft } from './experiment-doc.ts';
import { useExperiments } from './experiments-store.ts';
import { sweepFieldName } from './sweep-field-text.ts';
import { defaultJobName } from './job-name.ts';

/** The plant KPIs an experiment can report, as experiments name them (kpi.… rather than kpis.…). */
export const EXPERIMENT_KPIS = RESULT_ROWS.filter((r) => r.path !== 'kpis.transport.totalTravelMPerDay').map((r) => ({ ...r, path: r.path.replace(/^kpis\./, 'kpi.') }));

const DEFAULT_DRAFT: ExperimentDraft = {
  name: '',
  model: '',
  kind: 'scenarios',
  scenarios: [''],
  sweeps: [{ node: 'formation', field: 'servers', mode: 'range', from: 160, to: 256, step: 48, values: '' }],
  horizonDays: 30,
  warmupDays: 10,
  seed: 1,
  stopping: 'replications',
  replications: 3,
  relative: 0.02,
  maxReplications: 20,
  kpis: ['kpi.gwhPerYear', 'kpi.cellsPerDay', 'kpi.leadTimeS.mean'],
  rankKpi: 'kpi.gwhPerYear',
  goal: 'max',
};

/** Builds an experiment document with a form (the CLI's scenario lists, sweeps, replications or precision) and submits it. */
export function ExperimentForm() {
  const f = useFormat();
  const canRun = useCan('planner');
  const t = usePlannerText();
  const { models, scenarios } = useCatalog();
  const stored = useExperiments((s) => s.draft);
  const running = useExperiments((s) => s.progress?.status === 'running');
  const d: ExperimentDraft = { ...DEFAULT_DRAFT, ...stored, model: stored?.model || models[0]?.id || '' };
  const set = (patch: Partial<ExperimentDraft>) => useExperiments.getState().setDraft({ ...d, ...patch });
  const model = useModel(d.model);
  const fitting = scenarios.filter((s) => !s.model || s.model === d.model);
  const sweepable = (model?.nodes ?? []).filter((n) => SWEEP_FIELDS[n.type]);
  const setSweep = (i: number, patch: Partial<SweepDraft>) => set({ sweeps: d.sweeps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const submit = () => {
    try {
      void useExperiments.getState().submit(experimentDocument(d, t('baseAlternative'), defaultJobName(t(d.kind === 'sweep' ? 'sweepOf' : 'scenariosOf'), d.model, models, f.locale)));
    } catch (err) {
      useUi.getState().pushError((err as Error).message);
    }
  };

  return (
    <form className="panel experiment-form" onSubmit={(e) => (e.preventDefault(), submit())} data-testid="experiment-form">
      <h3>{t('expTitle')}</h3>
      <label className="row">
        {t('expName')} <input value={d.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label className="row">
        {f.t('model')} <ModelSelect models={models} value={d.model} onChange={(id) => set({ model: id, scenarios: [''] })} />
      </label>
      <fieldset>
        <legend>{t('expKind')}</legend>
        {(['scenarios', 'sweep'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="kind" checked={d.kind === k} onChange={() => set({ kind: k })} /> {t(k === 'scenarios' ? 'kindScenarios' : 'kindSweep')}
          </label>
        ))}
        {d.kind === 'scenarios' && (
          <div className="checks">
            {[{ id: '', name: f.t('baseModel') } as CatalogEntry, ...fitting].map((s) => (
              <label key={s.id} title={(f.locale === 'ru' && s.questionRu) || s.question}>
                <input type="checkbox" checked={d.scenarios.includes(s.id)} onChange={() => set({ scenarios: toggle(d.scenarios, s.id) })} /> {nameOf(s, f.locale)}
              </label>
            ))}
          </div>
        )}
        {d.kind === 'sweep' &&
          d.sweeps.map((s, i) => {
            const node = model?.nodes.find((n) => n.id === s.node);
            const fields = node ? SWEEP_FIELDS[node.type] : [];
            return (
              <div key={i} className="sweep" data-testid={`sweep-${i}`}>
                <label className="row">
                  {t('sweepNode')}
                  <select value={s.node} onChange={(e) => setSweep(i, { node: e.target.value, field: SWEEP_FIELDS[model!.nodes.find((n) => n.id === e.target.value)!.type][0] })}>
                    {sweepable.map((n) => (
                      <option key={n.id} value={n.id}>
                        {labelOf(n, f.locale)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="row">
                  {t('sweepField')}
                  <select value={s.field} onChange={(e) => setSweep(i, { field: e.target.value })}>
                    {fields.map((x) => (
                      <option key={x} value={x} title={x}>
                        {sweepFieldName(x, f.locale)}
                      </option>
                    ))}
                  </select>
                </label>
                <span className="row">
                  {(['range', 'values'] as const).map((m) => (
                    <label key={m}>
                      <input type="radio" name={`mode-${i}`} checked={s.mode === m} onChange={() => setSweep(i, { mode: m })} /> {t(m === 'range' ? 'sweepRange' : 'sweepValues')}
                    </label>
                  ))}
                </span>
                {s.mode === 'range' ? (
                  <span className="row">
                    {(['from', 'to', 'step'] as const).map((k) => (
                      <label key={k}>
                        {t(k)} <input type="number" value={s[k]} onChange={(e) => setSweep(i, { [k]: Number(e.target.value) })} />
                      </label>
                    ))}
                  </span>
                ) : (
                  <input value={s.values} placeholder="100, 200, 400" onChange={(e) => setSweep(i, { values: e.target.value })} aria-label={t('sweepValues')} />
                )}
                {i === 1 && <button type="button" onClick={() => set({ sweeps: d.sweeps.slice(0, 1) })}>{t('removeField')}</button>}
              </div>
            );
          })}
        {d.kind === 'sweep' && d.sweeps.length === 1 && (
          <button type="button" onClick={() => set({ sweeps: [...d.sweeps, { ...d.sweeps[0], node: sweepable[0]?.id ?? '', field: sweepable[0] ? SWEEP_FIELDS[sweepable[0].type][0] : '', mode: 'values', values: '' }] })}>
            {t('addField')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <label className="row">
          {f.t('horizonDays')} <input type="number" min={1} value={d.horizonDays} onChange={(e) => set({ horizonDays: Number(e.target.value) })} />
        </label>
        <label className="row">
          {f.t('warmupDays')} <input type="number" min={0} value={d.warmupDays} onChange={(e) => set({ warmupDays: Number(e.target.value) })} />
        </label>
        <label className="row">
          {t('seedLabel')} <input type="number" min={0} value={d.seed} onChange={(e) => set({ seed: Number(e.target.value) })} />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('stopping')}</legend>
        <label>
          <input type="radio" name="stop" checked={d.stopping === 'replications'} onChange={() => set({ stopping: 'replications' })} /> {t('stopFixed')}{' '}
          <input type="number" min={2} max={1000} value={d.replications} onChange={(e) => set({ replications: Number(e.target.value) })} aria-label={f.t('replications')} />
        </label>
        <label>
          <input type="radio" name="stop" checked={d.stopping === 'precision'} onChange={() => set({ stopping: 'precision' })} /> {t('stopPrecision')}
        </label>
        {d.stopping === 'precision' && (
          <span className="row">
            <label>
              {t('relativeCi')} <input type="number" min={0.1} max={50} step={0.1} value={d.relative * 100} onChange={(e) => set({ relative: Number(e.target.value) / 100 })} />
            </label>
            <label>
              {t('maxReplications')} <input type="number" min={2} max={1000} value={d.maxReplications} onChange={(e) => set({ maxReplications: Number(e.target.value) })} />
            </label>
          </span>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('kpisLabel')}</legend>
        {EXPERIMENT_KPIS.map((k) => (
          <label key={k.path}>
            <input type="checkbox" checked={d.kpis.includes(k.path)} onChange={() => set({ kpis: toggle(d.kpis, k.path) })} /> {t(k.key)}
          </label>
        ))}
        <label className="row">
          {t('rankBy')}
          <select value={d.rankKpi} onChange={(e) => set({ rankKpi: e.target.value })} data-testid="rank-kpi">
            {EXPERIMENT_KPIS.filter((k) => d.kpis.includes(k.path)).map((k) => (
              <option key={k.path} value={k.path}>
                {t(k.key)}
              </option>
            ))}
          </select>
          <select value={d.goal} onChange={(e) => set({ goal: e.target.value as 'max' | 'min' })} aria-label={t('rankBy')}>
            <option value="max">{t('goalMax')}</option>
            <option value="min">{t('goalMin')}</option>
          </select>
        </label>
      </fieldset>
      <button type="submit" disabled={!canRun || running || !d.model || d.kpis.length === 0 || !d.kpis.includes(d.rankKpi)} title={canRun ? undefined : f.t('needsPlanner')} data-testid="experiment-start">
        {running ? f.t('running') : t('startExperiment')}
      </button>
    </form>
  );
}
