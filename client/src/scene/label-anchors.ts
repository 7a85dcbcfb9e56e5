/**
 * DOM labels pinned to points of the 3D scene. The label elements live outside the canvas
 * (plain React DOM); the projector inside the canvas moves them every frame by writing
 * style.transform directly, so following the camera never re-renders React.
 */
export interface Anchor {
  el: HTMLElement;
  x: number;
  y: number;
  z: number;
  /** 'center' centres the label on the point; 'corner' puts its top-left corner there. */
  align: 'center' | 'corner';
  /** On-screen size, px, measured by the projector the first time it places the label. */
  size?: { w: number; h: number };
}

export const anchors = new Map<string, Anchor>();

/** A ref callback that registers the element under `key` at a world position, and unregisters on unmount. */
export function anchorRef(key: string, x: number, y: number, z: number, align: Anchor['align'] = 'corner') {
  return (el: HTMLElement | null) => {
    if (el) anchors.set(key, { el, x, y, z, align });
    else anchors.delete(key);
  };
}
