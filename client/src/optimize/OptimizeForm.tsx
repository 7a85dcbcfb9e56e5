import { labelOf, nameOf } from '../i18n/format.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from '../ui/hooks.ts';
import { useCan } from '../net/account.ts';
import { useCatalog, useModel } from '../ui/useCatalog.ts';
import { ModelSelect } from '../ui/ModelSelect.tsx';
import { SWEEP_FIELDS } from '../experiments/experiment-doc.ts';
import { sweepFieldName } from '../experiments/sweep-field-text.ts';
import { defaultJobName } from '../experiments/job-name.ts';
import { DEFAULT_OPTIMIZE_DRAFT, optimizeDocument, type ConstraintDraft, type OptimizeDraft, type VariableDraft } from './optimize-doc.ts';
import { useOptimizeText } from './optimize-strings.ts';
import { useOptimize } from './optimize-store.ts';

/** KPI paths offered in the constraint and objective boxes (any numeric path of a run's --json document is accepted). */
const KPI_SUGGESTIONS = ['kpis.gwhPerYear', 'kpis.cellsPerDay', 'kpis.cost.eurPerKwh', 'kpis.energy.kwhPerKwhCell', 'kpis.leadTimeS.mean', 'system.avgWip'];

/** The optimisation file as a form: model, variables, constraints and objective; submits it to POST /api/optimizations. */
export function OptimizeForm() {
  const f = useFormat();
  const canRun = useCan('planner');
  const t = useOptimizeText();
  const { models, scenarios } = useCatalog();
  const stored = useOptimize((s) => s.draft);
  const running = useOptimize((s) => s.progress?.status === 'running');
  const d: OptimizeDraft = { ...DEFAULT_OPTIMIZE_DRAFT, ...stored, model: stored?.model || models[0]?.id || '' };
  const set = (patch: Partial<OptimizeDraft>) => useOptimize.getState().setDraft({ ...d, ...patch });
  const model = useModel(d.model);
  const fitting = scenarios.filter((s) => !s.model || s.model === d.model);
  const settable = (model?.nodes ?? []).filter((n) => SWEEP_FIELDS[n.type]);
  const sinks = (model?.nodes ?? []).filter((n) => n.type === 'sink').map((n) => `sinks.${n.id}.perHour`);
  const setVar = (i: number, patch: Partial<VariableDraft>) => set({ variables: d.variables.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const setCon = (i: number, patch: Partial<ConstraintDraft>) => set({ constraints: d.constraints.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const submit = () => {
    try {
      void useOptimize.getState().submit(optimizeDocument(d, defaultJobName(t('optimisationOf'), d.model, models, f.locale)));
    } catch (err) {
      useUi.getState().pushError((err as Error).message);
    }
  };
  const num = (v: number, on: (n: number) => void, label: string, step = 'any') => (
    <input type="number" aria-label={label} step={step} value={Number.isFinite(v) ? v : ''} onChange={(e) => on(e.target.valueAsNumber)} />
  );

  return (
    <form className="panel experiment-form optimize-form" onSubmit={(e) => (e.preventDefault(), submit())} data-testid="optimize-form">
      <h3>{t('title')}</h3>
      <p className="muted small">{t('intro')}</p>
      <datalist id="optimize-kpis">
        {[...KPI_SUGGESTIONS, ...sinks].map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <label className="row">
        {t('name')} <input value={d.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label className="row">
        {f.t('model')} <ModelSelect models={models} value={d.model} onChange={(id) => set({ model: id, scenario: '' })} />
      </label>
      <label className="row">
        {t('scenario')}
        <select value={d.scenario} onChange={(e) => set({ scenario: e.target.value })}>
          <option value="">{t('none')}</option>
          {fitting.map((s) => (
            <option key={s.id} value={s.id} title={(f.locale === 'ru' && s.questionRu) || s.question}>
              {nameOf(s, f.locale)}
            </option>
          ))}
        </select>
      </label>
      <div className="row-pair">
        <label className="row">
          {t('horizon')} <input name="horizon" value={d.horizon} placeholder={t('durationHint')} onChange={(e) => set({ horizon: e.target.value })} />
        </label>
        <label className="row">
          {t('warmup')} <input name="warmup" value={d.warmup} placeholder={t('durationHint')} onChange={(e) => set({ warmup: e.target.value })} />
        </label>
      </div>
      <div className="row-pair">
        <label className="row">
          {t('replications')} {num(d.replications, (n) => set({ replications: n }), t('replications'), '1')}
        </label>
        <label className="row">
          {t('maxReplications')} {num(d.maxReplications, (n) => set({ maxReplications: n }), t('maxReplications'), '1')}
        </label>
        <label className="row">
          {t('seed')} {num(d.seed, (n) => set({ seed: n }), t('seed'), '1')}
        </label>
      </div>
      <fieldset data-testid="optimize-variables">
        <legend>{t('variables')}</legend>
        {d.variables.map((v, i) => (
          <div key={i} className="sweep-row">
            <select aria-label={t('node')} value={v.node} onChange={(e) => setVar(i, { node: e.target.value, field: SWEEP_FIELDS[settable.find((n) => n.id === e.target.value)?.type ?? '']?.[0] ?? v.field })}>
              {!settable.some((n) => n.id === v.node) && <option value={v.node}>{v.node}</option>}
              {settable.map((n) => (
                <option key={n.id} value={n.id}>
                  {labelOf(n, f.locale)}
                </option>
              ))}
            </select>
            <select aria-label={t('field')} value={v.field} onChange={(e) => setVar(i, { field: e.target.value })}>
              {(SWEEP_FIELDS[settable.find((n) => n.id === v.node)?.type ?? ''] ?? [v.field]).map((fld) => (
                <option key={fld} value={fld} title={fld}>
                  {sweepFieldName(fld, f.locale)}
                </option>
              ))}
            </select>
            <select aria-label={t('range')} value={v.mode} onChange={(e) => setVar(i, { mode: e.target.value as VariableDraft['mode'] })}>
              <option value="range">{t('range')}</option>
              <option value="values">{t('list')}</option>
            </select>
            {v.mode === 'range' ? (
              <>
                {num(v.from, (n) => setVar(i, { from: n }), t('from'))}
                {num(v.to, (n) => setVar(i, { to: n }), t('to'))}
                {num(v.step, (n) => setVar(i, { step: n }), t('step'))}
              </>
            ) : (
              <input aria-label={t('list')} value={v.values} placeholder={t('valuesHint')} onChange={(e) => setVar(i, { values: e.target.value })} />
            )}
            {d.target === 'weights' && (
              <label>
                {t('weight')} {num(v.weight, (n) => setVar(i, { weight: n }), t('weight'))}
              </label>
            )}
            {d.variables.length > 1 && (
              <button type="button" onClick={() => set({ variables: d.variables.filter((_, j) => j !== i) })}>
                {t('remove')}
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => set({ variables: [...d.variables, { ...DEFAULT_OPTIMIZE_DRAFT.variables[0], node: settable[0]?.id ?? '', field: SWEEP_FIELDS[settable[0]?.type ?? '']?.[0] ?? 'servers' }] })}>
          {t('add')}
        </button>
      </fieldset>
      <fieldset data-testid="optimize-constraints">
        <legend>{t('constraints')}</legend>
        {d.constraints.map((c, i) => (
          <div key={i} className="sweep-row">
            <input aria-label={t('kpi')} list="optimize-kpis" value={c.kpi} onChange={(e) => setCon(i, { kpi: e.target.value })} />
            <select aria-label={t('min')} value={c.bound} onChange={(e) => setCon(i, { bound: e.target.value as ConstraintDraft['bound'] })}>
              <option value="min">{t('min')}</option>
              <option value="max">{t('max')}</option>
            </select>
            {num(c.value, (n) => setCon(i, { value: n }), t('min'))}
            <label>
              {t('confidence')} {num(c.confidence, (n) => setCon(i, { confidence: n }), t('confidence'))}
            </label>
            <button type="button" onClick={() => set({ constraints: d.constraints.filter((_, j) => j !== i) })}>
              {t('remove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ constraints: [...d.constraints, { kpi: '', bound: 'min', value: 0, confidence: 0.95 }] })}>
          {t('add')}
        </button>
      </fieldset>
      <fieldset data-testid="optimize-objective">
        <legend>{t('objective')}</legend>
        <select aria-label={t('objective')} value={d.sense} onChange={(e) => set({ sense: e.target.value as OptimizeDraft['sense'] })}>
          <option value="minimize">{t('minimize')}</option>
          <option value="maximize">{t('maximize')}</option>
        </select>
        {(['kpi', 'weights'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="target" checked={d.target === k} onChange={() => set({ target: k })} /> {t(k === 'kpi' ? 'objKpi' : 'objWeights')}
          </label>
        ))}
        {d.target === 'kpi' && <input aria-label={t('objKpi')} list="optimize-kpis" value={d.objectiveKpi} onChange={(e) => set({ objectiveKpi: e.target.value })} />}
      </fieldset>
      <button type="submit" className="primary" disabled={!canRun || running || !d.model} title={canRun ? undefined : f.t('needsPlanner')} data-testid="optimize-start">
        {t('start')}
      </button>
    </form>
  );
}
