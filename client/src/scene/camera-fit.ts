import { Vector3 } from 'three';

export const FOV_DEG = 45;
/** Height of the box that must fit: roughly the tallest equipment (formation racks, aging stores). */
const BOX_H = 8;
/** Share of the half-view the plant may fill: room at the edges for labels and the preset bar. */
const FILL_H = 0.94;
const FILL_V = 0.86;
const deg = (d: number) => (d * Math.PI) / 180;
/**
 * Views tried, as azimuth (0 = from the south, +z, the flow left to right; 90° = from
 * the east end, the flow top to bottom) and elevation. A long, narrow plant on a wide
 * screen is best seen slanted or from low; on a tall phone screen, lengthwise.
 */
const AZIMUTHS = [0, 20, -20, 35, -35, 90].map(deg);
const ELEVATIONS = [72, 62, 50, 38].map(deg);

export interface FloorFrame {
  x: number;
  z: number;
  w: number;
  d: number;
}

export interface CameraFit {
  target: Vector3;
  position: Vector3;
  /** Share of the screen the plant's floor covers from there (0..1). */
  fill: number;
  distance: number;
}

/**
 * The camera that shows a rectangle of floor as large as it can be while every corner
 * of its box stays on screen: for each candidate direction the exact distance at which
 * the box fits the viewport's aspect (each corner inside both half-angles, with its own
 * depth), then the direction whose view the floor fills most.
 */
export function fitCamera(frame: FloorFrame, aspect: number): CameraFit {
  const tanV = Math.tan(deg(FOV_DEG / 2));
  const tanH = tanV * Math.max(aspect, 0.2);
  const w = Math.max(frame.w, 8);
  const d = Math.max(frame.d, 8);
  const corners: Vector3[] = [];
  for (const sx of [-0.5, 0.5]) for (const sz of [-0.5, 0.5]) for (const y of [0, BOX_H]) corners.push(new Vector3(sx * w, y, sz * d));
  const up = new Vector3(0, 1, 0);
  let best: CameraFit | null = null;
  for (const el of ELEVATIONS) {
    for (const az of AZIMUTHS) {
      const toCamera = new Vector3(Math.sin(az) * Math.cos(el), Math.sin(el), Math.cos(az) * Math.cos(el));
      const forward = toCamera.clone().negate();
      const right = forward.clone().cross(up).normalize();
      const camUp = right.clone().cross(forward);
      let dist = 0;
      for (const p of corners) {
        const depthOffset = p.dot(forward);
        dist = Math.max(dist, Math.abs(p.dot(right)) / (tanH * FILL_H) - depthOffset, Math.abs(p.dot(camUp)) / (tanV * FILL_V) - depthOffset);
      }
      dist = Math.max(dist, 6);
      // Screen area of the floor's four corners (shoelace in NDC, whose square has area 4).
      const ndc = corners
        .filter((p) => p.y === 0)
        .map((p) => {
          const depth = dist + p.dot(forward);
          return [p.dot(right) / (depth * tanH), p.dot(camUp) / (depth * tanV)];
        });
      const order = [0, 1, 3, 2]; // corners were generated as (−,−), (−,+), (+,−), (+,+)
      let area = 0;
      for (let i = 0; i < 4; i++) {
        const [x0, y0] = ndc[order[i]];
        const [x1, y1] = ndc[order[(i + 1) % 4]];
        area += x0 * y1 - x1 * y0;
      }
      const fill = Math.abs(area) / 2 / 4;
      // A clearly better fill wins; near ties keep the earlier view (steeper, plainer, easier to read).
      if (best === null || fill > best.fill * 1.12) {
        const target = new Vector3(frame.x, 0, frame.z);
        best = { target, position: target.clone().addScaledVector(toCamera, dist), fill, distance: dist };
      }
    }
  }
  return best!;
}
