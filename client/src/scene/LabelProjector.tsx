import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import { Vector3 } from 'three';
import { anchors } from './label-anchors.ts';

/** Moves every anchored DOM label to the screen position of its point, each frame. */
export function LabelProjector() {
  const v = useMemo(() => new Vector3(), []);
  useFrame(({ camera, size }) => {
    for (const a of anchors.values()) {
      v.set(a.x, a.y, a.z).project(camera);
      const visible = v.z < 1 && Math.abs(v.x) <= 1.2 && Math.abs(v.y) <= 1.2;
      a.el.style.display = visible ? '' : 'none';
      if (!visible) continue;
      const px = ((v.x + 1) / 2) * size.width;
      const py = ((1 - v.y) / 2) * size.height;
      a.el.style.transform = a.align === 'center' ? `translate(${px}px, ${py}px) translate(-50%, -100%)` : `translate(${px}px, ${py}px)`;
    }
  });
  return null;
}
