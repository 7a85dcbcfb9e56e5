import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, InstancedMesh, Object3D, type Vector3 } from 'three';
import { live, MAX_PARTS, partProgress } from '../state/live-frame.ts';
import { pointAlong, type EdgePath } from './layout.ts';
import { NEUTRAL } from './palette.ts';
import { FOV_DEG } from './camera-fit.ts';
import { setCount } from './scene-stats.ts';

const PART_SIZE = 0.45;
const MIN_PART_PX = 5;

/** Every part in transit, in one instanced mesh; positions come from the live ring buffer each frame. */
export function MovingParts({ edges }: { edges: EdgePath[] }) {
  const ref = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => new BoxGeometry(PART_SIZE, PART_SIZE * 0.6, PART_SIZE).translate(0, (PART_SIZE * 0.6) / 2, 0), []);
  const dummy = useMemo(() => new Object3D(), []);
  const point = useMemo(() => ({ x: 0, y: 0, z: 0 }), []);

  useLayoutEffect(() => () => setCount('part', 0), []);

  useFrame(({ camera, size, controls }) => {
    const mesh = ref.current;
    if (!mesh) return;
    const now = performance.now();
    // A 0.45 m tray is under a pixel when the whole plant is in view: draw parts at least
    // MIN_PART_PX tall on screen, whatever the zoom (metres per pixel at the orbit target).
    const target = (controls as { target?: Vector3 } | null)?.target;
    const distance = target ? camera.position.distanceTo(target) : camera.position.length();
    const metresPerPx = (2 * distance * Math.tan((FOV_DEG * Math.PI) / 360)) / Math.max(1, size.height);
    dummy.scale.setScalar(Math.max(1, (MIN_PART_PX * metresPerPx) / PART_SIZE));
    let n = 0;
    for (let slot = 0; slot < MAX_PARTS; slot++) {
      const p = partProgress(live, slot, now);
      if (p < 0) continue;
      const edge = edges[live.partEdge[slot]];
      if (!edge) continue;
      pointAlong(edge, p, point);
      dummy.position.set(point.x, point.y, point.z);
      dummy.updateMatrix();
      mesh.setMatrixAt(n++, dummy.matrix);
    }
    mesh.count = n;
    mesh.instanceMatrix.needsUpdate = true;
    setCount('part', n);
  });

  return (
    <instancedMesh ref={ref} args={[geometry, undefined, MAX_PARTS]} frustumCulled={false} raycast={() => null}>
      <meshStandardMaterial color={NEUTRAL.part} emissive="#554" roughness={0.5} />
    </instancedMesh>
  );
}
