import { Line } from '@react-three/drei';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import { useRef } from 'react';
import { Plane, Vector3 } from 'three';
import { useUi } from '../state/ui-store.ts';
import { useEdit } from './edit-store.ts';
import { snap } from './layout-edit.ts';

const FLOOR = new Plane(new Vector3(0, 1, 0), 0);
const LEG_Y = 0.15;

/** Where the pointer's ray meets the floor, or null when it looks above the horizon. */
function floorPoint(e: ThreeEvent<PointerEvent | MouseEvent>, out: Vector3): Vector3 | null {
  return e.ray.intersectPlane(FLOOR, out);
}

/**
 * The editor inside the 3D scene: a handle on the selected node to drag it
 * across the floor (snapped; each snapped step is validated and refused steps
 * leave the node where it was), a floor that takes clicks while a conveyor path
 * is drawn, and the transport legs as lines.
 */
export function EditLayer() {
  const active = useEdit((s) => s.active);
  if (!active) return null;
  return (
    <>
      <DragHandle />
      <PathCanvas />
      <Legs />
    </>
  );
}

function DragHandle() {
  const selectedId = useUi((s) => s.selectedId);
  const box = useEdit((s) => (selectedId ? s.layout?.byId.get(selectedId) : undefined));
  const drawing = useEdit((s) => s.drawing);
  const controls = useThree((s) => s.controls) as { enabled: boolean } | null;
  const grab = useRef<{ dx: number; dz: number; lastX: number; lastZ: number } | null>(null);
  const hit = useRef(new Vector3());
  if (!box || drawing !== null) return null;

  const down = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const p = floorPoint(e, hit.current);
    if (!p) return;
    (e.target as Element).setPointerCapture(e.pointerId);
    // Keep the offset between the grab point and the centre, so the node does not jump under the cursor.
    grab.current = { dx: box.x - p.x, dz: box.z - p.z, lastX: box.x, lastZ: box.z };
    if (controls) controls.enabled = false;
    useEdit.getState().setDragging(box.id);
  };
  const move = (e: ThreeEvent<PointerEvent>) => {
    const g = grab.current;
    if (!g) return;
    e.stopPropagation();
    const p = floorPoint(e, hit.current);
    if (!p) return;
    const x = snap(p.x + g.dx);
    const z = snap(p.z + g.dz);
    if (x === g.lastX && z === g.lastZ) return;
    // A refused step is remembered too, so the same refused point is not validated again on every pixel.
    g.lastX = x;
    g.lastZ = z;
    useEdit.getState().move(box.id, x, z);
  };
  const up = (e: ThreeEvent<PointerEvent>) => {
    if (!grab.current) return;
    (e.target as Element).releasePointerCapture(e.pointerId);
    grab.current = null;
    if (controls) controls.enabled = true;
    useEdit.getState().setDragging(null);
    // The click that ends a drag lands on whatever is under the cursor then (often the floor, which deselects);
    // the dragged node stays selected, so its panel stays open.
    const id = box.id;
    setTimeout(() => useUi.getState().select(id), 0);
  };

  return (
    <mesh position={[box.x, box.y + box.h / 2, box.z]} rotation-y={-box.rotation} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up}>
      <boxGeometry args={[box.w + 0.4, box.h + 0.4, box.d + 0.4]} />
      <meshBasicMaterial color="#ffd166" wireframe transparent opacity={0.9} />
    </mesh>
  );
}

/** While a conveyor path is drawn, every click on the floor adds a snapped waypoint. */
function PathCanvas() {
  const drawing = useEdit((s) => s.drawing);
  const draft = useEdit((s) => s.draft);
  const bounds = useUi((s) => s.layout?.bounds);
  const hit = useRef(new Vector3());
  if (drawing === null || !bounds) return null;
  const size = Math.max(bounds.maxX - bounds.minX, bounds.maxZ - bounds.minZ) * 3 + 100;
  return (
    <>
      <mesh
        rotation-x={-Math.PI / 2}
        position={[(bounds.minX + bounds.maxX) / 2, 0.02, (bounds.minZ + bounds.maxZ) / 2]}
        onClick={(e) => {
          e.stopPropagation();
          const p = floorPoint(e, hit.current);
          if (p) useEdit.getState().addPoint({ x: snap(p.x), z: snap(p.z) });
        }}
      >
        <planeGeometry args={[size, size]} />
        <meshBasicMaterial transparent opacity={0} depthWrite={false} />
      </mesh>
      {draft.map((p, i) => (
        <mesh key={i} position={[p.x, 0.3, p.z]} raycast={() => null}>
          <sphereGeometry args={[0.35, 12, 8]} />
          <meshBasicMaterial color="#ffd166" />
        </mesh>
      ))}
      {draft.length >= 2 && <Line points={draft.map((p) => [p.x, 0.3, p.z] as [number, number, number])} color="#ffd166" lineWidth={3} />}
    </>
  );
}

/** Each transport leg as a line along the route the distance is measured on. */
function Legs() {
  const legs = useEdit((s) => s.legs);
  return (
    <>
      {legs
        .filter((l) => l.points.length >= 2)
        .map((l) => (
          <Line key={l.key} points={l.points.map((p) => [p.x, LEG_Y, p.z] as [number, number, number])} color={l.kind === 'conveyor' ? '#4cc9f0' : '#f28482'} lineWidth={2} dashed={l.kind === 'vehicles'} dashSize={1} gapSize={0.6} />
        ))}
    </>
  );
}
