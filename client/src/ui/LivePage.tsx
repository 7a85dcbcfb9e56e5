import { PlantScene } from '../scene/PlantScene.tsx';
import { useUi } from '../state/ui-store.ts';
import { Controls } from './Controls.tsx';
import { useFormat } from './hooks.ts';
import { InspectPanel } from './InspectPanel.tsx';
import { KpiDashboard } from './KpiDashboard.tsx';
import { Legend } from './Legend.tsx';
import { PresetBar } from './PresetBar.tsx';
import { SceneLabels } from './SceneLabels.tsx';
import { SessionPanel } from './SessionPanel.tsx';

/** The live plant: sessions and controls on the left, the 3D plant in the middle, KPIs or the inspected node on the right. */
export function LivePage() {
  const f = useFormat();
  const layout = useUi((s) => s.layout);
  const selectedId = useUi((s) => s.selectedId);
  return (
    <main className="live">
      <aside className="side left">
        <Controls />
        <Legend />
        <SessionPanel />
      </aside>
      <div className="stage">
        {layout ? (
          <>
            <PlantScene layout={layout} />
            <SceneLabels layout={layout} />
            <PresetBar />
            <div className="hint">{f.t('hoverHint')}</div>
          </>
        ) : (
          <div className="empty">{f.t('noModel')}</div>
        )}
      </div>
      <aside className="side right">{selectedId ? <InspectPanel nodeId={selectedId} /> : <KpiDashboard />}</aside>
    </main>
  );
}
