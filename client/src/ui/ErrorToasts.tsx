import { useUi } from '../state/ui-store.ts';
import { useFormat } from './hooks.ts';
import { failureText, problemText } from '../i18n/failure-text.ts';

/** Every refusal and failure from the server stays on screen until the user dismisses it. */
export function ErrorToasts() {
  const f = useFormat();
  const errors = useUi((s) => s.errors);
  const dismiss = useUi((s) => s.dismissError);
  if (errors.length === 0) return null;
  return (
    <div className="toasts" role="alert">
      {errors.map((e) => (
        <div key={e.id} className="toast">
          <div className="toast-msg">{e.failure && f.locale === 'ru' && e.prefix ? `${e.prefix}: ${failureText(f.locale, e)}` : failureText(f.locale, e)}</div>
          {e.problems && e.problems.length > 0 && (
            <ul>
              {e.problems.map((p) => (
                <li key={p}>{problemText(f.locale, p)}</li>
              ))}
            </ul>
          )}
          <button onClick={() => dismiss(e.id)}>{f.t('dismiss')}</button>
        </div>
      ))}
    </div>
  );
}
