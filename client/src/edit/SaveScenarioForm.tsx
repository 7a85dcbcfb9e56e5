import { useState } from 'react';
import { ApiError, postJson } from '../net/api.ts';
import { useUi } from '../state/ui-store.ts';
import { useEdit } from './edit-store.ts';
import { useEditText } from './edit-strings.ts';
import { fileSafeId } from './layout-edit.ts';

interface SaveReply {
  id: string;
}

/** Saves the edit as a scenario file through POST /api/scenarios; the server validates it again with the same schemas. */
export function SaveScenarioForm() {
  const t = useEditText();
  const overlay = useEdit((s) => s.overlay);
  const modelId = useEdit((s) => s.modelId);
  const sessionScenario = useUi((s) => s.session?.scenario ?? null);
  const [name, setName] = useState('');
  const [question, setQuestion] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; problems?: string[] } | null>(null);
  const empty = Object.keys(overlay).length === 0;
  const id = fileSafeId(name);

  const save = async () => {
    if (!modelId) return;
    setBusy(true);
    try {
      const reply = await postJson<SaveReply>('/api/scenarios', { name: id, model: modelId, question, title: name.trim() || undefined, overlay: { set: overlay }, overwrite });
      setResult({ ok: true, text: `${t('saved')} "${reply.id}"` });
    } catch (err) {
      const e = err as ApiError;
      setResult({ ok: false, text: e.message, problems: e.problems });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="save-scenario"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{t('saveAs')}</h4>
      {sessionScenario && (
        <p className="muted">
          {t('basedOnScenario')} "{modelId}" ({sessionScenario}).
        </p>
      )}
      <label className="row">
        {t('scenarioName')}
        <input data-testid="scenario-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      </label>
      {name !== '' && id !== name && <div className="muted">id: {id || '—'}</div>}
      <label className="row">
        {t('question')}
        <input data-testid="scenario-question" value={question} maxLength={400} onChange={(e) => setQuestion(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> {t('overwrite')}
      </label>
      <button type="submit" data-testid="save-scenario" disabled={busy || empty || id === '' || question.trim() === ''}>
        {t('save')}
      </button>
      {empty && <span className="muted"> {t('saveNeedsChange')}</span>}
      {result && (
        <div className={result.ok ? 'save-ok' : 'edit-problems'} role={result.ok ? 'status' : 'alert'} data-testid="save-result">
          {result.text}
          {result.problems && (
            <ul>
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
