import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { ConeGeometry, InstancedMesh, Object3D } from 'three';
import { SERVER_STATES } from '../../../server/protocol/messages.ts';
import { live } from '../state/live-frame.ts';
import { useUi } from '../state/ui-store.ts';
import type { NodeBox } from './layout.ts';
import { NEUTRAL } from './palette.ts';
import { setCount } from './scene-stats.ts';

const DOWN = SERVER_STATES.indexOf('down');

/** A bobbing red warning cone over every station that is down, or has servers broken down by hand. */
export function BreakdownMarkers({ nodes }: { nodes: NodeBox[] }) {
  const ref = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => new ConeGeometry(0.6, 1.2, 12).rotateX(Math.PI), []);
  const dummy = useMemo(() => new Object3D(), []);

  useLayoutEffect(() => () => setCount('breakdownMarker', 0), []);

  useFrame(({ clock }) => {
    const mesh = ref.current;
    if (!mesh) return;
    const injected = useUi.getState().breakdowns;
    const bob = Math.sin(clock.elapsedTime * 4) * 0.25;
    let n = 0;
    for (const node of nodes) {
      if (live.st[node.index] !== DOWN && !(injected[node.id] > 0)) continue;
      dummy.position.set(node.x, node.y + node.h + 1.2 + bob, node.z);
      dummy.rotation.set(0, clock.elapsedTime * 2, 0);
      dummy.updateMatrix();
      mesh.setMatrixAt(n++, dummy.matrix);
    }
    mesh.count = n;
    mesh.instanceMatrix.needsUpdate = true;
    setCount('breakdownMarker', n);
  });

  return (
    <instancedMesh ref={ref} args={[geometry, undefined, Math.max(1, nodes.length)]} frustumCulled={false} raycast={() => null}>
      <meshStandardMaterial color={NEUTRAL.marker} emissive={NEUTRAL.marker} emissiveIntensity={0.6} />
    </instancedMesh>
  );
}
