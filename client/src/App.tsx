import { useEffect } from 'react';
import { CapacityPage } from './capacity/CapacityPage.tsx';
import { followPlannerLinks } from './capacity/planner-route.ts';
import { ExperimentsPage } from './experiments/ExperimentsPage.tsx';
import { useUi } from './state/ui-store.ts';
import { ErrorToasts } from './ui/ErrorToasts.tsx';
import { LivePage } from './ui/LivePage.tsx';
import { TopBar } from './ui/TopBar.tsx';

export function App() {
  const page = useUi((s) => s.page);
  useEffect(followPlannerLinks, []);
  return (
    <div className="app">
      <TopBar />
      {page === 'live' ? <LivePage /> : page === 'experiments' ? <ExperimentsPage /> : <CapacityPage />}
      <ErrorToasts />
    </div>
  );
}
