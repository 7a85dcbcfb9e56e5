import { anchorRef } from '../scene/label-anchors.ts';
import { useFormat } from '../ui/hooks.ts';
import { useEdit } from './edit-store.ts';

/** Distance and travel time of every transport leg, pinned above its middle; they follow each accepted drag step. */
export function EditLabels() {
  const f = useFormat();
  const active = useEdit((s) => s.active);
  const legs = useEdit((s) => s.legs);
  if (!active) return null;
  return (
    <div className="scene-labels">
      {legs.map((l) => (
        <div key={l.key} className={`leg-label leg-${l.kind}`} data-testid={`leg-label-${l.key}`} ref={anchorRef(`leg:${l.key}`, l.at.x, 2.5, l.at.z, 'center')}>
          {f.num(l.distanceM, 1)} m · {f.duration(l.travelS)}
        </div>
      ))}
    </div>
  );
}
