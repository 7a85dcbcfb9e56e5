import { lazy, Suspense, useEffect } from 'react';
import { followPlannerLinks } from './capacity/planner-route.ts';
import { applyDocumentLocale } from './i18n/locale.ts';
import { useUi } from './state/ui-store.ts';
import { ErrorToasts } from './ui/ErrorToasts.tsx';
import { useFormat } from './ui/hooks.ts';
import { LivePage } from './ui/LivePage.tsx';
import { TopBar } from './ui/TopBar.tsx';
import { LoginDialog } from './ui/LoginDialog.tsx';
import { followLoginLink, useAccount } from './net/account.ts';

// The planner pages (tables, charts, run history, experiments) load when first opened: the first screen is the live plant.
const CapacityPage = lazy(() => import('./capacity/CapacityPage.tsx').then((m) => ({ default: m.CapacityPage })));
const OptimizePage = lazy(() => import('./optimize/OptimizePage.tsx').then((m) => ({ default: m.OptimizePage })));
const ExperimentsPage = lazy(() => import('./experiments/ExperimentsPage.tsx').then((m) => ({ default: m.ExperimentsPage })));

export function App() {
  const page = useUi((s) => s.page);
  const f = useFormat();
  useEffect(() => applyDocumentLocale(f.locale, f.t('appTitle')), [f]);
  useEffect(followPlannerLinks, []);
  useEffect(() => void useAccount.getState().load(), []);
  useEffect(followLoginLink, []);
  return (
    <div className="app">
      <TopBar />
      {page === 'live' ? (
        <LivePage />
      ) : (
        <Suspense fallback={<div className="empty">{f.t('loading')}</div>}>{page === 'experiments' ? <ExperimentsPage /> : page === 'optimize' ? <OptimizePage /> : <CapacityPage />}</Suspense>
      )}
      <ErrorToasts />
      <LoginDialog />
    </div>
  );
}
