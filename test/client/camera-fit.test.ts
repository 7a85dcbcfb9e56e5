import { describe, expect, it } from 'vitest';
import { PerspectiveCamera, Vector3 } from 'three';
import { fitCamera, FOV_DEG } from '../../client/src/scene/camera-fit.ts';

/**
 * The camera fit, checked with three's own projection (not the fit's arithmetic): from
 * the chosen position, looking at the target, every corner of the plant's box is on
 * screen, and the fit is tight (some corner near an edge), for wide, square and tall views.
 */
const PLANT = { x: 200, z: 0, w: 408, d: 80 }; // the default plant's floor (layout bounds)

function ndcOfCorners(aspect: number) {
  const fit = fitCamera(PLANT, aspect);
  const cam = new PerspectiveCamera(FOV_DEG, aspect, 0.5, 5000);
  cam.position.copy(fit.position);
  cam.lookAt(fit.target);
  cam.updateMatrixWorld();
  const out: Vector3[] = [];
  for (const sx of [-0.5, 0.5]) for (const sz of [-0.5, 0.5]) for (const y of [0, 8]) out.push(new Vector3(PLANT.x + sx * PLANT.w, y, PLANT.z + sz * PLANT.d).project(cam));
  return { fit, out };
}

describe('camera fit', () => {
  for (const aspect of [0.46, 0.8, 1.36, 2.3]) {
    it(`shows the whole plant, tightly, at aspect ${aspect}`, () => {
      const { out } = ndcOfCorners(aspect);
      for (const v of out) {
        expect(Math.abs(v.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(v.y)).toBeLessThanOrEqual(1);
        expect(v.z).toBeLessThan(1); // in front of the camera, inside the far plane
      }
      const reach = Math.max(...out.map((v) => Math.max(Math.abs(v.x), Math.abs(v.y))));
      expect(reach).toBeGreaterThan(0.8);
    });
  }

  it('a long plant fills a wide view more than a tall one, and a tall view looks along it', () => {
    const wide = fitCamera(PLANT, 2.3);
    const tall = fitCamera(PLANT, 0.46);
    expect(wide.fill).toBeGreaterThan(tall.fill);
    // Looking along x (from the east end): the camera sits off the plant's end, not its side.
    expect(Math.abs(tall.position.x - PLANT.x)).toBeGreaterThan(Math.abs(tall.position.z - PLANT.z));
    expect(Math.abs(wide.position.z - PLANT.z)).toBeGreaterThan(Math.abs(wide.position.x - PLANT.x));
  });
});
