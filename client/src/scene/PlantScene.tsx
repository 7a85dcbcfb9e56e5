import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { formatter } from '../i18n/format.ts';
import { useUi } from '../state/ui-store.ts';
import { EditLayer } from '../edit/EditLayer.tsx';
import { AreaFloors } from './AreaFloors.tsx';
import { BreakdownMarkers } from './BreakdownMarkers.tsx';
import { CameraRig, cameraFor, FOV_DEG } from './CameraRig.tsx';
import { FillBars } from './FillBars.tsx';
import { isSoftwareRenderer } from './gpu.ts';
import { LabelProjector } from './LabelProjector.tsx';
import type { PlantLayout } from './layout.ts';
import { MovingParts } from './MovingParts.tsx';
import { NEUTRAL } from './palette.ts';
import { Paths } from './Paths.tsx';
import { sceneStats } from './scene-stats.ts';
import { ShapeInstances } from './ShapeInstances.tsx';
import { SHAPE_KINDS } from './shape-kind.ts';
import { isMachineLike } from '../../../server/protocol/node-kinds.ts';

function FrameCounter() {
  useFrame(() => {
    sceneStats.renderedFrames++;
  });
  return null;
}

/** The canvas is an image with a name for screen readers, in the page's language. */
function CanvasName() {
  const gl = useThree((s) => s.gl);
  const locale = useUi((s) => s.locale);
  useEffect(() => {
    gl.domElement.setAttribute('role', 'img');
    gl.domElement.setAttribute('aria-label', formatter(locale).t('canvasLabel'));
  }, [gl, locale]);
  return null;
}

function Plant({ layout }: { layout: PlantLayout }) {
  const byKind = useMemo(() => SHAPE_KINDS.map((kind) => ({ kind, nodes: layout.nodes.filter((n) => n.kind === kind) })), [layout]);
  const stations = useMemo(() => layout.nodes.filter(isMachineLike), [layout]);
  const stores = useMemo(() => layout.nodes.filter((n) => n.type === 'buffer' || n.type === 'delay'), [layout]);
  const { minX, maxX, minZ, maxZ } = layout.bounds;
  const floor = Math.max(maxX - minX, maxZ - minZ) * 3 + 100;
  return (
    <>
      <mesh rotation-x={-Math.PI / 2} position={[(minX + maxX) / 2, 0, (minZ + maxZ) / 2]} receiveShadow onClick={() => useUi.getState().select(null)}>
        <planeGeometry args={[floor, floor]} />
        <meshStandardMaterial color={NEUTRAL.floor} roughness={1} />
      </mesh>
      <AreaFloors areas={layout.areas} />
      {byKind.map(({ kind, nodes }) => (nodes.length > 0 ? <ShapeInstances key={kind} kind={kind} nodes={nodes} /> : null))}
      <Paths edges={layout.edges} />
      <FillBars nodes={stores} />
      <MovingParts edges={layout.edges} />
      <BreakdownMarkers nodes={stations} />
      <EditLayer />
      <LabelProjector />
      <CameraRig presets={layout.presets} />
    </>
  );
}

/** The 3D plant, generated entirely from the layout of the running model. */
export function PlantScene({ layout }: { layout: PlantLayout }) {
  const software = useMemo(isSoftwareRenderer, []);
  const initial = useMemo(() => cameraFor(layout.presets[0].frame!, 1).position.toArray(), [layout]);
  return (
    <Canvas gl={{ antialias: !software }} camera={{ position: initial, fov: FOV_DEG, near: 0.5, far: 5000 }} dpr={software ? 1 : [1, 2]} onPointerMissed={() => useUi.getState().select(null)}>
      <color attach="background" args={['#11151a']} />
      <hemisphereLight args={['#dfe8f2', '#303840', 0.9]} />
      <directionalLight position={[40, 80, 30]} intensity={1.4} />
      <FrameCounter />
      <CanvasName />
      <Plant layout={layout} />
    </Canvas>
  );
}
