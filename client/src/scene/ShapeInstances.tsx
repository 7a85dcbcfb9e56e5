import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Color, Euler, InstancedMesh, Matrix4, Quaternion, Vector3 } from 'three';
import { NO_STATE } from '../../../server/protocol/messages.ts';
import { live } from '../state/live-frame.ts';
import { useUi } from '../state/ui-store.ts';
import { shapeGeometry } from './geometries.ts';
import type { NodeBox } from './layout.ts';
import { NEUTRAL, stateColor } from './palette.ts';
import { setCount } from './scene-stats.ts';
import type { ShapeKind } from './shape-kind.ts';

function neutralOf(node: NodeBox): string {
  if (node.kind === 'dock') return NEUTRAL.dock;
  if (node.kind === 'buffer') return NEUTRAL.buffer;
  return NEUTRAL.store;
}

/** All nodes of one shape kind as one instanced mesh; colour follows each node's state every frame. */
export function ShapeInstances({ kind, nodes }: { kind: ShapeKind; nodes: NodeBox[] }) {
  const ref = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => shapeGeometry(kind), [kind]);
  const lastCodes = useRef<Int8Array>(new Int8Array(0));
  const selectedId = useUi((s) => s.selectedId);
  const hoveredId = useUi((s) => s.hoveredId);

  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const m = new Matrix4();
    const q = new Quaternion();
    const euler = new Euler();
    const color = new Color();
    nodes.forEach((n, i) => {
      q.setFromEuler(euler.set(0, -n.rotation, 0));
      m.compose(new Vector3(n.x, n.y, n.z), q, new Vector3(n.w, n.h, n.d));
      mesh.setMatrixAt(i, m);
      mesh.setColorAt(i, color.set(neutralOf(n)));
    });
    mesh.count = nodes.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
    lastCodes.current = new Int8Array(nodes.length).fill(-2);
    setCount(kind, nodes.length);
    return () => setCount(kind, 0);
  }, [kind, nodes]);

  // Highlight changes are rare, so they force a recolour rather than being checked every frame.
  useLayoutEffect(() => {
    lastCodes.current.fill(-2);
  }, [selectedId, hoveredId]);

  const color = useMemo(() => new Color(), []);
  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const codes = lastCodes.current;
    const { selectedId: sel, hoveredId: hov } = useUi.getState();
    let dirty = false;
    for (let i = 0; i < nodes.length; i++) {
      const code = live.st[nodes[i].index] ?? NO_STATE;
      if (codes[i] === code) continue;
      codes[i] = code;
      color.set(stateColor(code, neutralOf(nodes[i])));
      if (nodes[i].id === sel) color.offsetHSL(0, 0, 0.18);
      else if (nodes[i].id === hov) color.offsetHSL(0, 0, 0.1);
      mesh.setColorAt(i, color);
      dirty = true;
    }
    if (dirty && mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  });

  const pick = (e: ThreeEvent<PointerEvent | MouseEvent>) => (e.instanceId === undefined ? undefined : nodes[e.instanceId]);
  return (
    <instancedMesh
      ref={ref}
      args={[geometry, undefined, Math.max(1, nodes.length)]}
      castShadow
      receiveShadow
      onPointerMove={(e) => {
        e.stopPropagation();
        useUi.getState().hover(pick(e)?.id ?? null);
      }}
      onPointerOut={() => useUi.getState().hover(null)}
      onClick={(e) => {
        e.stopPropagation();
        const n = pick(e);
        if (n) useUi.getState().select(n.id);
      }}
    >
      <meshStandardMaterial roughness={0.6} metalness={0.15} />
    </instancedMesh>
  );
}
