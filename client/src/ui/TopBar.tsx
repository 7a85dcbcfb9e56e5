import { LOCALES } from '../i18n/format.ts';
import { LANGUAGE_NAMES } from '../i18n/locale.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from './hooks.ts';
import { AccountControl } from './AccountControl.tsx';

/** Title, page switch, the live session's role (on the live page), connection state and language. */
export function TopBar() {
  const f = useFormat();
  const { page, setPage, locale, setLocale, connection, role } = useUi();
  const roleText = role ? f.t(`role_${role}`) : f.t('role_none');
  return (
    <header className="topbar">
      <h1 className="title">{f.t('appTitle')}</h1>
      <nav className="tabs">
        {(['live', 'capacity', 'experiments', 'optimize'] as const).map((p) => (
          <button key={p} className={page === p ? 'tab active' : 'tab'} aria-current={page === p ? 'page' : undefined} onClick={() => setPage(p)}>
            {f.t(p)}
          </button>
        ))}
      </nav>
      <span className="spacer" />
      {/* The role is the one held in the live session: shown on other pages, a planner who may run experiments read "viewer (read-only)". */}
      {page === 'live' && (
        <span className={`badge role-${role ?? 'none'}`} data-testid="role">
          {f.t('role')}: {roleText}
        </span>
      )}
      <AccountControl />
      <span className={`badge conn-${connection}`} data-testid="connection" title={`${f.t('connection')}: ${f.t(`conn_${connection}`)}`}>
        <span aria-hidden="true">●</span> <span className="conn-text">{f.t(`conn_${connection}`)}</span>
      </span>
      {/* Each language is named in itself and marked with its own lang, so a screen reader says it right. */}
      <div className="lang-switch" role="group" aria-label={f.t('language')}>
        {LOCALES.map((l) => (
          <button key={l} lang={l} className={locale === l ? 'active' : ''} aria-pressed={locale === l} onClick={() => setLocale(l)}>
            {LANGUAGE_NAMES[l]}
          </button>
        ))}
      </div>
    </header>
  );
}
