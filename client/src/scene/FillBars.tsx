import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { BoxGeometry, Color, InstancedMesh, Matrix4, Quaternion, Vector3 } from 'three';
import { live } from '../state/live-frame.ts';
import { useUi } from '../state/ui-store.ts';
import type { NodeBox } from './layout.ts';
import { fillColor } from './palette.ts';
import { setCount } from './scene-stats.ts';

const BAR_W = 0.35;
/** Height of a full bar above the node, in metres. */
const BAR_MAX_H = 3;
/** Bars ease toward the latest level so 10–20 Hz frames look continuous. */
const EASE_PER_S = 8;

/**
 * A vertical level bar beside every buffer and store: level / capacity, or for an
 * unbounded one level against the highest level it has shown.
 */
export function FillBars({ nodes }: { nodes: NodeBox[] }) {
  const ref = useRef<InstancedMesh>(null);
  const nodeInfo = useUi((s) => s.nodeInfo);
  const geometry = useMemo(() => new BoxGeometry(1, 1, 1).translate(0, 0.5, 0), []);
  const shown = useMemo(() => new Float32Array(nodes.length), [nodes]);
  const peak = useMemo(() => new Float32Array(nodes.length).fill(1), [nodes]);
  const tmp = useMemo(() => ({ m: new Matrix4(), q: new Quaternion(), p: new Vector3(), s: new Vector3(), c: new Color(), rgb: { r: 0, g: 0, b: 0 } }), []);

  useLayoutEffect(() => {
    setCount('fillBar', nodes.length);
    return () => setCount('fillBar', 0);
  }, [nodes]);

  useFrame((_, dt) => {
    const mesh = ref.current;
    if (!mesh) return;
    const k = 1 - Math.exp(-EASE_PER_S * dt);
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      const level = live.lv[n.index] ?? 0;
      const cap = nodeInfo[n.index]?.capacity ?? null;
      if (cap === null && level > peak[i]) peak[i] = level;
      const target = Math.min(1, level / (cap ?? peak[i]));
      shown[i] += (target - shown[i]) * k;
      const h = Math.max(0.02, shown[i] * BAR_MAX_H);
      tmp.p.set(n.x + n.w / 2 + BAR_W, n.y, n.z);
      tmp.s.set(BAR_W, h, BAR_W);
      tmp.m.compose(tmp.p, tmp.q, tmp.s);
      mesh.setMatrixAt(i, tmp.m);
      fillColor(shown[i], tmp.rgb);
      mesh.setColorAt(i, tmp.c.setRGB(tmp.rgb.r, tmp.rgb.g, tmp.rgb.b));
    }
    mesh.count = nodes.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  });

  if (nodes.length === 0) return null;
  return (
    <instancedMesh ref={ref} args={[geometry, undefined, nodes.length]} frustumCulled={false}>
      <meshStandardMaterial emissive="#111" roughness={0.4} />
    </instancedMesh>
  );
}
