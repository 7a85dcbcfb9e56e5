/**
 * What the scene currently draws, per kind of object: instance counts of each instanced mesh.
 * Written by the scene components, read by the window.__twin test hook.
 */
export const sceneStats = {
  counts: {} as Record<string, number>,
  /** Rendered frames, so a test can see that the canvas is alive. */
  renderedFrames: 0,
};

export function setCount(kind: string, n: number): void {
  sceneStats.counts[kind] = n;
}
