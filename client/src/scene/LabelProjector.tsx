import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import { Vector3 } from 'three';
import { anchors, type Anchor } from './label-anchors.ts';

/** Gap kept between labels and from the view's edges, px. */
const GAP = 4;

interface Placed {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Placed, b: Placed) => a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;

/**
 * Moves every anchored DOM label to the screen position of its point, each frame.
 * Labels are kept inside the view (shifted in from the edges), and a label that
 * would overlap one already placed is hidden (hover and edit labels first, hall
 * names after): zoomed out, hall names do not pile up; zoomed in, they all show.
 */
export function LabelProjector() {
  const v = useMemo(() => new Vector3(), []);
  useFrame(({ camera, size }) => {
    const placed: Placed[] = [];
    // Labels of what the user points at or edits come first and always show; hall names give way.
    const yields = (key: string) => key.startsWith('area:');
    const ordered = [...anchors.entries()].sort(([a], [b]) => Number(yields(a)) - Number(yields(b)));
    for (const [key, a] of ordered) {
      v.set(a.x, a.y, a.z).project(camera);
      const inFront = v.z < 1 && Math.abs(v.x) <= 1.1 && Math.abs(v.y) <= 1.1;
      if (!inFront) {
        a.el.style.display = 'none';
        continue;
      }
      const { w, h } = measure(a);
      let px = ((v.x + 1) / 2) * size.width - (a.align === 'center' ? w / 2 : 0);
      let py = ((1 - v.y) / 2) * size.height - (a.align === 'center' ? h : 0);
      px = Math.min(size.width - w - GAP, Math.max(GAP, px));
      py = Math.min(size.height - h - GAP, Math.max(GAP, py));
      const box = { x: px, y: py, w, h };
      if (yields(key) && placed.some((p) => overlaps(p, box))) {
        a.el.style.display = 'none';
        continue;
      }
      placed.push(box);
      a.el.style.display = '';
      a.el.style.transform = `translate(${px}px, ${py}px)`;
    }
  });
  return null;
}

/** A label's size, measured once (its text changes only with a re-render, which registers it anew). */
function measure(a: Anchor): { w: number; h: number } {
  if (a.size === undefined || a.size.w === 0) {
    const prev = a.el.style.display;
    a.el.style.display = '';
    a.size = { w: a.el.offsetWidth, h: a.el.offsetHeight };
    a.el.style.display = prev;
  }
  return a.size;
}
