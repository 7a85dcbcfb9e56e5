import { useState } from 'react';
import { ApiError } from '../net/api.ts';
import { useAccount } from '../net/account.ts';
import { useFormat } from './hooks.ts';
import { RefusalBox } from './RefusalBox.tsx';
import './account.css';

/** Name and password against POST /api/auth/login; a refusal in the user's language, the server's words beside it. */
export function LoginDialog() {
  const f = useFormat();
  const open = useAccount((s) => s.dialogOpen);
  const sso = useAccount((s) => s.me?.sso ?? false);
  const { login, setDialogOpen } = useAccount.getState();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; problems?: string[] } | null>(null);
  if (!open) return null;

  const submit = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      await login(name.trim(), password);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(String(err), 0);
      const reason = e.status === 401 ? f.t('loginWrong') : e.status === 429 ? f.t('loginTooMany') : e.status === 0 ? f.t('loginOffline') : e.message;
      setRefusal({ message: reason, problems: e.status === 400 ? e.problems : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-backdrop" onClick={() => setDialogOpen(false)}>
      <form
        className="login-dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="login-title"
        data-testid="login-dialog"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3 id="login-title">{f.t('loginTitle')}</h3>
        {/* The identity provider's pages take over the tab, then the server sends it back to / logged in. */}
        {sso && (
          <a className="sso" href="/api/auth/oidc/login" data-testid="login-sso">
            {f.t('loginSso')}
          </a>
        )}
        <label>
          {f.t('loginName')}
          <input name="username" autoComplete="username" autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {f.t('loginPassword')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {refusal && <RefusalBox error={refusal} testId="login-refusal" />}
        <div className="row">
          <button type="submit" disabled={busy || name.trim() === '' || password === ''}>
            {f.t('logIn')}
          </button>
          <button type="button" onClick={() => setDialogOpen(false)}>
            {f.t('loginCancel')}
          </button>
        </div>
        <p className="muted">{f.t('loginHint')}</p>
      </form>
    </div>
  );
}
