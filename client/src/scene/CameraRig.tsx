import { OrbitControls } from '@react-three/drei';
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type ComponentRef } from 'react';
import { Vector3 } from 'three';
import { useUi } from '../state/ui-store.ts';
import { fitCamera, FOV_DEG, type FloorFrame } from './camera-fit.ts';
import type { CameraPreset } from './layout.ts';

export { FOV_DEG };

/** Where the camera sits to frame a rectangle of floor in a viewport of this aspect (camera-fit.ts). */
export function cameraFor(frame: FloorFrame, aspect: number): { target: Vector3; position: Vector3 } {
  const { target, position } = fitCamera(frame, aspect);
  return { target, position };
}

/** Closest zoom, m: a single machine fills the view. */
const MIN_DISTANCE = 4;
/** Farthest zoom, as a multiple of the distance that fits the whole plant: beyond it the plant is a speck. */
const MAX_ZOOM_OUT = 2.2;
/** Panning may take the view's centre this far (m) beyond the plant's edge, no further into the void. */
const PAN_SLACK = 20;

/** Orbit/zoom/pan within limits; a short glide to the chosen area preset, and a refit when the view changes size. */
export function CameraRig({ presets }: { presets: CameraPreset[] }) {
  const controls = useRef<ComponentRef<typeof OrbitControls>>(null);
  const { camera, size } = useThree();
  const preset = useUi((s) => s.preset);
  const nonce = useUi((s) => s.presetNonce);
  const glide = useRef<{ target: Vector3; position: Vector3; left: number } | null>(null);
  const frame = useMemo(() => presets.find((p) => p.id === preset)?.frame ?? presets[0]?.frame ?? null, [presets, preset]);
  const whole = presets[0]?.frame ?? null;
  const aspect = size.width / Math.max(1, size.height);
  const maxDistance = useMemo(() => (whole ? fitCamera(whole, aspect).distance * MAX_ZOOM_OUT : 2000), [whole, aspect]);

  // A new preset glides there; a new viewport size (rotated phone, opened panel) refits at once.
  const lastSize = useRef('');
  useEffect(() => {
    if (!frame) return;
    const goal = cameraFor(frame, aspect);
    const sizeKey = `${size.width}x${size.height}`;
    const resized = lastSize.current !== '' && lastSize.current !== sizeKey;
    lastSize.current = sizeKey;
    glide.current = { ...goal, left: resized ? 0.25 : 0.8 };
  }, [frame, nonce, aspect, size.width, size.height]);

  useFrame((_, dt) => {
    const c = controls.current;
    if (!c) return;
    if (whole) {
      // Keep the orbit centre over the plant: panning far away leaves nothing to see.
      const t = c.target;
      t.x = Math.min(whole.x + whole.w / 2 + PAN_SLACK, Math.max(whole.x - whole.w / 2 - PAN_SLACK, t.x));
      t.z = Math.min(whole.z + whole.d / 2 + PAN_SLACK, Math.max(whole.z - whole.d / 2 - PAN_SLACK, t.z));
      t.y = 0;
    }
    const g = glide.current;
    if (!g) return;
    const k = Math.min(1, dt / Math.max(dt, g.left));
    camera.position.lerp(g.position, k);
    c.target.lerp(g.target, k);
    c.update();
    g.left -= dt;
    if (g.left <= 0) glide.current = null;
  });

  return (
    <OrbitControls
      ref={controls}
      makeDefault
      enableDamping
      dampingFactor={0.15}
      maxPolarAngle={Math.PI / 2.1}
      minDistance={MIN_DISTANCE}
      maxDistance={maxDistance}
      zoomToCursor
    />
  );
}
