import { EditLabels } from '../edit/EditLabels.tsx';
import { EditPanel } from '../edit/EditPanel.tsx';
import { useEdit } from '../edit/edit-store.ts';
import { EditToggle } from '../edit/EditToggle.tsx';
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
import { TrainingPanel } from '../training/TrainingPanel.tsx';
import { PromptPopup } from '../training/PromptPopup.tsx';
import '../training/training.css';

/** The live plant: sessions and controls on the left, the 3D plant in the middle, KPIs or the inspected node on the right. */
export function LivePage() {
  const f = useFormat();
  const sessionLayout = useUi((s) => s.layout);
  // While editing, the scene shows the edited layout; the session's own layout returns when editing ends.
  const editLayout = useEdit((s) => (s.active ? s.layout : null));
  const layout = editLayout ?? sessionLayout;
  const selectedId = useUi((s) => s.selectedId);
  return (
    <main className="live">
      <aside className="side left">
        <Controls />
        <Legend />
        <SessionPanel />
        <TrainingPanel />
      </aside>
      <div className="stage">
        {layout ? (
          <>
            <PlantScene layout={layout} />
            <SceneLabels layout={layout} />
            <EditLabels />
            <EditToggle />
            <PresetBar />
            <div className="hint">{f.t('hoverHint')}</div>
            <PromptPopup />
          </>
        ) : (
          <div className="empty">{f.t('noModel')}</div>
        )}
      </div>
      <aside className="side right">{editLayout ? <EditPanel /> : selectedId ? <InspectPanel nodeId={selectedId} /> : <KpiDashboard />}</aside>
    </main>
  );
}
