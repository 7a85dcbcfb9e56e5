import { LOCALES } from '../i18n/format.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from './hooks.ts';

/** Title, page switch, role, connection state and language. */
export function TopBar() {
  const f = useFormat();
  const { page, setPage, locale, setLocale, connection, role } = useUi();
  const roleText = role ? f.t(`role_${role}`) : f.t('role_none');
  return (
    <header className="topbar">
      <strong className="title">{f.t('appTitle')}</strong>
      <nav className="tabs">
        {(['live', 'capacity', 'experiments'] as const).map((p) => (
          <button key={p} className={page === p ? 'tab active' : 'tab'} onClick={() => setPage(p)}>
            {f.t(p)}
          </button>
        ))}
      </nav>
      <span className="spacer" />
      <span className={`badge role-${role ?? 'none'}`} data-testid="role">
        {f.t('role')}: {roleText}
      </span>
      <span className={`badge conn-${connection}`} data-testid="connection">
        ● {f.t(`conn_${connection}`)}
      </span>
      <label className="lang">
        <span className="sr-only">{f.t('language')}</span>
        <select value={locale} onChange={(e) => setLocale(e.target.value as typeof locale)} aria-label={f.t('language')}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {l === 'ru' ? 'Русский' : 'English'}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
