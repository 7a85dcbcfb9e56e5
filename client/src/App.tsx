import { CapacityPage } from './capacity/CapacityPage.tsx';
import { useUi } from './state/ui-store.ts';
import { ErrorToasts } from './ui/ErrorToasts.tsx';
import { LivePage } from './ui/LivePage.tsx';
import { TopBar } from './ui/TopBar.tsx';

export function App() {
  const page = useUi((s) => s.page);
  return (
    <div className="app">
      <TopBar />
      {page === 'live' ? <LivePage /> : <CapacityPage />}
      <ErrorToasts />
    </div>
  );
}
