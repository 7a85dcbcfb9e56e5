import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, InstancedMesh, Matrix4, Quaternion, Vector3 } from 'three';
import { PATH_Y, type EdgePath } from './layout.ts';
import { NEUTRAL } from './palette.ts';
import { setCount } from './scene-stats.ts';

const BELT_W = 0.45;
const BELT_H = 0.06;

/** Conveyors between connected nodes: every straight run of every edge is one instance of a flat belt. */
export function Paths({ edges }: { edges: EdgePath[] }) {
  const ref = useRef<InstancedMesh>(null);
  const segments = useMemo(
    () => edges.flatMap((e) => e.points.slice(1).map((p, i) => [e.points[i], p] as const)).filter(([a, b]) => Math.hypot(b[0] - a[0], b[2] - a[2]) > 0.01),
    [edges],
  );
  const geometry = useMemo(() => new BoxGeometry(1, 1, 1), []);

  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const m = new Matrix4();
    const q = new Quaternion();
    const up = new Vector3(0, 1, 0);
    segments.forEach(([a, b], i) => {
      const dx = b[0] - a[0];
      const dz = b[2] - a[2];
      const len = Math.hypot(dx, dz);
      q.setFromAxisAngle(up, -Math.atan2(dz, dx));
      // Belts overlap by their width at corners so turns look joined.
      m.compose(new Vector3((a[0] + b[0]) / 2, PATH_Y - BELT_H, (a[2] + b[2]) / 2), q, new Vector3(len + BELT_W, BELT_H, BELT_W));
      mesh.setMatrixAt(i, m);
    });
    mesh.count = segments.length;
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
    setCount('pathSegment', segments.length);
    return () => setCount('pathSegment', 0);
  }, [segments]);

  if (segments.length === 0) return null;
  return (
    <instancedMesh ref={ref} args={[geometry, undefined, segments.length]} receiveShadow raycast={() => null}>
      <meshStandardMaterial color={NEUTRAL.path} roughness={0.8} />
    </instancedMesh>
  );
}
