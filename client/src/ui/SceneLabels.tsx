import { labelOf } from '../i18n/format.ts';
import { anchorRef } from '../scene/label-anchors.ts';
import type { PlantLayout } from '../scene/layout.ts';
import { useUi } from '../state/ui-store.ts';

/** Hall names at their corners and the name of the hovered node above it; placed by LabelProjector. */
export function SceneLabels({ layout }: { layout: PlantLayout }) {
  const locale = useUi((s) => s.locale);
  const hovered = useUi((s) => (s.hoveredId ? layout.byId.get(s.hoveredId) : undefined));
  return (
    <div className="scene-labels">
      {layout.areas
        .filter((a) => a.w > 0)
        .map((a) => (
          <div key={`${a.id}:${locale}`} className="area-label" ref={anchorRef(`area:${a.id}`, a.x, 0.1, a.z - a.d / 2 + 1, 'center')}>
            {labelOf(a, locale)}
          </div>
        ))}
      {hovered && (
        <div key={hovered.id} className="hover-label" ref={anchorRef('hover', hovered.x, hovered.y + hovered.h + 0.6, hovered.z, 'center')}>
          {labelOf(hovered, locale)}
        </div>
      )}
    </div>
  );
}
