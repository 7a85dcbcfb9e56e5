import { useState } from 'react';
import { fileIdFromName } from '../../../server/protocol/file-id.ts';
import { usePlannerText, type PlannerKey } from '../capacity/planner-strings.ts';
import { ApiError, postJson } from '../net/api.ts';
import { useUi } from '../state/ui-store.ts';
import { useEdit } from './edit-store.ts';
import { useEditText } from './edit-strings.ts';

interface SaveReply {
  id: string;
  name?: string;
}

/** The reason for a refusal in the user's language where the client knows it; the server's own words stay beside it. */
function refusalKey(e: ApiError): PlannerKey {
  if (e.status === 0) return 'refusedOffline';
  if (e.status === 409) return /shipped/.test(e.message) ? 'refusedShipped' : 'refusedExists';
  if (e.status === 507) return 'refusedTooMany';
  if (e.status === 413) return 'refusedTooBig';
  if (e.status === 400) return 'refusedInvalid';
  return 'refusedOther';
}

/**
 * Saves the edit as a scenario file through POST /api/scenarios: the name as typed
 * (any language), the file id transliterated by the server (shown here beforehand
 * with the same rule); the server validates the overlay again with the same schemas.
 */
export function SaveScenarioForm() {
  const t = useEditText();
  const p = usePlannerText();
  const overlay = useEdit((s) => s.overlay);
  const modelId = useEdit((s) => s.modelId);
  const sessionScenario = useUi((s) => s.session?.scenario ?? null);
  const [name, setName] = useState('');
  const [question, setQuestion] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; detail?: string; problems?: string[] } | null>(null);
  const empty = Object.keys(overlay).length === 0;
  const id = fileIdFromName(name);

  const save = async () => {
    if (!modelId) return;
    setBusy(true);
    try {
      const reply = await postJson<SaveReply>('/api/scenarios', { name: name.trim(), model: modelId, question, overlay: { set: overlay }, overwrite });
      setResult({ ok: true, text: `${p('savedAs')} "${reply.name ?? name.trim()}" (${p('fileId')}: ${reply.id})` });
    } catch (err) {
      const e = err as ApiError;
      setResult({ ok: false, text: p(refusalKey(e)), detail: e.message, problems: e.problems });
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
        {p('expName')}
        <input data-testid="scenario-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      {name.trim() !== '' && (
        <div className="muted" data-testid="scenario-id">
          {p('fileId')}: {id || 'layout-…'}
        </div>
      )}
      <label className="row">
        {t('question')}
        <input data-testid="scenario-question" value={question} maxLength={400} onChange={(e) => setQuestion(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> {t('overwrite')}
      </label>
      <button type="submit" data-testid="save-scenario" disabled={busy || empty || name.trim() === '' || question.trim() === ''}>
        {t('save')}
      </button>
      {empty && <span className="muted"> {t('saveNeedsChange')}</span>}
      {result && (
        <div className={result.ok ? 'save-ok' : 'edit-problems'} role={result.ok ? 'status' : 'alert'} data-testid="save-result">
          {result.text}
          {result.detail && <div className="muted small">{result.detail}</div>}
          {result.problems && (
            <ul>
              {result.problems.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
