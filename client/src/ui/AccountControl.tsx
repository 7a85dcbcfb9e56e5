import { useAccount } from '../net/account.ts';
import { useFormat } from './hooks.ts';

/** The top bar's account corner: nothing on a desk server; else the user and roles with "Log out", or "Log in". */
export function AccountControl() {
  const f = useFormat();
  const me = useAccount((s) => s.me);
  if (me === null || !me.loginRequired) return null;
  const { logout, setDialogOpen } = useAccount.getState();
  if (me.user === null) {
    return (
      <span className="account" data-testid="account">
        {me.roles.length === 1 && me.roles[0] === 'viewer' && <span className="muted">{f.t('viewOnly')}</span>}
        <button onClick={() => setDialogOpen(true)}>{f.t('logIn')}</button>
      </span>
    );
  }
  return (
    <span className="account" data-testid="account" title={me.roles.map((r) => f.t(`acct_${r}`)).join(', ')}>
      <strong>{me.user}</strong>
      <button onClick={() => void logout()}>{f.t('logOut')}</button>
    </span>
  );
}
