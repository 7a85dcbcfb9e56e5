import { OrbitControls } from '@react-three/drei';
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type ComponentRef } from 'react';
import { Vector3 } from 'three';
import { useUi } from '../state/ui-store.ts';
import type { CameraPreset } from './layout.ts';

export const FOV_DEG = 45;
/** Looking down at 55°: steep enough that a long, narrow plant does not collapse into a strip. */
const ELEVATION = (55 * Math.PI) / 180;

/** Where the camera sits to frame a rectangle of floor: far enough for both its width and its depth to fit. */
export function cameraFor(frame: NonNullable<CameraPreset['frame']>, aspect: number): { target: Vector3; position: Vector3 } {
  const halfV = ((FOV_DEG / 2) * Math.PI) / 180;
  const halfH = Math.atan(Math.tan(halfV) * Math.max(aspect, 0.3));
  const w = Math.max(frame.w, 8);
  const d = Math.max(frame.d, 8);
  // The floor depth is foreshortened by the elevation; a 10 % margin keeps edges off the frame.
  const dist = 1.1 * Math.max(w / 2 / Math.tan(halfH), (d * Math.sin(ELEVATION)) / 2 / Math.tan(halfV)) + 4;
  return {
    target: new Vector3(frame.x, 0, frame.z),
    position: new Vector3(frame.x, dist * Math.sin(ELEVATION), frame.z + dist * Math.cos(ELEVATION)),
  };
}

/** Orbit/zoom/pan, and a short glide to the chosen area preset. */
export function CameraRig({ presets }: { presets: CameraPreset[] }) {
  const controls = useRef<ComponentRef<typeof OrbitControls>>(null);
  const { camera, size } = useThree();
  const preset = useUi((s) => s.preset);
  const nonce = useUi((s) => s.presetNonce);
  const glide = useRef<{ target: Vector3; position: Vector3; left: number } | null>(null);
  const frame = useMemo(() => presets.find((p) => p.id === preset)?.frame ?? presets[0]?.frame ?? null, [presets, preset]);

  useEffect(() => {
    if (!frame) return;
    const goal = cameraFor(frame, size.width / Math.max(1, size.height));
    glide.current = { ...goal, left: 0.8 };
  }, [frame, nonce]); // not on resize: the user may have moved the camera since

  useFrame((_, dt) => {
    const g = glide.current;
    const c = controls.current;
    if (!g || !c) return;
    const k = Math.min(1, dt / Math.max(dt, g.left));
    camera.position.lerp(g.position, k);
    c.target.lerp(g.target, k);
    c.update();
    g.left -= dt;
    if (g.left <= 0) glide.current = null;
  });

  return <OrbitControls ref={controls} makeDefault enableDamping dampingFactor={0.15} maxPolarAngle={Math.PI / 2.05} minDistance={3} maxDistance={2000} />;
}
