import { lazy, Suspense, useEffect } from 'react';
import { applyDocumentLocale } from './i18n/locale.ts';
import { useUi } from './state/ui-store.ts';
import { ErrorToasts } from './ui/ErrorToasts.tsx';
import { useFormat } from './ui/hooks.ts';
import { LivePage } from './ui/LivePage.tsx';
import { TopBar } from './ui/TopBar.tsx';

// The capacity page (tables, charts, run history) loads when first opened: the first screen is the live plant.
const CapacityPage = lazy(() => import('./capacity/CapacityPage.tsx').then((m) => ({ default: m.CapacityPage })));

export function App() {
  const page = useUi((s) => s.page);
  const f = useFormat();
  useEffect(() => applyDocumentLocale(f.locale, f.t('appTitle')), [f]);
  return (
    <div className="app">
      <TopBar />
      {page === 'live' ? (
        <LivePage />
      ) : (
        <Suspense fallback={<div className="empty">{f.t('loading')}</div>}>
          <CapacityPage />
        </Suspense>
      )}
      <ErrorToasts />
    </div>
  );
}
