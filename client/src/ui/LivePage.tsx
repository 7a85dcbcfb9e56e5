import { useEffect, useState } from 'react';
import { EditLabels } from '../edit/EditLabels.tsx';
import { EditPanel } from '../edit/EditPanel.tsx';
import { useEdit } from '../edit/edit-store.ts';
import { EditToggle } from '../edit/EditToggle.tsx';
import { useFrontDoor } from '../net/front-door.ts';
import { PlantScene } from '../scene/PlantScene.tsx';
import { SceneBoundary } from '../scene/SceneBoundary.tsx';
import { useUi } from '../state/ui-store.ts';
import { Controls } from './Controls.tsx';
import { Headline } from './Headline.tsx';
import { useFormat } from './hooks.ts';
import { InspectPanel } from './InspectPanel.tsx';
import { KpiDashboard } from './KpiDashboard.tsx';
import { Legend } from './Legend.tsx';
import { PresetBar } from './PresetBar.tsx';
import { SceneLabels } from './SceneLabels.tsx';
import { SessionPanel } from './SessionPanel.tsx';
import { TrainingPanel } from '../training/TrainingPanel.tsx';
import { ExercisesLink } from '../training/ExercisesLink.tsx';
import { PromptPopup } from '../training/PromptPopup.tsx';
import '../training/training.css';

/** On tablets and phones one panel shows at a time, chosen by these tabs; wide screens show all. */
const PANEL_TABS = ['kpis', 'controls', 'sessions'] as const;
type PanelTab = (typeof PANEL_TABS)[number];

/** What the stage says while there is no plant to show: warming up, joining, or nothing to join. */
function EmptyStage() {
  const f = useFormat();
  const door = useFrontDoor();
  if (door.status === 'warming') {
    const days = door.warmupS === null ? null : door.warmupS / 86400;
    return (
      <div className="empty" role="status" data-testid="warming">
        {f.t('warming')} {days === null ? '' : f.count(days, 'days')} {f.t('warmingTail')}
      </div>
    );
  }
  const text = door.status === 'joining' ? f.t('joiningPlant') : door.status === 'absent' ? f.t('noPublicPlant') : f.t('noModel');
  return (
    <div className="empty" role="status">
      {text}
    </div>
  );
}

/**
 * The live plant: the headline strip on top; sessions and controls on the left, the 3D
 * plant in the middle, KPIs or the inspected node on the right (tabs on small screens).
 */
export function LivePage() {
  const f = useFormat();
  const [tab, setTab] = useState<PanelTab>('kpis');
  const sessionLayout = useUi((s) => s.layout);
  // While editing, the scene shows the edited layout; the session's own layout returns when editing ends.
  const editLayout = useEdit((s) => (s.active ? s.layout : null));
  const layout = editLayout ?? sessionLayout;
  const selectedId = useUi((s) => s.selectedId);
  // A machine tapped on a small screen opens its details where they are shown: the first tab.
  useEffect(() => {
    if (selectedId !== null) setTab('kpis');
  }, [selectedId]);
  return (
    <main className={`live tab-${tab}`}>
      <Headline />
      <div className="stage">
        {layout ? (
          <>
            <SceneBoundary fallback={(message) => <div className="empty" role="alert">{f.t('sceneFailed')} ({message})</div>}>
              <PlantScene layout={layout} />
            </SceneBoundary>
            <SceneLabels layout={layout} />
            <EditLabels />
            {/* One bar, so the area buttons wrap before the edit button instead of running under it ("Редактировать планировку" is wider than the room the buttons left it). */}
            <div className="stage-bar">
              <PresetBar />
              <EditToggle />
            </div>
            <div className="hint">{f.t('hoverHint')}</div>
            <PromptPopup />
          </>
        ) : (
          <EmptyStage />
        )}
      </div>
      <nav className="panel-tabs" aria-label={f.t('panels')}>
        {PANEL_TABS.map((p) => (
          <button key={p} className={tab === p ? 'tab active' : 'tab'} aria-pressed={tab === p} onClick={() => setTab(p)}>
            {f.t(`tab_${p}`)}
          </button>
        ))}
      </nav>
      <aside className="side left">
        <div className="pane pane-controls">
          <Controls />
          <Legend />
        </div>
        <div className="pane pane-sessions">
          <SessionPanel />
          <TrainingPanel />
          <ExercisesLink />
        </div>
      </aside>
      <aside className="side right pane-kpis">{editLayout ? <EditPanel /> : selectedId ? <InspectPanel nodeId={selectedId} /> : <KpiDashboard />}</aside>
    </main>
  );
}
